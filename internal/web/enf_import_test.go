package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
	"fazhi/internal/xlsx"
)

// enfImpUnit is the demo unit whose cases the import tests bring in (a unit
// no other test gives a 权责清单).
const enfImpUnit = "清溪县交通运输局"

var (
	enfImpOnce sync.Once
	enfImpErr  error
)

// enfImpSeed publishes a 权责清单 with item JT-001 for the 交通运输局, once.
func enfImpSeed(t *testing.T) {
	t.Helper()
	f := getFixture(t)
	enfImpOnce.Do(func() {
		ctx := audit.WithActor(context.Background(), audit.Actor{Username: "test"})
		svc := f.app.Web.Enforcement
		u, err := f.app.Org.GetByName(ctx, enfImpUnit)
		if err != nil {
			enfImpErr = err
			return
		}
		draft, err := svc.NewListDraft(ctx, u.ID, "初版")
		if err == nil {
			_, err = svc.SaveItem(ctx, draft, enforcement.ItemInput{Code: "JT-001", Name: "未取得道路运输经营许可擅自从事道路运输经营",
				Category: enforcement.CatPenalty, Law: "《中华人民共和国道路运输条例》", Article: "第六十三条"})
		}
		if err == nil {
			err = svc.PublishList(ctx, draft)
		}
		enfImpErr = err
	})
	if enfImpErr != nil {
		t.Fatal(enfImpErr)
	}
}

// enfImpRows is a case register of n closed cases numbered from start, as
// a sheet (header first).
func enfImpRows(start, n int) [][]string {
	headers, _ := enforcement.ImportTemplateRows(enforcement.ImportCases)
	out := [][]string{headers}
	for i := start; i < start+n; i++ {
		first := fmt.Sprintf("36990119750203%03d", i%1000)
		c, _ := privacy.IDCheckChar(first)
		v := map[string]string{"案号": fmt.Sprintf("清交罚〔2025〕%d号", i), "执法单位": enfImpUnit, "事项编码": "JT-001",
			"案由": "未取得道路运输经营许可擅自从事道路运输经营", "程序": "普通程序", "当事人类型": "自然人", "当事人名称": "周某某",
			"证件号码": first + string(c), "立案日期": "2025-06-02", "决定日期": "2025/7/1", "决定类型": "给予行政处罚",
			"罚款金额(元)": "10000", "状态": "已结案", "结案日期": "2025年7月20日"}
		row := make([]string, len(headers))
		for j, h := range headers {
			row[j] = v[h]
		}
		out = append(out, row)
	}
	return out
}

func enfImpXLSX(t *testing.T, table [][]string) []byte {
	t.Helper()
	rows := make([][]any, len(table)-1)
	for i, r := range table[1:] {
		for _, v := range r {
			rows[i] = append(rows[i], v)
		}
	}
	var b bytes.Buffer
	if err := xlsx.Write(&b, xlsx.Table{Sheet: "案件台账", Headers: table[0], Rows: rows}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var enfImpBatchURL = regexp.MustCompile(`^/enforcement/imports/(\d+)$`)

// enfImpUpload posts a file and returns the batch page it redirects to.
func enfImpUpload(t *testing.T, c *client, name string, data []byte) string {
	t.Helper()
	c.get("/enforcement/imports")
	resp, body := enfRegUploadKind(t, c, name, data)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !enfImpBatchURL.MatchString(loc) {
		t.Fatalf("upload: %d %s %s", resp.StatusCode, loc, enfImpErrorText(body))
	}
	return loc
}

func enfRegUploadKind(t *testing.T, c *client, name string, data []byte) (*http.Response, string) {
	return enfRegUpload(t, c, "/enforcement/imports", name, data)
}

var enfImpErrRe = regexp.MustCompile(`class="error[^"]*"[^>]*>([^<]*)`)

func enfImpErrorText(body string) string {
	if m := enfImpErrRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

// enfImpWait polls the batch page until no check or save runs.
func enfImpWait(t *testing.T, c *client, page string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, body := c.get(page)
		if !strings.Contains(body, `hx-select="#import-status"`) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still running after a minute", page)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Upload → background check → errors named by row and column, nothing
// saved → a clean file → preview → confirm → background save → saved; the
// history lists both; another unit's 法制员 sees neither.
func TestEnfImportPagesFlow(t *testing.T) {
	f := getFixture(t)
	enfImpSeed(t)
	c := f.as(t, "fazhiban")
	bad := enfImpRows(1000, 30)
	col := func(h string) int {
		for i, x := range bad[0] {
			if x == h {
				return i
			}
		}
		t.Fatalf("no column %s", h)
		return 0
	}
	bad[5][col("执法单位")] = "交通局"             // Excel row 6: unit unknown
	bad[12][col("立案日期")] = "2025-02-30"     // row 13
	bad[30][col("案号")] = bad[29][col("案号")] // row 31: duplicate 案号
	page := enfImpUpload(t, c, "交通案件-有误.xlsx", enfImpXLSX(t, bad))
	body := enfImpWait(t, c, page)
	for _, want := range []string{"检查发现 <strong>3</strong> 处问题", "第6行", "找不到单位“交通局”", "第13行", "日期“2025-02-30”无法识别",
		"第31行", "与第30行重复", `id="import-errors-xlsx"`} {
		if !strings.Contains(body, want) {
			t.Errorf("bad file page lacks %s", want)
		}
	}
	if strings.Contains(body, `id="import-confirm"`) {
		t.Error("a file with errors can be confirmed")
	}
	resp, raw := c.get(page + "/errors.xlsx")
	rows, _ := xlsx.Read(strings.NewReader(raw), "")
	if resp.StatusCode != http.StatusOK || len(rows) != 5 || rows[2][0] != "6" || rows[2][1] != "执法单位" {
		t.Fatalf("error report: %d %v", resp.StatusCode, rows)
	}
	unit, _ := f.app.Org.GetByName(context.Background(), enfImpUnit)
	count := func() int {
		var n int
		_ = f.app.DB.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM enf_cases WHERE unit_id = ?`, unit.ID).Scan(&n)
		return n
	}
	before := count()
	page = enfImpUpload(t, c, "交通案件.xlsx", enfImpXLSX(t, enfImpRows(2000, 40)))
	body = enfImpWait(t, c, page)
	if !strings.Contains(body, "检查通过：共 <strong>40</strong> 行") || !strings.Contains(body, `id="import-preview"`) ||
		!strings.Contains(body, "周**") || !strings.Contains(body, "确认导入 40 条") {
		t.Fatalf("clean file page: %s", enfImpErrorText(body))
	}
	if count() != before {
		t.Fatal("cases saved before confirmation")
	}
	resp, _ = c.post(page+"/confirm", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	body = enfImpWait(t, c, page)
	if !strings.Contains(body, "已导入执法案件 40 条") || count() != before+40 {
		t.Fatalf("after confirm: %d cases, page %s", count()-before, enfImpErrorText(body))
	}
	_, body = c.get("/enforcement/imports")
	if !strings.Contains(body, "交通案件-有误.xlsx") || !strings.Contains(body, "交通案件.xlsx") {
		t.Error("history lacks the batches")
	}
	legal := f.as(t, "legal.scjgj")
	if resp, _ := legal.get(page); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another unit's 法制员 opens the batch: %d", resp.StatusCode)
	}
	_, body = legal.get("/enforcement/imports")
	if strings.Contains(body, "交通案件.xlsx") {
		t.Error("another unit's 法制员 sees the batch in the history")
	}
	// The 法制员's own scope does not reach the 交通运输局.
	body = enfImpWait(t, legal, enfImpUpload(t, legal, "越权.xlsx", enfImpXLSX(t, enfImpRows(3000, 1))))
	if !strings.Contains(body, "找不到单位“清溪县交通运输局”，或该单位不在您的数据范围内") {
		t.Error("a unit outside the scope was accepted")
	}
}

// The templates are XLSX files with the layout's headers and notes.
func TestEnfImportTemplates(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "legal.scjgj")
	for kind, first := range map[string]string{"cases": "案号", "officers": "姓名"} {
		resp, raw := c.get("/enforcement/imports/template.xlsx?kind=" + kind)
		rows, err := xlsx.Read(strings.NewReader(raw), "")
		if resp.StatusCode != http.StatusOK || err != nil || len(rows) != 2 || rows[0][0] != first {
			t.Fatalf("%s template: %d %v %v", kind, resp.StatusCode, err, rows)
		}
		notes, err := xlsx.Read(strings.NewReader(raw), "填写说明")
		if err != nil || len(notes) < 5 {
			t.Fatalf("%s notes: %v", kind, err)
		}
	}
	if resp, _ := c.get("/enforcement/imports/template.xlsx?kind=units"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown template: %d", resp.StatusCode)
	}
}
