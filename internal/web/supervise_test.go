package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fazhi/internal/app"
	"fazhi/internal/demo"
	"fazhi/internal/supervise"
	"fazhi/internal/xlsx"

	"github.com/chromedp/chromedp"
)

// postMultipart submits a form with files the way the browser does.
func (c *client) postMultipart(path string, fields url.Values, files map[string][]byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", c.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("evidence", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

var (
	reTaskLink   = regexp.MustCompile(`<a href="/tasks/(\d+)">全面推行行政执法三项制度</a>`)
	reAssignOpt  = regexp.MustCompile(`name="assignment_id"><option value="(\d+)"`)
	reReportID   = regexp.MustCompile(`id="report-(\d+)"`)
	reAttachLink = regexp.MustCompile(`<a href="/attachments/(\d+)">三项制度.pdf</a>`)
)

// superviseFixture activates the demo plan (as the 法治办 would) and returns
// the id of task (七), which 县市场监督管理局 leads.
func superviseFixture(t *testing.T) (*fixture, int64, int64) {
	t.Helper()
	f, planID := planFixture(t)
	c := f.as(t, "fazhiban")
	c.get("/tasks")
	if resp, _ := c.post("/supervise/plans/"+itoa(planID)+"/activate", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("activate: status %d", resp.StatusCode)
	}
	legal := f.as(t, "legal.scjgj")
	body := wantPage(t, legal, "/tasks", http.StatusOK, "督办任务", "全面推行行政执法三项制度")
	m := reTaskLink.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("task (七) not in the department's list")
	}
	taskID, _ := strconv.ParseInt(m[1], 10, 64)
	return f, planID, taskID
}

// A department's 法制员 reports with an evidence PDF, the 法治办 returns and
// then accepts the revision, the department marks its task done.
func TestSuperviseReportFlow(t *testing.T) {
	f, _, taskID := superviseFixture(t)
	legal, office := f.as(t, "legal.scjgj"), f.as(t, "fazhiban")
	path := "/tasks/" + itoa(taskID)
	body := wantPage(t, legal, path, http.StatusOK, "报送进展", "清溪县市场监督管理局", "2026年6月30日")
	m := reAssignOpt.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no report form for the department")
	}
	form := url.Values{"assignment_id": {m[1]}, "period": {"2026年第4季度"}, "body": {"完成执法人员资格清理"},
		"figure_name": {"清理人员"}, "figure_value": {"12人"}}
	pdf := []byte("%PDF-1.4\n三项制度\n%%EOF\n")
	if resp, _ := legal.postMultipart(path+"/reports", form, map[string][]byte{"三项制度.pdf": pdf}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("report: status %d", resp.StatusCode)
	}
	body = wantPage(t, office, path, http.StatusOK, "已提交", "12人", "采纳", "退回")
	rid := reReportID.FindStringSubmatch(body)
	if rid == nil || reAttachLink.FindStringSubmatch(body) == nil {
		t.Fatal("report or its evidence link missing")
	}
	if resp, _ := office.post("/tasks/reports/"+rid[1]+"/return", url.Values{"comment": {"请补充清理名单"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: status %d", resp.StatusCode)
	}
	wantPage(t, legal, path, http.StatusOK, "已退回", "请补充清理名单")
	form.Set("body", "完成执法人员资格清理，名单见附件")
	if resp, _ := legal.postMultipart(path+"/reports", form, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: status %d", resp.StatusCode)
	}
	if resp, _ := office.post("/tasks/reports/"+rid[1]+"/accept", url.Values{"comment": {"同意"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: status %d", resp.StatusCode)
	}
	if resp, _ := legal.post("/tasks/assignments/"+m[1]+"/complete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("complete: status %d", resp.StatusCode)
	}
	wantPage(t, legal, path, http.StatusOK, "已采纳", "第2稿", "已完成", "已办结")
	// The evidence downloads for the department.
	if resp, got := legal.get("/attachments/" + reAttachLink.FindStringSubmatch(body)[1]); resp.StatusCode != http.StatusOK || got != string(pdf) {
		t.Fatalf("evidence download: status %d", resp.StatusCode)
	}
}

// A department may not report for another unit; an officer sees no tasks.
func TestSuperviseScope(t *testing.T) {
	f, _, taskID := superviseFixture(t)
	as, err := f.app.Web.Tasks.List(t.Context(), supervise.Filter{TaskID: taskID})
	if err != nil {
		t.Fatal(err)
	}
	var other int64
	for _, a := range as {
		if strings.Contains(a.UnitName, "司法局") {
			other = a.ID
		}
	}
	if other == 0 {
		t.Fatalf("no 司法局 assignment in %+v", as)
	}
	legal := f.as(t, "legal.scjgj")
	legal.get("/tasks/" + itoa(taskID))
	resp, _ := legal.postMultipart("/tasks/"+itoa(taskID)+"/reports", url.Values{"assignment_id": {itoa(other)},
		"period": {"2026年11月"}, "body": {"代报"}}, nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("report for another unit: status %d, want 403", resp.StatusCode)
	}
	body := wantPage(t, legal, "/tasks", http.StatusOK)
	if strings.Contains(body, "发挥行政复议主渠道作用") && !strings.Contains(body, "清溪县市场监督管理局") {
		t.Error("department list shows other units' tasks")
	}
	if strings.Contains(body, "清溪县司法局") {
		t.Error("department list shows 司法局 assignments")
	}
	officer := f.as(t, "officer.scjgj")
	for _, p := range []string{"/tasks", "/tasks/" + itoa(taskID), "/supervise/dashboard", "/tasks/export.xlsx"} {
		if resp, _ := officer.get(p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("officer GET %s: status %d, want 403", p, resp.StatusCode)
		}
	}
}

// The dashboard carries the chart data and drill-down links; the list exports.
func TestSuperviseDashboardAndExport(t *testing.T) {
	f, planID, _ := superviseFixture(t)
	c := f.as(t, "fazhiban")
	body := wantPage(t, c, "/supervise/dashboard?plan="+itoa(planID), http.StatusOK, "督办统计",
		"/static/vendor/echarts-5.6.0.min.js", "/static/supervise.js", `data-chart="{&#34;units&#34;:{&#34;names&#34;:[`,
		"清溪县市场监督管理局", "/tasks?unit=", "按章节")
	if strings.Contains(body, "<script>") {
		t.Error("inline script on the dashboard")
	}
	wantPage(t, c, "/static/supervise.js", http.StatusOK, "echarts.init")
	wantPage(t, c, "/tasks?overdue=1", http.StatusOK, "逾期")
	// A year's view (where the annual report's figures link) counts the
	// tasks under supervision in that year, as of its end or today.
	now := time.Now().In(time.FixedZone("CST", 8*3600))
	year := now.Year()
	wantPage(t, c, "/supervise/dashboard?year="+itoa(int64(year)), http.StatusOK, "id=\"year-basis\"",
		itoa(int64(year))+"年度口径", now.Format("截至2006年1月2日"), `<option value="`+itoa(int64(year))+`" selected>`,
		"清溪县市场监督管理局")
	body = wantPage(t, c, "/supervise/dashboard?year="+itoa(int64(year-1)), http.StatusOK, itoa(int64(year-1))+"年12月31日")
	if !strings.Contains(body, "暂无督办任务") || strings.Contains(body, "/tasks?unit=") || !strings.Contains(body, `id="sv-no-charts"`) ||
		strings.Contains(body, `id="sv-charts"`) {
		t.Error("a plan confirmed this year shows in last year's view")
	}
	for _, bad := range []string{"abc", itoa(int64(year + 1)), "1999"} {
		wantPage(t, c, "/supervise/dashboard?year="+bad, http.StatusBadRequest, "年度“"+bad+"”无效")
	}
	resp, data := c.get("/tasks/export.xlsx?plan=" + itoa(planID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("export: status %d type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	rows, err := xlsx.Read(strings.NewReader(data), "督办任务")
	if err != nil || len(rows) < 10 || rows[0][3] != "任务" {
		t.Fatalf("export rows: %d %v", len(rows), err)
	}
}

// The demo county's sample reports seed on a fresh database: one accepted
// and completed with evidence, one returned, one awaiting review.
func TestSuperviseDemoSeeder(t *testing.T) {
	dir := t.TempDir()
	cfg := app.FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "t.db"), filepath.Join(dir, "data")
	a, err := app.Open(t.Context(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	s := &demo.Seeder{DB: a.DB, Org: a.Org, Auth: a.Auth}
	if _, err := s.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := s.Plan(t.Context(), a.Web.Plans); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second run changes nothing
		if err := s.Supervise(t.Context(), a.Web.Plans, a.Web.Tasks); err != nil {
			t.Fatal(err)
		}
	}
	st, err := a.Web.Tasks.Stats(t.Context(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.Total < 10 || st.Total.Done != 1 || len(st.Months) != 1 || st.Months[0].Submitted != 3 || st.Months[0].Accepted != 1 {
		t.Fatalf("demo stats: %+v", st)
	}
}

// In Chromium the dashboard draws its three charts under the CSP, and a
// click on a unit's bar drills down to that unit's tasks.
func TestBrowserSuperviseDashboard(t *testing.T) {
	f, _, taskID := superviseFixture(t)
	ctx := browser(t)
	loginInBrowser(t, ctx, f.srv.URL, "fazhiban")
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(f.srv.URL+"/supervise/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("#chart-months canvas"))); err != nil {
		t.Fatalf("dashboard charts: %v", err)
	}
	n, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll("#sv-charts canvas").length`))
	if err != nil || n != 3 {
		t.Fatalf("%d chart canvases (%v), want 3", n, err)
	}
	screenshot(t, ctx, "supervise-dashboard")
	link, err := chromedp.Run(tctx, chromedp.Evaluate[string](
		`(function () { var o = echarts.getInstanceByDom(document.getElementById("chart-units")).getOption();
			return ((o.yAxis[0].data || o.xAxis[0].data) || []).length > 0 ? "ok" : ""; })()`))
	if err != nil || link != "ok" {
		t.Fatalf("unit chart empty: %q %v", link, err)
	}
	for name, path := range map[string]string{"supervise-task": "/tasks/" + itoa(taskID), "supervise-list": "/tasks"} {
		if err := chromedp.Do(tctx, chromedp.Navigate(f.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		screenshot(t, ctx, name)
	}
}
