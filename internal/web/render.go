package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/docgen"
	"fazhi/internal/httpx"
	"fazhi/internal/org"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates holds one parsed set per page: the layout plus that page.
type templates struct{ pages map[string]*template.Template }

var cst = time.FixedZone("CST", 8*3600)

var funcs = template.FuncMap{
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(cst).Format("2006-01-02 15:04:05")
	},
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(cst).Format("2006年1月2日")
	},
	"roleLabel": func(r auth.Role) string { return r.Label() },
	// isoDate shows an ISO date ("2026-11-19") the Chinese way (2026年11月19日).
	"isoDate": func(s string) string {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return s
		}
		return t.Format("2006年1月2日")
	},
	// titleLines breaks a document title as the exported 公文 does.
	"titleLines": func(t string) []string { return strings.Split(docgen.BalanceTitle(t), "\n") },
	"add":        func(a, b int) int { return a + b },
	"join":       strings.Join,
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"publicSections": func() []publicSection { return publicSections },
	"fieldsOf": func(u org.Unit) org.UnitFields {
		return org.UnitFields{Name: u.Name, ShortName: u.ShortName, Aliases: u.Aliases, Level: u.Level, OrgType: u.OrgType,
			CreditCode: u.CreditCode, RegionCode: u.RegionCode, SortOrder: u.SortOrder}
	},
}

func loadTemplates() (*templates, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || base == publicLayout {
			continue
		}
		layout := layoutOf(base)
		p, err := template.New(layout).Funcs(funcs).ParseFS(templateFS, "templates/"+layout, n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		t.pages[base] = p
	}
	return t, nil
}

// publicLayout is the layout of the public portal pages (no login, no menu,
// readable on a phone): every template named public_*.html uses it.
const publicLayout = "public_layout"

// layoutOf names the layout file a page template is executed in.
func layoutOf(page string) string {
	if strings.HasPrefix(page, "public_") {
		return publicLayout + ".html"
	}
	return "layout.html"
}

type navItem struct {
	Label, Href string
	Active      bool
}

// nav lists the menu entries the user may open, in a fixed order.
var navOrder = []struct {
	label, href string
	perm        auth.Perm
}{
	{"首页", "/", auth.PermHome},
	{"规划督办", "/plans", auth.PermPlanView},
	{"督办任务", "/tasks", auth.PermPlanView},
	{"督察整改", "/supervise/rounds", auth.PermTaskReview},
	{"整改事项", "/rectifications", auth.PermTaskReport},
	{"统计台账", "/ledger", auth.PermLedgerView},
	{"指标目录", "/metrics", auth.PermLedgerView},
	{"考核指标", "/indicators", auth.PermIndicatorView},
	{"考核评分", "/assessments", auth.PermIndicatorView},
	{"年度报告", "/reports", auth.PermReportView},
	{"执法主体", "/enforcement/subjects", auth.PermEnforceView},
	{"执法人员", "/enforcement/officers", auth.PermEnforceView},
	{"权责清单", "/enforcement/items", auth.PermEnforceView},
	{"执法案件", "/cases", auth.PermEnforceView},
	{"行政检查", "/enforcement/inspections", auth.PermEnforceView},
	{"案卷评查", "/enforcement/reviews", auth.PermEnforceSupervise},
	{"评查结果", "/enforcement/reviews/mine", auth.PermEnforceView},
	{"两法衔接", "/enforcement/referrals", auth.PermEnforceView},
	{"执法投诉", "/enforcement/complaints", auth.PermEnforceView},
	{"复议诉讼", "/enforcement/appeals", auth.PermEnforceView},
	{"执法统计", "/enforcement/stats", auth.PermEnforceStats},
	{"数据导入", "/enforcement/imports", auth.PermEnforceImport},
	{"单位管理", "/admin/units", auth.PermUnitView},
	{"用户管理", "/admin/users", auth.PermUserView},
	{"审计日志", "/audit", auth.PermAuditView},
	{"工作日历", "/calendar", auth.PermCalendarView},
	{"期限计算器", "/calendar/calc", auth.PermCalendarView},
	{"期限提醒", "/deadlines", auth.PermCalendarView},
	{"附件", "/attachments", auth.PermAttachView},
	{"后台任务", "/jobs", auth.PermJobView},
}

func (s *Server) nav(r *http.Request, u *auth.User) []navItem {
	var out []navItem
	best, bestLen := -1, 0
	for _, n := range navOrder {
		if !u.Can(n.perm) || !s.hasGET(n.href) {
			continue
		}
		// The longest entry that is the path or a parent of it is the active one.
		if r.URL.Path == n.href || (n.href != "/" && strings.HasPrefix(r.URL.Path, n.href+"/")) {
			if len(n.href) > bestLen {
				best, bestLen = len(out), len(n.href)
			}
		}
		out = append(out, navItem{Label: n.label, Href: n.href})
	}
	if best >= 0 {
		out[best].Active = true
	}
	return out
}

func (s *Server) hasGET(path string) bool {
	want := path
	if path == "/" {
		want = "/{$}"
	}
	for _, rt := range s.routes {
		if rt.Method == "GET" && rt.Pattern == want {
			return true
		}
	}
	return false
}

// view is what every page template receives.
type view struct {
	Title   string
	User    *auth.User
	Nav     []navItem
	CSRF    string
	Flash   string
	Error   string
	Version string
	Data    any
}

func (s *Server) view(r *http.Request, title string, data any) *view {
	v := &view{Title: title, User: httpx.User(r), Data: data, Version: s.Version}
	if v.User != nil {
		v.Nav = s.nav(r, v.User)
	}
	if sess, ok := sessionFrom(r); ok {
		v.CSRF = sess.CSRFToken
	}
	v.Flash = r.URL.Query().Get("ok")
	return v
}

// render executes a page; the output is buffered so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, status int, page string, v *view) {
	t, ok := s.tmpl.pages[page]
	if !ok {
		s.Log.Error("missing template", "page", page)
		http.Error(w, "internal error", 500)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, layoutOf(page), v); err != nil {
		s.Log.Error("template", "page", page, "err", err)
		http.Error(w, "页面渲染失败", 500)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if strings.HasPrefix(page, "public_") && status == http.StatusOK {
		// Public pages hold published information only; a minute of caching
		// spares the server under load and never shows anything private.
		w.Header().Set("Cache-Control", "public, max-age=60")
	} else {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// renderError shows the friendly error page (or the API's JSON error).
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, ae *httpx.AppError) {
	if isAPI(r) {
		httpx.WriteError(w, ae)
		return
	}
	titles := map[int]string{400: "请求有误", 401: "请先登录", 403: "没有权限", 404: "页面不存在", 409: "数据冲突",
		429: "请稍后再试", 500: "系统出错了"}
	title := titles[ae.Status]
	if title == "" {
		title = "出错了"
	}
	v := s.view(r, title, map[string]any{"Status": ae.Status, "Message": ae.Message})
	s.render(w, ae.Status, "error", v)
}

// flashRedirect sends the browser to target with a success message.
// A "#fragment" in target stays at the end, after the added query.
func flashRedirect(w http.ResponseWriter, r *http.Request, target, msg string) {
	target, frag, hasFrag := strings.Cut(target, "#")
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	target += sep + "ok=" + urlQueryEscape(msg)
	if hasFrag {
		target += "#" + frag
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}
