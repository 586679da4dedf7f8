package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/demo"
)

// notice2031 is a fictional notice for a year far enough ahead that
// importing it into the shared fixture disturbs no other test.
const notice2031 = `国务院办公厅关于2031年部分节假日安排的通知
一、元旦：1月1日（周三）放假，共1天。
二、国庆节：10月1日（周三）至7日（周二）放假调休，共7天。9月28日（周日）、10月11日（周六）上班。
国务院办公厅
2030年11月5日`

func wantPage(t *testing.T, c *client, path string, status int, contains ...string) string {
	t.Helper()
	resp, body := c.get(path)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d", path, resp.StatusCode, status)
	}
	for _, s := range contains {
		if !strings.Contains(body, s) {
			t.Errorf("GET %s: page lacks %q", path, s)
		}
	}
	return body
}

func TestCalendarMonthView(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "officer.scjgj")
	body := wantPage(t, c, "/calendar?year=2025&month=10", http.StatusOK,
		"2025年10月", "国庆节", "国办发明电〔2024〕12号", `class="holiday"`, `class="adjusted"`,
		`href="/calendar?year=2025&amp;month=9"`, `href="/calendar/year?year=2025"`, "/static/calendar.css")
	if strings.Contains(body, "导入放假通知") {
		t.Error("an officer is offered the notice import")
	}
	wantPage(t, c, "/calendar", http.StatusOK, "工作日历", `aria-current="date"`)
	wantPage(t, c, "/calendar?year=2099&month=1", http.StatusOK, "预估")
	wantPage(t, c, "/calendar?year=1999", http.StatusBadRequest, "年份应在2004年至2100年之间")
	wantPage(t, c, "/calendar/year?year=2024", http.StatusOK, "2024年工作日历", "春节", "2024年12月")
}

func TestCalendarCalculator(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "leader")
	body := wantPage(t, c, "/calendar/calc", http.StatusOK, "期限计算器", `<optgroup label="行政处罚">`)
	if strings.Contains(body, `value="enf_legal_review"`) {
		t.Error("a disabled (U) rule is offered")
	}
	wantPage(t, c, "/calendar/calc?start=2024-09-27&n=7&unit=workday", http.StatusOK,
		"2024年10月12日", "周六", "国庆节放假")
	wantPage(t, c, "/calendar/calc?start=2024-09-27&rule=penalty_decision_service", http.StatusOK,
		"2024年10月12日", "行政处罚法", `id="calc-citation"`)
	wantPage(t, c, "/calendar/calc?start=2099-12-20&n=10&unit=day", http.StatusOK, `id="calc-estimated"`)
	wantPage(t, c, "/calendar/calc?start=2024-02-30&n=7&unit=workday", http.StatusBadRequest, "日期不存在")
	wantPage(t, c, "/calendar/calc?start=2024-09-27&rule=enf_legal_review", http.StatusBadRequest, "尚未核实")
}

func TestCalendarImportNotice(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "fazhiban")
	wantPage(t, c, "/calendar/import", http.StatusOK, "导入放假通知", `name="text"`)
	wantPage(t, c, "/calendar?year=2031&month=10", http.StatusOK, "预估")

	resp, preview := c.post("/calendar/import/preview", url.Values{"text": {notice2031}})
	body := preview
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview: status %d", resp.StatusCode)
	}
	for _, s := range []string{"尚未保存", "2031年10月1日", "2031年9月28日（周日）", "国庆节调休上班", "2031年10月", "确认导入"} {
		if !strings.Contains(body, s) {
			t.Errorf("preview lacks %q", s)
		}
	}
	wantPage(t, c, "/calendar?year=2031&month=10", http.StatusOK, "预估") // nothing saved yet

	bad := strings.Replace(notice2031, "共7天", "共6天", 1)
	resp, body = c.post("/calendar/import/preview", url.Values{"text": {bad}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "国庆节") || !strings.Contains(body, "共6天") {
		t.Errorf("bad notice: status %d", resp.StatusCode)
	}

	// Save what the preview carries in its hidden field, as the browser does.
	m := regexp.MustCompile(`<input type="hidden" name="text" value="([^"]*)">`).FindStringSubmatch(preview)
	if m == nil || html.UnescapeString(m[1]) != notice2031 {
		t.Fatalf("the preview does not carry the text unchanged: %q", m)
	}
	resp, _ = c.post("/calendar/import", url.Values{"text": {html.UnescapeString(m[1])}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/calendar?year=2031&month=1") {
		t.Fatalf("save: status %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	body = wantPage(t, c, "/calendar?year=2031&month=10", http.StatusOK, "国庆节", "国务院办公厅关于2031年部分节假日安排的通知")
	if strings.Contains(body, `id="cal-estimated"`) {
		t.Error("imported year still marked estimated")
	}
	wantPage(t, c, "/calendar/import", http.StatusOK, `id="imported-years"`, "2031")
}

func TestCalendarImportForbiddenToOfficer(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "officer.scjgj")
	if resp, _ := c.get("/calendar/import"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("GET import as officer: %d", resp.StatusCode)
	}
	for _, p := range []string{"/calendar/import", "/calendar/import/preview"} {
		if resp, _ := c.post(p, url.Values{"text": {notice2031}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s as officer: %d", p, resp.StatusCode)
		}
	}
}

func TestCalendarRules(t *testing.T) {
	f := getFixture(t)
	officer := f.as(t, "officer.scjgj")
	wantPage(t, officer, "/calendar/rules?status=disabled", http.StatusOK, "enf_legal_review", "未核实，停用")
	body := wantPage(t, officer, "/calendar/rules/enf_legal_review", http.StatusOK, "重大执法决定法制审核时限")
	if strings.Contains(body, `id="rule-confirm"`) {
		t.Error("an officer is offered the confirmation form")
	}
	wantPage(t, officer, "/calendar/rules/no_such_rule", http.StatusNotFound)

	c := f.as(t, "fazhiban")
	wantPage(t, c, "/calendar/rules/enf_legal_review", http.StatusOK, `id="rule-confirm"`)
	resp, body := c.post("/calendar/rules/enf_legal_review/confirm", url.Values{"note": {""}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请写明核实的依据") {
		t.Errorf("confirm without a note: %d", resp.StatusCode)
	}
	resp, body = c.post("/calendar/rules/enf_publicity_other/override",
		url.Values{"region_code": {"369921"}, "n": {"15"}, "unit": {"workday"}, "citation": {""}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请填写地方规定的依据") {
		t.Errorf("override without a citation: %d", resp.StatusCode)
	}
	resp, _ = c.post("/calendar/rules/enf_publicity_other/override",
		url.Values{"region_code": {"369921"}, "n": {"15"}, "unit": {"workday"}, "citation": {"清溪县行政执法公示办法（演示）第八条"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("override: %d", resp.StatusCode)
	}
	wantPage(t, officer, "/calendar/rules/enf_publicity_other", http.StatusOK, "15个工作日", "清溪县行政执法公示办法（演示）第八条")
	resp, _ = c.post("/calendar/rules/enf_publicity_other/override/delete", url.Values{"region_code": {"369921"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete override: %d", resp.StatusCode)
	}
	wantPage(t, c, "/calendar/regions", http.StatusOK, "地方节假日", `id="region-form"`)
}

var demoDeadlinesOnce sync.Once

func TestDeadlinesPage(t *testing.T) {
	f := getFixture(t)
	svc := f.app.Web.Deadlines
	demoDeadlinesOnce.Do(func() {
		s := &demo.Seeder{DB: f.app.DB, Org: f.app.Org, Auth: f.app.Auth}
		if err := s.Deadlines(context.Background(), svc); err != nil {
			t.Fatal(err)
		}
		if err := s.Deadlines(context.Background(), svc); err != nil { // a second run adds nothing
			t.Fatal(err)
		}
	})
	// One item whose due date is long past whatever day the test runs on.
	scjgj, err := f.app.Org.GetByName(t.Context(), "清溪县市场监督管理局")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Register(t.Context(), nil, deadline.Item{ObjectType: "test", ObjectID: t.Name(), Title: "测试逾期事项",
		RuleID: "penalty_decision_service", Start: calendar.MustDate(2026, time.January, 5), UnitID: scjgj.ID}); err != nil {
		t.Fatal(err)
	}
	c := f.as(t, "fazhiban")
	body := wantPage(t, c, "/deadlines?within=20", http.StatusOK, "我的期限", `id="deadlines-overdue"`, "测试逾期事项",
		"2026年1月14日", "逾期", "清市监罚〔2026〕31号")
	if !strings.Contains(body, `id="deadlines-soon"`) && !strings.Contains(body, `id="deadlines-none"`) {
		t.Error("no due-soon section")
	}
	body = wantPage(t, f.as(t, "officer.scjgj"), "/deadlines?within=60", http.StatusOK, "测试逾期事项", "清市监罚〔2026〕35号")
	if strings.Contains(body, "清复〔2026〕9号") {
		t.Error("an officer of 市场监管局 sees the 司法局's deadline")
	}
	wantPage(t, f.as(t, "legal.scjgj"), "/", http.StatusOK, "行政处罚决定信息公示")
}
