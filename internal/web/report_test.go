package web_test

import (
	"archive/zip"
	"bytes"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fazhi/internal/demo"
	"fazhi/internal/report"
)

var reportSeedOnce sync.Once

// reportFixture adds the demo county's yearly ledger (once) to the shared
// fixture, so reports of demo.LedgerYear draft from real figures.
func reportFixture(t *testing.T) *fixture {
	t.Helper()
	f := getFixture(t)
	var err error
	reportSeedOnce.Do(func() {
		s := &demo.Seeder{DB: f.app.DB, Org: f.app.Org, Auth: f.app.Auth}
		err = s.Ledger(t.Context(), f.app.Web.Ledger)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var reReportLocation = regexp.MustCompile(`^/reports/(\d+)\?`)

// draftReport drafts a report through the form and returns its id.
func draftReport(t *testing.T, f *fixture, c *client, unitName string, year int) int64 {
	t.Helper()
	resp, body := c.post("/reports", url.Values{"unit_id": {idText(unitID(t, f, unitName))}, "year": {strconv.Itoa(year)}})
	m := reReportLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("draft %s %d: status %d, location %q: %s", unitName, year, resp.StatusCode, resp.Header.Get("Location"), errorText(body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

var reFlashErr = regexp.MustCompile(`(?s)<div class="flash err" role="alert">(.*?)</div>|<p class="code">\d+</p>\s*<p>(.*?)</p>`)

// errorText is the error a page shows, for test failure messages.
func errorText(body string) string {
	if m := reFlashErr.FindStringSubmatch(body); m != nil {
		return html.UnescapeString(m[1] + m[2])
	}
	if len(body) > 300 {
		return body[:300]
	}
	return body
}

var reTextarea = regexp.MustCompile(`(?s)<textarea name="body" id="section-body"[^>]*>(.*?)</textarea>`)
var reBase = regexp.MustCompile(`name="base" value="(\d+)"`)
var reHeading = regexp.MustCompile(`name="heading" id="section-heading" value="([^"]*)"`)

// sectionForm reads the editor's body, base version and heading.
func sectionForm(t *testing.T, c *client, id int64, key string) (body, base, heading string) {
	t.Helper()
	resp, page := c.get("/reports/" + idText(id) + "/sections/" + key)
	tm, bm := reTextarea.FindStringSubmatch(page), reBase.FindStringSubmatch(page)
	if resp.StatusCode != http.StatusOK || tm == nil || bm == nil {
		t.Fatalf("editor %s: status %d: %s", key, resp.StatusCode, errorText(page))
	}
	if hm := reHeading.FindStringSubmatch(page); hm != nil {
		heading = html.UnescapeString(hm[1])
	}
	return html.UnescapeString(strings.TrimPrefix(tm[1], "\n")), bm[1], heading
}

// fillPlaceholders writes text in place of every 【…】 of the report,
// through the editor, as the 法治办 would.
func fillPlaceholders(t *testing.T, f *fixture, c *client, id int64) {
	t.Helper()
	full, err := f.app.Web.Reports.Load(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range full.Sections {
		if len(report.Placeholders(sec.Body)) == 0 {
			continue
		}
		body, base, heading := sectionForm(t, c, id, sec.Key)
		body = regexp.MustCompile(`【[^【】]*】`).ReplaceAllString(body, "结合本地实际，持续完善相关工作机制。")
		resp, page := c.post("/reports/"+idText(id)+"/sections/"+sec.Key, url.Values{"body": {body}, "base": {base},
			"heading": {heading}, "note": {"补充内容"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("fill %s: status %d: %s", sec.Key, resp.StatusCode, errorText(page))
		}
	}
}

func TestReportListDraftAndDuplicate(t *testing.T) {
	f := reportFixture(t)
	c := f.as(t, "fazhiban")
	resp, body := c.get("/reports")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="report-new"`) || !strings.Contains(body, "白石镇") {
		t.Fatalf("list: %d, form or township missing", resp.StatusCode)
	}
	if strings.Contains(body, ">　　法规科<") {
		t.Error("the unit select offers a 科室")
	}
	id := draftReport(t, f, c, "清溪县发展和改革局", demo.LedgerYear)
	_, body = c.get("/reports?year=" + strconv.Itoa(demo.LedgerYear))
	if !strings.Contains(body, `id="report-row-`+idText(id)+`"`) || !strings.Contains(body, "清溪县发展和改革局关于2025年度法治政府建设情况的报告") {
		t.Fatalf("list lacks the new report")
	}
	// Its dates (2026-03-01, 2026-04-01) have passed: both flagged.
	row := body[strings.Index(body, `id="report-row-`+idText(id)+`"`):]
	row = row[:strings.Index(row, "</tr>")]
	if strings.Count(row, "已逾期") != 2 || !strings.Contains(row, "2026年3月1日") {
		t.Errorf("row dates: %s", row)
	}
	resp, body = c.post("/reports", url.Values{"unit_id": {idText(unitID(t, f, "清溪县发展和改革局"))}, "year": {"2025"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "清溪县发展和改革局的2025年度报告已经存在") {
		t.Fatalf("duplicate: %d %s", resp.StatusCode, errorText(body))
	}
	resp, body = c.post("/reports", url.Values{"unit_id": {idText(unitID(t, f, "清溪县发展和改革局"))}, "year": {"二〇二五"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请填写报告年度") {
		t.Fatalf("bad year: %d %s", resp.StatusCode, errorText(body))
	}
	// A 法制员 drafts only within the own unit.
	dept := f.as(t, "legal.scjgj")
	resp, body = dept.post("/reports", url.Values{"unit_id": {idText(unitID(t, f, "清溪县人民政府"))}, "year": {"2025"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "不在您的数据范围内") {
		t.Fatalf("out of scope draft: %d %s", resp.StatusCode, errorText(body))
	}
	_, body = dept.get("/reports")
	if strings.Contains(body, `id="report-row-`+idText(id)+`"`) {
		t.Error("a 法制员 sees another department's report in the list")
	}
}

func TestReportPageFiguresScopeAndRoles(t *testing.T) {
	f := reportFixture(t)
	office := f.as(t, "fazhiban")
	dept := f.as(t, "legal.scjgj")
	own := draftReport(t, f, dept, "清溪县市场监督管理局", demo.LedgerYear)
	other := draftReport(t, f, office, "清溪县教育局", demo.LedgerYear)

	resp, body := dept.get("/reports/" + idText(own))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("own report: %d", resp.StatusCode)
	}
	for _, want := range []string{
		"一、2025年度推进法治政府建设的主要举措和成效", "（一）", "二、党政主要负责人履行推进法治建设第一责任人职责情况",
		`class="rp-fig" href="/ledger?unit=`, "；来源：台账", `<mark class="rp-ph">【请补充`, `id="blockers"`,
		`id="submit-form"`, `id="dl-docx"`, "报送党委和上级政府", "依据：", `id="report-figures"`, `id="edit-intro"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	if strings.Contains(body, `id="publish-form"`) {
		t.Error("publish offered on a draft to a 法制员")
	}
	// Another department's report does not exist for the 法制员.
	for _, p := range []string{"", "/sections/intro", "/sections/intro/history", "/export/docx"} {
		if resp, _ := dept.get("/reports/" + idText(other) + p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("other scope %s: %d, want 404", p, resp.StatusCode)
		}
	}
	if resp, _ := dept.post("/reports/"+idText(other)+"/refresh", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other scope refresh: %d, want 404", resp.StatusCode)
	}
	// The 法制员 cannot publish, the leader cannot edit.
	if resp, _ := dept.post("/reports/"+idText(own)+"/publish", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 publish: %d, want 403", resp.StatusCode)
	}
	leader := f.as(t, "leader")
	resp, body = leader.get("/reports/" + idText(own))
	if resp.StatusCode != http.StatusOK || strings.Contains(body, `id="edit-intro"`) || strings.Contains(body, `id="submit-form"`) {
		t.Errorf("leader view: %d, edit links or forms shown", resp.StatusCode)
	}
	if resp, _ := leader.get("/reports/" + idText(own) + "/sections/intro"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader editor: %d, want 403", resp.StatusCode)
	}
	if resp, _ := leader.post("/reports/"+idText(own)+"/sections/intro", url.Values{"body": {"x"}, "base": {"1"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader save: %d, want 403", resp.StatusCode)
	}
	if resp, _ := leader.get("/reports/" + idText(own) + "/sections/intro/history"); resp.StatusCode != http.StatusOK {
		t.Errorf("leader history: %d", resp.StatusCode)
	}

	// Meta, dates and refresh.
	resp, body = dept.post("/reports/"+idText(own)+"/meta", url.Values{"title": {"清溪县市场监督管理局2025年度法治政府建设情况报告"},
		"doc_no": {"清市监〔2026〕3号"}, "addressee": {"县委、县政府："}, "issuer": {"清溪县市场监督管理局"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("meta: %d %s", resp.StatusCode, errorText(body))
	}
	resp, body = dept.post("/reports/"+idText(own)+"/dates", url.Values{"submit_by": {"2026-02-20"}, "publish_by": {"2026-03-20"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请写明调整期限的依据") || !strings.Contains(body, `value="2026-02-20"`) {
		t.Fatalf("dates without reason: %d %s", resp.StatusCode, errorText(body))
	}
	resp, _ = dept.post("/reports/"+idText(own)+"/dates", url.Values{"submit_by": {"2026-02-20"}, "publish_by": {"2026-03-20"},
		"dates_reason": {"县委依法治县办通知"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("dates: %d", resp.StatusCode)
	}
	if resp, _ := dept.post("/reports/"+idText(own)+"/refresh", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("refresh: %d", resp.StatusCode)
	}
	_, body = dept.get("/reports/" + idText(own))
	for _, want := range []string{"清市监〔2026〕3号", "2026年2月20日", "县委依法治县办通知", "数据快照（第 2 版）"} {
		if !strings.Contains(body, want) {
			t.Errorf("after meta/dates/refresh the page lacks %q", want)
		}
	}
}

func TestReportSectionEditConflictAndHistory(t *testing.T) {
	f := reportFixture(t)
	c := f.as(t, "fazhiban")
	id := draftReport(t, f, c, "清溪县财政局", demo.LedgerYear)
	path := "/reports/" + idText(id) + "/sections/intro"
	body, base, _ := sectionForm(t, c, id, "intro")
	_, page := c.get(path)
	if !strings.Contains(page, `id="figure-help"`) || !strings.Contains(page, "〔review.received〕") {
		t.Fatal("editor lacks the figure help")
	}
	// A token naming no figure: refused, text kept.
	bad := body + "\n全年办理〔no.such_figure〕件。"
	resp, page := c.post(path, url.Values{"body": {bad}, "base": {base}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "〔no.such_figure〕不存在") ||
		!strings.Contains(html.UnescapeString(page), "全年办理〔no.such_figure〕件。") {
		t.Fatalf("bad token: %d %s", resp.StatusCode, errorText(page))
	}
	full, err := f.app.Web.Reports.Load(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	known := ""
	for k, fig := range full.Current() {
		if fig.Known && fig.Link != "" && (known == "" || k < known) {
			known = k
		}
	}
	first := body + "\n本局全年相关数据为" + report.Token(known) + "。" + report.RefToken(report.RefTask, 5)
	resp, page = c.post(path, url.Values{"body": {first}, "base": {base}, "note": {"补充复议数据"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "#sec-intro") {
		t.Fatalf("save: %d %s", resp.StatusCode, errorText(page))
	}
	// A second save from the stale editor is refused; the text stays.
	stale := body + "\n另一位同事的补充段落。"
	resp, page = c.post(path, url.Values{"body": {stale}, "base": {base}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "本节已被") || !strings.Contains(page, `id="stale-note"`) {
		t.Fatalf("stale save: %d %s", resp.StatusCode, errorText(page))
	}
	if m := reTextarea.FindStringSubmatch(page); m == nil || !strings.Contains(html.UnescapeString(m[1]), "另一位同事的补充段落。") {
		t.Fatal("stale save lost the user's text")
	}
	if m := reBase.FindStringSubmatch(page); m == nil || m[1] != "2" {
		t.Fatalf("after the conflict the form is based on %v, want version 2", m)
	}
	if !strings.Contains(page, "<ins>") && !strings.Contains(page, "rp-d-ins") {
		t.Error("no diff against the newer version")
	}
	// The page reads the saved figure as a link.
	_, page = c.get("/reports/" + idText(id))
	if !strings.Contains(page, `data-key="`+known+`"`) || !strings.Contains(page, `class="rp-ref" href="/tasks/5"`) {
		t.Error("saved figure or task reference not linked on the report page")
	}
	// History: newest first, the diff of the last change, restore.
	resp, page = c.get(path + "/history")
	if resp.StatusCode != http.StatusOK || strings.Index(page, `id="v-2"`) > strings.Index(page, `id="v-1"`) ||
		!strings.Contains(page, "补充复议数据") || !strings.Contains(page, "<ins>") {
		t.Fatalf("history: %d", resp.StatusCode)
	}
	_, raw := c.get(path + "/history?a=1&b=2&raw=1")
	if !strings.Contains(raw, report.Token(known)) {
		t.Error("raw diff lacks the token")
	}
	resp, _ = c.post(path+"/restore", url.Values{"version": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", resp.StatusCode)
	}
	_, page = c.get(path + "/history")
	if !strings.Contains(page, `id="v-3"`) || !strings.Contains(page, "恢复第 1 版") {
		t.Error("restore made no version 3")
	}
	resp, _ = c.post(path+"/redraft", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("redraft: %d", resp.StatusCode)
	}
	if resp, _ := c.get("/reports/" + idText(id) + "/sections/nosuch"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown section: %d", resp.StatusCode)
	}
}

func TestReportPublishPortalAndDownloads(t *testing.T) {
	f := reportFixture(t)
	c := f.as(t, "fazhiban")
	id := draftReport(t, f, c, "清溪县水利局", demo.LedgerYear)
	rid := idText(id)
	anon := newClient(t, f.srv.URL)
	if resp, _ := anon.get("/public/reports/" + rid); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("draft on the portal: %d", resp.StatusCode)
	}
	resp, body := c.post("/reports/"+rid+"/publish", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "尚未报送") {
		t.Fatalf("publish a draft: %d %s", resp.StatusCode, errorText(body))
	}
	resp, body = c.post("/reports/"+rid+"/submit", url.Values{"submitted_on": {"2026-02-25"}, "submitted_to": {""}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请填写报送对象") || !strings.Contains(body, `value="2026-02-25"`) {
		t.Fatalf("submit without recipients: %d %s", resp.StatusCode, errorText(body))
	}
	resp, _ = c.post("/reports/"+rid+"/submit", url.Values{"submitted_on": {"2026-02-25"}, "submitted_to": {"县委、县政府"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	resp, body = c.post("/reports/"+rid+"/publish", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "不能公开") || !strings.Contains(body, "【请补充") {
		t.Fatalf("publish with placeholders: %d %s", resp.StatusCode, errorText(body))
	}
	fillPlaceholders(t, f, c, id)
	_, body = c.get("/reports/" + rid)
	if !strings.Contains(body, "没有待补充的内容") || !strings.Contains(body, `id="publish-form"`) {
		t.Fatalf("after filling: blockers remain or no publish button")
	}
	resp, body = c.post("/reports/"+rid+"/publish", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", resp.StatusCode, errorText(body))
	}
	// The editor refuses a published report.
	_, body = c.get("/reports/" + rid + "/sections/intro")
	if !strings.Contains(body, "报告已公开，不能修改") || !strings.Contains(body, "disabled") {
		t.Error("the editor of a published report is open")
	}

	resp, body = anon.get("/public/reports")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `href="/public/reports/`+rid+`"`) {
		t.Fatalf("portal list: %d, report missing", resp.StatusCode)
	}
	draft := draftReport(t, f, c, "清溪县林业局", demo.LedgerYear)
	_, body = anon.get("/public/reports?year=2025&unit=" + url.QueryEscape("林业"))
	if strings.Contains(body, `href="/public/reports/`+idText(draft)+`"`) {
		t.Error("a draft is listed on the portal")
	}
	resp, body = anon.get("/public/reports/" + rid)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "清溪县水利局关于2025年度法治政府建设情况的报告") ||
		!strings.Contains(body, "一、2025年度推进法治政府建设的主要举措和成效") || strings.Contains(body, "〔") && strings.Contains(body, "〔enforce.") ||
		strings.Contains(body, "/ledger?") || !strings.Contains(body, "public_layout") && !strings.Contains(body, "pub-main") {
		t.Fatalf("public page: %d", resp.StatusCode)
	}
	for _, p := range []string{"/public/reports/" + rid + "/export/", "/reports/" + rid + "/export/"} {
		cl := c
		if strings.HasPrefix(p, "/public") {
			cl = anon
		}
		resp, docx := cl.get(p + "docx")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%sdocx: %d", p, resp.StatusCode)
		}
		zr, err := zip.NewReader(bytes.NewReader([]byte(docx)), int64(len(docx)))
		if err != nil || !zipHas(zr, "word/document.xml") {
			t.Fatalf("%sdocx is not a DOCX: %v", p, err)
		}
		resp, pdf := cl.get(p + "pdf")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") {
			t.Fatalf("%spdf: %d %q", p, resp.StatusCode, pdf[:min(len(pdf), 8)])
		}
		if resp, _ := cl.get(p + "odt"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%sodt: %d", p, resp.StatusCode)
		}
	}

	// Withdrawn: gone from the portal; the reason is required.
	resp, body = c.post("/reports/"+rid+"/withdraw", url.Values{"reason": {""}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请写明撤回公开的原因") {
		t.Fatalf("withdraw without reason: %d", resp.StatusCode)
	}
	if resp, _ := f.as(t, "legal.scjgj").post("/reports/"+rid+"/withdraw", url.Values{"reason": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 withdraw: %d, want 403", resp.StatusCode)
	}
	resp, _ = c.post("/reports/"+rid+"/withdraw", url.Values{"reason": {"数据有误，更正后重新公开"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", resp.StatusCode)
	}
	for _, p := range []string{"/public/reports/" + rid, "/public/reports/" + rid + "/export/pdf"} {
		if resp, _ := anon.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("withdrawn %s: %d, want 404", p, resp.StatusCode)
		}
	}
	_, body = anon.get("/public/reports")
	if strings.Contains(body, `href="/public/reports/`+rid+`"`) {
		t.Error("withdrawn report still listed")
	}
	_, body = c.get("/reports/" + rid)
	if !strings.Contains(body, "数据有误，更正后重新公开") || !strings.Contains(body, `id="publish-form"`) {
		t.Error("the report page lacks the withdrawal or the way to publish again")
	}
}

func zipHas(zr *zip.Reader, name string) bool {
	for _, f := range zr.File {
		if f.Name == name {
			return true
		}
	}
	return false
}

func TestReportRegionSettings(t *testing.T) {
	f := reportFixture(t)
	c := f.as(t, "fazhiban")
	resp, body := c.get("/reports/settings")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "清溪县") || !strings.Contains(body, "全国规定") {
		t.Fatalf("settings: %d", resp.StatusCode)
	}
	town, err := f.app.Org.GetByName(t.Context(), "竹林乡")
	if err != nil || town.RegionCode == "" {
		t.Fatalf("竹林乡 region: %v", err)
	}
	form := url.Values{"region": {town.RegionCode}, "key": {report.SetPublishBy}, "month_day": {"3-31"}, "note": {"竹林乡通知"}}
	resp, body = c.post("/reports/settings", form)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "日期应写作") || !strings.Contains(body, "竹林乡通知") {
		t.Fatalf("bad date: %d %s", resp.StatusCode, errorText(body))
	}
	form.Set("region", "110101")
	resp, _ = c.post("/reports/settings", form)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("region outside the scope: %d", resp.StatusCode)
	}
	form.Set("region", town.RegionCode)
	form.Set("month_day", "03-31")
	resp, body = c.post("/reports/settings", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.StatusCode, errorText(body))
	}
	_, body = c.get("/reports/settings")
	if !strings.Contains(body, "本地区规定") || !strings.Contains(body, "竹林乡通知") {
		t.Error("the setting is not shown")
	}
	id := draftReport(t, f, c, "竹林乡人民政府", demo.LedgerYear)
	rep, err := f.app.Web.Reports.Get(t.Context(), id)
	if err != nil || rep.PublishBy != "2026-03-31" || rep.SubmitBy != "2026-03-01" {
		t.Fatalf("township report dates: %s %s %v", rep.SubmitBy, rep.PublishBy, err)
	}
	if resp, _ := f.as(t, "legal.scjgj").get("/reports/settings"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 settings: %d, want 403", resp.StatusCode)
	}
}
