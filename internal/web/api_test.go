package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func apiGet(t *testing.T, base, path, token string, into any) int {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: content type %q", path, ct)
	}
	if into != nil {
		if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return resp.StatusCode
}

// TestOpenAPIMatchesRoutes checks the served document against the route
// table in both directions.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	f := getFixture(t)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if st := apiGet(t, f.srv.URL, "/api/v1/openapi.json", "", &doc); st != 200 || doc.OpenAPI == "" {
		t.Fatalf("openapi.json: %d %q", st, doc.OpenAPI)
	}
	n := 0
	for _, rt := range f.app.Web.Routes() {
		if !strings.HasPrefix(rt.Pattern, "/api/") {
			continue
		}
		n++
		if _, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("route %s missing from openapi.json", rt.Key())
		}
	}
	documented := 0
	for _, ops := range doc.Paths {
		documented += len(ops)
	}
	if documented != n {
		t.Errorf("openapi.json documents %d operations, the router serves %d", documented, n)
	}
}

func TestAPIErrorsAndPagination(t *testing.T) {
	f := getFixture(t)
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if st := apiGet(t, f.srv.URL, "/api/v1/units", "", &e); st != 401 || e.Error.Code != "unauthorized" || e.Error.Message == "" {
		t.Fatalf("no token: %d %+v", st, e)
	}
	if st := apiGet(t, f.srv.URL, "/api/v1/units", "fzt_nonsense", &e); st != 401 {
		t.Fatalf("bad token: %d", st)
	}
	u, _ := f.app.Auth.GetByUsername(t.Context(), "fazhiban")
	tok, _, err := f.app.Auth.CreateToken(t.Context(), u.ID, "api-test", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Items []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"items"`
		Total, Page, PerPage int
	}
	if st := apiGet(t, f.srv.URL, "/api/v1/units?per_page=5&page=2", tok, &page); st != 200 {
		t.Fatalf("units: %d", st)
	}
	if len(page.Items) != 5 || page.Total < 40 || page.Page != 2 {
		t.Fatalf("pagination: %d items of %d, page %d", len(page.Items), page.Total, page.Page)
	}
	if st := apiGet(t, f.srv.URL, "/api/v1/audit", tok, &e); st != 403 || e.Error.Code != "forbidden" {
		t.Fatalf("法治办 reading audit: %d %+v", st, e)
	}
	// A department's 法制员 sees only its own subtree.
	lu, _ := f.app.Auth.GetByUsername(t.Context(), "legal.scjgj")
	ltok, _, _ := f.app.Auth.CreateToken(t.Context(), lu.ID, "api-test", time.Hour)
	if st := apiGet(t, f.srv.URL, "/api/v1/units?per_page=200", ltok, &page); st != 200 || page.Total != 3 {
		t.Fatalf("scoped units: %d, %d units (want the bureau and its 2 sections)", st, page.Total)
	}
	if st := apiGet(t, f.srv.URL, "/api/v1/units/1", ltok, &e); st != 404 {
		t.Fatalf("unit outside scope: %d", st)
	}
}
