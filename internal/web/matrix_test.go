package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

// concrete fills a route pattern's wildcards with values that name nothing,
// so that allowed requests end in 404/400 and change no data.
func concrete(pattern string) string {
	p := strings.ReplaceAll(pattern, "{$}", "")
	for strings.Contains(p, "{") {
		i, j := strings.Index(p, "{"), strings.Index(p, "}")
		p = p[:i] + "999999" + p[j+1:]
	}
	if strings.HasSuffix(p, "/static/") {
		p += "app.css"
	}
	return p
}

// TestEveryRouteHasARule fails when a route is added without naming its
// permission (or declaring itself public).
func TestEveryRouteHasARule(t *testing.T) {
	f := getFixture(t)
	routes := f.app.Web.Routes()
	if len(routes) < 20 {
		t.Fatalf("only %d routes: table not loaded?", len(routes))
	}
	for _, rt := range routes {
		if rt.Public == (rt.Perm != "") {
			t.Errorf("%s: must name exactly one of Perm or Public", rt.Key())
		}
		if rt.Perm != "" && !auth.Known(rt.Perm) {
			t.Errorf("%s: unknown permission %q", rt.Key(), rt.Perm)
		}
		if rt.Handler == nil {
			t.Errorf("%s: no handler", rt.Key())
		}
	}
}

// TestRouteRoleMatrix requests every route as every role and as nobody, and
// checks the answer against the permission table.
func TestRouteRoleMatrix(t *testing.T) {
	f := getFixture(t)
	tokens := map[auth.Role]string{}
	for role, username := range roleUser {
		u, err := f.app.Auth.GetByUsername(t.Context(), username)
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := f.app.Auth.CreateToken(t.Context(), u.ID, "matrix", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		tokens[role] = secret
	}
	for _, rt := range f.app.Web.Routes() {
		if rt.Key() == "POST /logout" || rt.Key() == "POST /password" {
			continue // would end the shared sessions; covered in auth_flow_test
		}
		path := concrete(rt.Pattern)
		api := strings.HasPrefix(rt.Pattern, "/api/")
		anon := newClient(t, f.srv.URL)
		status := request(t, anon, rt, path, "")
		if !rt.Public && status != http.StatusSeeOther && status != http.StatusUnauthorized && status != http.StatusForbidden {
			t.Errorf("%s anonymous: status %d, want login redirect, 401 or 403", rt.Key(), status)
		}
		if rt.Public && rt.Method != "GET" {
			continue // public forms carry their own token (login); no role rule applies
		}
		for _, role := range auth.AllRoles {
			c := f.as(t, roleUser[role])
			tok := ""
			if api {
				tok = tokens[role]
			}
			status := request(t, c, rt, path, tok)
			allowed := rt.Public || auth.Allowed([]auth.Role{role}, rt.Perm)
			if allowed && (status == http.StatusForbidden || status == http.StatusUnauthorized) {
				t.Errorf("%s as %s: status %d, but the role holds %s", rt.Key(), role.Label(), status, rt.Perm)
			}
			if !allowed && status != http.StatusForbidden {
				t.Errorf("%s as %s: status %d, want 403", rt.Key(), role.Label(), status)
			}
		}
	}
}

func request(t *testing.T, c *client, rt httpx.Route, path, token string) int {
	t.Helper()
	if rt.Method == "GET" {
		req, _ := http.NewRequest("GET", c.base+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, _ := c.do(req)
		return resp.StatusCode
	}
	req, _ := http.NewRequest(rt.Method, c.base+path, strings.NewReader("csrf_token="+c.csrf))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, _ := c.do(req)
	return resp.StatusCode
}
