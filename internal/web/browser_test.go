package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fazhi/internal/demo"
)

// browser starts the system Chromium headless (as root it needs --no-sandbox;
// background networking is off because this network is closed). Skips when
// no Chromium is installed; CI installs it.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if lp, err := exec.LookPath(p); err == nil {
			path = lp
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI without Chromium: .ci/run must install it")
		}
		t.Skip("no Chromium installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil { // start the browser before any timeout applies
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// screenshot keeps a picture of the page for people to look at, in
// FAZHI_SCREENSHOTS when set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("FAZHI_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// js runs a script in the page as one step (DevTools evaluation is not
// subject to the page's CSP).
func js(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[int](expr+"; 1")(ctx, tg)
		return err
	})
}

// browserStep runs one step of a walk-through with a time limit; a failure
// keeps a screenshot named after the test.
func browserStep(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, actions...); err != nil {
		screenshot(t, ctx, strings.ReplaceAll(t.Name(), "/", "_")+"-failed")
		t.Fatalf("%s: %v", what, err)
	}
}

// browserText reads a value from the page.
func browserText(t *testing.T, ctx context.Context, a chromedp.Action[string]) string {
	t.Helper()
	s, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func loginInBrowser(t *testing.T, ctx context.Context, base, user string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(tctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.ID("login-submit")),
		chromedp.WaitVisible(chromedp.ID("home-unit")),
	)
	if err != nil {
		t.Fatalf("login %s in browser: %v", user, err)
	}
}

// TestBrowserLoginShowsRoleHome logs in through the real form in Chromium as
// several demo roles and checks the home page and the menu each one gets.
func TestBrowserLoginShowsRoleHome(t *testing.T) {
	f := getFixture(t)
	cases := []struct {
		user, unit, role string
		nav              []string
		notNav           []string
	}{
		{"fazhiban", "清溪县司法局", "法治办", []string{"首页", "单位管理"}, []string{"审计日志", "用户管理"}},
		{"auditor", "清溪县人民政府办公室", "安全审计员", []string{"审计日志"}, []string{"单位管理", "用户管理"}},
		{"admin", "清溪县人民政府办公室", "系统管理员", []string{"单位管理", "用户管理"}, []string{"审计日志"}},
	}
	for _, c := range cases {
		t.Run(c.user, func(t *testing.T) {
			ctx := browser(t)
			loginInBrowser(t, ctx, f.srv.URL, c.user)
			unit, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("home-unit")))
			if err != nil || unit != c.unit {
				t.Fatalf("home unit %q (%v), want %q", unit, err, c.unit)
			}
			roles, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("home-roles")))
			if roles != c.role {
				t.Errorf("roles %q, want %q", roles, c.role)
			}
			nav, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("nav.side")))
			for _, n := range c.nav {
				if !strings.Contains(nav, n) {
					t.Errorf("menu %q lacks %s", nav, n)
				}
			}
			for _, n := range c.notNav {
				if strings.Contains(nav, n) {
					t.Errorf("menu %q shows %s to %s", nav, n, c.role)
				}
			}
			// htmx and the page script load under the CSP (no inline script).
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof htmx === "object"`))
			if err != nil || !ok {
				t.Errorf("htmx not loaded: %v", err)
			}
			screenshot(t, ctx, "home-"+c.user)
		})
	}
}
