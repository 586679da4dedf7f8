package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/demo"
)

func TestLoginWrongPasswordsLockAccount(t *testing.T) {
	f := getFixture(t)
	c := newClient(t, f.srv.URL)
	for i := 1; i <= 4; i++ {
		resp := c.login("head.jtj", "Wrong#password1")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("failure %d: status %d", i, resp.StatusCode)
		}
	}
	c.get("/login")
	_, body := c.post("/login", url.Values{"username": {"head.jtj"}, "password": {"Wrong#password1"}})
	if !strings.Contains(body, "已被锁定") {
		t.Fatal("5th failure did not report the lock")
	}
	c.get("/login")
	resp, body := c.post("/login", url.Values{"username": {"head.jtj"}, "password": {demo.Password}})
	if resp.StatusCode == http.StatusSeeOther || !strings.Contains(body, "已被锁定") {
		t.Fatal("locked account logged in with the right password")
	}
	sec := f.as(t, "secadmin")
	u, _ := f.app.Auth.GetByUsername(t.Context(), "head.jtj")
	// The security administrator's view of the account: roles and unlock.
	wantPage(t, sec, "/admin/users/"+itoa(u.ID), http.StatusOK, "保存角色", "解锁账号")
	if resp, _ := sec.post("/admin/users/"+itoa(u.ID)+"/unlock", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unlock: %d", resp.StatusCode)
	}
	if resp := c.login("head.jtj", demo.Password); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login after unlock: %d", resp.StatusCode)
	}
	_, n, _ := audit.Search(t.Context(), f.app.DB, audit.Filter{Action: audit.ActionLockout})
	if n < 1 {
		t.Fatal("lockout not audited")
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "admin")
	form := url.Values{"csrf_token": {c.csrf}, "display_name": {"攻击者改名"}}
	req, _ := http.NewRequest("POST", f.srv.URL+"/admin/users/1", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, body := c.do(req)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "跨站请求已被拒绝") {
		t.Fatalf("cross-origin POST: %d", resp.StatusCode)
	}
	// Same origin but without the form token: refused too.
	resp, body = c.post("/admin/users/1", url.Values{"csrf_token": {"forged"}, "display_name": {"x"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "页面已过期") {
		t.Fatalf("missing token: %d", resp.StatusCode)
	}
	u, _ := f.app.Auth.Get(t.Context(), 1)
	if strings.Contains(u.DisplayName, "攻击者") || u.DisplayName == "x" {
		t.Fatal("forged request changed data")
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := getFixture(t)
	resp, _ := newClient(t, f.srv.URL).get("/login")
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Error("CSP allows inline code")
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("nosniff missing")
	}
	for _, c := range resp.Cookies() {
		if !c.HttpOnly {
			t.Errorf("cookie %s not HttpOnly", c.Name)
		}
	}
}

func TestForcedPasswordChangeAndLogout(t *testing.T) {
	f := getFixture(t)
	admin := f.as(t, "admin")
	admin.get("/admin/users/new")
	units, _ := f.app.Org.FindByName(t.Context(), "清溪县司法局")
	resp, body := admin.post("/admin/users", url.Values{"username": {"new.staff"}, "display_name": {"新同事"},
		"unit_id": {itoa(units[0].ID)}, "password": {"Initial#2026pw"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create user: %d %s", resp.StatusCode, body)
	}
	_, body = admin.post("/admin/users", url.Values{"username": {"new.staff"}, "display_name": {"重复"},
		"unit_id": {itoa(units[0].ID)}, "password": {"Initial#2026pw"}})
	if !strings.Contains(body, "已存在") {
		t.Fatal("duplicate username not reported")
	}
	c := newClient(t, f.srv.URL)
	if resp := c.login("new.staff", "Initial#2026pw"); resp.Header.Get("Location") != "/password" {
		t.Fatalf("first login went to %q, want /password", resp.Header.Get("Location"))
	}
	if resp, _ := c.get("/"); resp.Header.Get("Location") != "/password" {
		t.Fatal("home reachable before the forced change")
	}
	c.get("/password")
	resp, body = c.post("/password", url.Values{"old_password": {"Initial#2026pw"}, "password": {"Changed#2026pw"}, "password2": {"Changed#2026pw"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d %s", resp.StatusCode, body)
	}
	if resp := c.login("new.staff", "Changed#2026pw"); resp.Header.Get("Location") != "/" {
		t.Fatalf("login after change went to %q", resp.Header.Get("Location"))
	}
	resp, body = c.get("/")
	if resp.StatusCode != 200 || !strings.Contains(body, "清溪县司法局") {
		t.Fatalf("home: %d", resp.StatusCode)
	}
	c.post("/logout", nil)
	if resp, _ := c.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatal("session alive after logout")
	}
}

func TestSysadminCannotReadAuditButAuditorCan(t *testing.T) {
	f := getFixture(t)
	if resp, _ := f.as(t, "admin").get("/audit"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("sysadmin /audit: %d", resp.StatusCode)
	}
	resp, body := f.as(t, "auditor").get("/audit?action=auth.")
	if resp.StatusCode != 200 || !strings.Contains(body, "登录成功") {
		t.Fatalf("auditor /audit: %d", resp.StatusCode)
	}
	resp, _ = f.as(t, "auditor").get("/audit/export.xlsx")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	_, n, _ := audit.Search(t.Context(), f.app.DB, audit.Filter{Action: audit.ActionDenied, Username: "admin"})
	if n == 0 {
		t.Fatal("denial not audited")
	}
	// The auditor cannot change business data.
	if !auth.Allowed([]auth.Role{auth.RoleAuditor}, auth.PermUnitManage) {
		if resp, _ := f.as(t, "auditor").post("/admin/units/1", url.Values{"name": {"x"}}); resp.StatusCode != 403 {
			t.Fatalf("auditor edit unit: %d", resp.StatusCode)
		}
	}
}

func TestFriendlyErrorPages(t *testing.T) {
	f := getFixture(t)
	resp, body := f.as(t, "fazhiban").get("/no/such/page")
	if resp.StatusCode != 404 || !strings.Contains(body, "页面不存在") || !strings.Contains(body, "返回首页") {
		t.Fatalf("404 page: %d", resp.StatusCode)
	}
	resp, body = f.as(t, "fazhiban").get("/admin/units/999999")
	if resp.StatusCode != 404 || !strings.Contains(body, "不存在") {
		t.Fatalf("missing unit: %d", resp.StatusCode)
	}
}
