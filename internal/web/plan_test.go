package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fazhi/internal/demo"
	"fazhi/internal/xlsx"
)

var planSeedOnce sync.Once

// planFixture adds the demo county's unit groups and 2026 工作要点 to the
// shared fixture (once) and returns the demo plan's id.
func planFixture(t *testing.T) (*fixture, int64) {
	t.Helper()
	f := getFixture(t)
	svc := f.app.Web.Plans
	var err error
	planSeedOnce.Do(func() {
		s := &demo.Seeder{DB: f.app.DB, Org: f.app.Org, Auth: f.app.Auth}
		err = s.Plan(context.Background(), svc)
	})
	if err != nil {
		t.Fatal(err)
	}
	plans, err := svc.List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		if p.Title == demo.PlanTitle {
			return f, p.ID
		}
	}
	t.Fatal("demo plan missing")
	return nil, 0
}

// upload posts a file the way the import form does.
func (c *client) upload(path, filename string, data []byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", c.csrf)
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

var (
	reMapName   = regexp.MustCompile(`name="name_(\d+)" value="([^"]+)"`)
	reTownGroup = regexp.MustCompile(`<option value="(group:\d+)"[^>]*>各乡镇（街道）`)
)

// The seed 003 plan, imported by 法治办 into the demo county: 39 tasks,
// city bodies highlighted until mapped, then confirmed, shown and exported.
func TestPlanImportSeed(t *testing.T) {
	f, _ := planFixture(t)
	c := f.as(t, "fazhiban")
	wantPage(t, c, "/plans/import", http.StatusOK, "导入方案", `enctype="multipart/form-data"`, "/static/plan.css")
	data, err := os.ReadFile("../plan/testdata/zhangye_2021_2025.txt")
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := c.upload("/plans/import", "张掖.txt", data)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/plans/drafts/") {
		t.Fatalf("import: status %d location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	review := resp.Header.Get("Location")
	draft := strings.TrimSuffix(review, "/review")
	body := wantPage(t, c, review, http.StatusOK, "张掖市法治政府建设实施方案(2021-2025年)", "39 项任务",
		"发挥行政复议化解行政争议主渠道作用", `id="draft-unresolved"`, "st-unmatched", "各县区政府", "未匹配",
		"别名", "分组", "2022年12月31日前")
	if n := strings.Count(body, `<tr class="pl-task`); n != 39 {
		t.Errorf("review shows %d tasks", n)
	}
	resp, refused := c.post(draft+"/confirm", nil)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(refused, "个单位名称未处理") {
		t.Fatalf("confirm with unmatched names: status %d", resp.StatusCode)
	}
	form := url.Values{}
	group := reTownGroup.FindStringSubmatch(body)
	if group == nil {
		t.Fatal("no 各乡镇（街道） group offered")
	}
	for _, m := range reMapName.FindAllStringSubmatch(body, -1) {
		form.Set("name_"+m[1], m[2])
		form.Set("target_"+m[1], "ignore")
		if m[2] == "各县区政府" {
			form.Set("target_"+m[1], group[1])
		}
	}
	resp, _ = c.post(draft+"/map", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("map: status %d", resp.StatusCode)
	}
	body = wantPage(t, c, resp.Header.Get("Location"), http.StatusOK, "已保存单位对应关系", "未匹配 0", "忽略")
	if strings.Contains(body, `id="draft-unresolved"`) {
		t.Error("names still unresolved after mapping")
	}
	resp, _ = c.post(draft+"/confirm", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: status %d", resp.StatusCode)
	}
	plan := strings.SplitN(resp.Header.Get("Location"), "?", 2)[0]
	body = wantPage(t, c, resp.Header.Get("Location"), http.StatusOK, "共39项任务", "七、健全社会矛盾纠纷行政预防调处化解体系",
		"发挥行政复议化解行政争议主渠道作用", "各县区政府", "→各乡镇（街道）", "清溪县司法局", "2022年12月31日前", "周期：每年")
	if n := strings.Count(body, `<tr class="pl-task`); n != 39 {
		t.Errorf("plan shows %d tasks", n)
	}
	wantPage(t, c, review, http.StatusNotFound)
	checkPlanExport(t, c, plan+"/export.xlsx", 39)
	wantPage(t, c, "/plans", http.StatusOK, "张掖市法治政府建设实施方案(2021-2025年)", demo.PlanTitle)
}

func checkPlanExport(t *testing.T, c *client, path string, tasks int) {
	t.Helper()
	resp, body := c.get(path)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("export: status %d type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	rows, err := xlsx.Read(strings.NewReader(body), "任务")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != tasks+1 || rows[0][3] != "任务" {
		t.Errorf("export: %d rows, header %q", len(rows), rows[0])
	}
	if rows, err := xlsx.Read(strings.NewReader(body), "任务分工"); err != nil || len(rows) < tasks {
		t.Errorf("assignment sheet: %d rows, %v", len(rows), err)
	}
}

// The demo plan confirmed through the real import: every name resolved.
func TestPlanDemoAndScope(t *testing.T) {
	f, id := planFixture(t)
	p, err := f.app.Web.Plans.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.TaskCount != 12 || p.DocType != "工作要点" || p.Year != 2026 {
		t.Errorf("demo plan %+v", p.Plan)
	}
	path := "/plans/" + strconv.FormatInt(id, 10)
	c := f.as(t, "legal.scjgj")
	wantPage(t, c, "/plans", http.StatusOK, demo.PlanTitle)
	body := wantPage(t, c, path+"?mine=1", http.StatusOK, "本单位任务", "深化“放管服”改革", "全面推行行政执法三项制度")
	if strings.Contains(body, "<strong>加强行政调解和人民调解</strong>") {
		t.Error("another unit's task shown under 本单位任务")
	}
	wantPage(t, c, path, http.StatusOK, "加强行政调解和人民调解", "每年第一季度")
	checkPlanExport(t, c, path+"/export.xlsx", 12)
	wantPage(t, c, "/plans/import", http.StatusForbidden)
	officer := f.as(t, "officer.scjgj")
	wantPage(t, officer, "/plans", http.StatusForbidden)
	wantPage(t, officer, path, http.StatusForbidden)
}

// A file that is not a plan gets a Chinese error and leaves no draft.
func TestPlanImportBadFiles(t *testing.T) {
	f, _ := planFixture(t)
	c := f.as(t, "fazhiban")
	wantPage(t, c, "/plans/import", http.StatusOK)
	before, _ := f.app.Web.Plans.Drafts(t.Context())
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"scan.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "无法识别文件内容"},
		{"empty.txt", []byte("\n \n"), "文件为空"},
		{"letter.txt", []byte("各位同事：下周一开会。"), "这似乎不是实施方案"},
		{"old.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"), "另存为 DOCX"},
	}
	for _, tc := range cases {
		resp, body := c.upload("/plans/import", tc.name, tc.data)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tc.want) {
			t.Errorf("%s: status %d, page lacks %q", tc.name, resp.StatusCode, tc.want)
		}
	}
	if resp, body := c.post("/plans/import", url.Values{"text": {""}}); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body, "请选择方案文件") {
		t.Errorf("empty form: status %d", resp.StatusCode)
	}
	after, _ := f.app.Web.Plans.Drafts(t.Context())
	if len(after) != len(before) {
		t.Errorf("bad files left %d drafts", len(after)-len(before))
	}
}

// A pasted text goes the same way, and a draft can be discarded.
func TestPlanPasteAndDiscard(t *testing.T) {
	f, _ := planFixture(t)
	c := f.as(t, "fazhiban")
	wantPage(t, c, "/plans/import", http.StatusOK)
	text := "某县2026年工作要点\n一、主要任务\n(一)推进政务公开。完善公开制度。(责任单位:县政府办公室)\n(二)加强执法监督。2026年年底前完成评查。(责任单位:县司法局、某某研究会)\n"
	resp, _ := c.post("/plans/import", url.Values{"text": {text}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("paste: status %d", resp.StatusCode)
	}
	review := resp.Header.Get("Location")
	draft := strings.TrimSuffix(review, "/review")
	wantPage(t, c, review, http.StatusOK, "粘贴文本", "某某研究会", "st-unmatched", "清溪县司法局")
	resp, _ = c.post(draft+"/discard", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("discard: status %d", resp.StatusCode)
	}
	wantPage(t, c, review, http.StatusNotFound)
	if _, err := f.app.Web.Plans.Draft(t.Context(), 1<<40); err == nil {
		t.Error("missing draft found")
	}
}
