package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"fazhi/internal/app"
	"fazhi/internal/auth"
	"fazhi/internal/demo"
)

// fixture is one demo county served over HTTP, shared by the package's tests
// (seeding hashes eighty passwords, so it is done once).
type fixture struct {
	app *app.App
	srv *httptest.Server
	mu  sync.Mutex
	cls map[string]*client
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
)

func TestMain(m *testing.M) {
	auth.CheapHashingForTests()
	code := m.Run()
	if fix != nil {
		fix.srv.Close()
		fix.app.Close()
	}
	os.Exit(code)
}

func getFixture(t *testing.T) *fixture {
	t.Helper()
	fixOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fazhi-web-test-")
		if err != nil {
			fixErr = err
			return
		}
		cfg := app.FromEnv()
		cfg.DB, cfg.DataDir = filepath.Join(dir, "t.db"), filepath.Join(dir, "data")
		_ = os.MkdirAll(cfg.DataDir, 0o750)
		a, err := app.Open(context.Background(), cfg, nil)
		if err != nil {
			fixErr = err
			return
		}
		s := &demo.Seeder{DB: a.DB, Org: a.Org, Auth: a.Auth}
		if _, err := s.Run(context.Background()); err != nil {
			fixErr = err
			return
		}
		if err := s.Deadlines(context.Background(), a.Deadlines); err != nil {
			fixErr = err
			return
		}
		fix = &fixture{app: a, srv: httptest.NewServer(a.Handler()), cls: map[string]*client{}}
	})
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fix
}

// roleUser is the demo account holding exactly that role.
var roleUser = map[auth.Role]string{
	auth.RoleSysAdmin: "admin", auth.RoleSecAdmin: "secadmin", auth.RoleAuditor: "auditor",
	auth.RoleLegalOffice: "fazhiban", auth.RoleLeader: "leader", auth.RoleDeptLegal: "legal.scjgj",
	auth.RoleOfficer: "officer.scjgj", auth.RoleAssessor: "assessor",
}

// client is a browser session: cookie jar plus the page's CSRF token.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfMeta = regexp.MustCompile(`name="csrf_token" value="([^"]+)"|name="csrf-token" content="([^"]+)"`)

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	body := string(b)
	if m := csrfMeta.FindStringSubmatch(body); m != nil {
		c.csrf = m[1] + m[2]
	}
	return resp, body
}

// post submits a form the way the browser does (same origin, with the token).
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", c.csrf)
	}
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func (c *client) login(username, password string) *http.Response {
	c.t.Helper()
	c.get("/login")
	resp, _ := c.post("/login", url.Values{"username": {username}, "password": {password}})
	return resp
}

// as returns a logged-in client for a demo account, cached per test binary.
func (f *fixture) as(t *testing.T, username string) *client {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.cls[username]; ok {
		c.t = t
		return c
	}
	c := newClient(t, f.srv.URL)
	if resp := c.login(username, demo.Password); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", username, resp.StatusCode)
	}
	c.get("/")
	f.cls[username] = c
	return c
}
