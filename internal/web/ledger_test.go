package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"fazhi/internal/demo"
	"fazhi/internal/ledger"
	"fazhi/internal/metric"
	"fazhi/internal/xlsx"
)

func unitID(t *testing.T, f *fixture, name string) int64 {
	t.Helper()
	u, err := f.app.Org.GetByName(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }

func TestLedgerDeptLegalSavesOwnUnit(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "legal.scjgj")
	resp, body := c.get("/ledger?year=2024")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "清溪县市场监督管理局") || !strings.Contains(body, "行政复议新收案件") {
		t.Fatalf("form: %d", resp.StatusCode)
	}
	resp, _ = c.post("/ledger", url.Values{"year": {"2024"}, "v_enforce.penalties": {"120"},
		"n_enforce.penalties": {"执法办案系统导出"}, "v_enforce.mobile_rate": {"98.38%"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	_, body = c.get(resp.Header.Get("Location"))
	if !strings.Contains(body, `value="120"`) || !strings.Contains(body, "执法办案系统导出") || !strings.Contains(body, `value="98.38"`) {
		t.Fatal("saved figures not shown")
	}
	if !strings.Contains(body, "修改记录（1）") || !strings.Contains(body, "<td>行政处罚案件</td><td></td><td>120</td>") {
		t.Error("history not shown")
	}

	// another unit is outside a 法制员's scope
	resp, _ = c.post("/ledger", url.Values{"year": {"2024"}, "unit": {idText(unitID(t, f, "清溪县司法局"))}, "v_enforce.penalties": {"1"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("other unit: %d, want 403", resp.StatusCode)
	}
	resp, _ = c.get("/ledger?year=2024&unit=" + idText(unitID(t, f, "清溪县司法局")))
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("view other unit: %d, want 403", resp.StatusCode)
	}

	// a bad value: the field's error, the input kept, nothing saved
	resp, body = c.post("/ledger", url.Values{"year": {"2024"}, "v_enforce.penalties": {"130"}, "v_review.received": {"八十六"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "应为非负整数") ||
		!strings.Contains(body, `value="八十六"`) || !strings.Contains(body, `value="130"`) {
		t.Fatalf("bad value: %d", resp.StatusCode)
	}
	id := unitID(t, f, "清溪县市场监督管理局")
	sh, err := f.app.Web.Ledger.Get(t.Context(), id, 2024)
	if err != nil || sh.Entries["enforce.penalties"].Value != "120" {
		t.Fatalf("refused save changed data: %+v %v", sh.Entries["enforce.penalties"], err)
	}

	// a leader sees but cannot save
	resp, body = f.as(t, "leader").get("/ledger?year=2024&unit=" + idText(id))
	if resp.StatusCode != http.StatusOK || strings.Contains(body, `name="v_enforce.penalties"`) || !strings.Contains(body, "120") {
		t.Fatalf("leader view: %d", resp.StatusCode)
	}
}

// ledgerUpload posts an XLSX to the import the way the browser does.
func ledgerUpload(t *testing.T, c *client, year string, data []byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", c.csrf)
	_ = mw.WriteField("year", year)
	fw, _ := mw.CreateFormFile("file", "台账.xlsx")
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/ledger/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// asTable turns rows read from an export back into a workbook.
func asTable(t *testing.T, rows [][]string) []byte {
	t.Helper()
	tb := xlsx.Table{Sheet: "统计台账", Title: rows[0][0], Headers: rows[1]}
	for _, r := range rows[2:] {
		row := make([]any, len(r))
		for i, v := range r {
			row[i] = v
		}
		tb.Rows = append(tb.Rows, row)
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, tb); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLedgerExportImportRoundTrip(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "fazhiban")
	sfj, bsz := unitID(t, f, "清溪县司法局"), unitID(t, f, "白石镇")
	svc := f.app.Web.Ledger
	if err := svc.Save(t.Context(), sfj, 2023, map[string]string{"review.received": "86", "review.closed": "79", "review.corrected": "8"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := svc.Save(t.Context(), bsz, 2023, map[string]string{"enforce.penalties": "457", "dispute.received": "1200"}, nil); err != nil {
		t.Fatal(err)
	}
	resp, body := c.get("/ledger/export.xlsx?year=2023")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	rows, err := xlsx.Read(strings.NewReader(body), "")
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != ledger.UnitHeader || rows[len(rows)-1][0] != ledger.TotalLabel {
		t.Fatalf("layout: header %q, last %q", rows[1][0], rows[len(rows)-1][0])
	}
	col := map[string]int{}
	for i, h := range rows[1] {
		col[h] = i
	}
	line := map[string]int{}
	for i, r := range rows {
		line[r[0]] = i
	}
	if v := rows[line["清溪县司法局"]][col["行政复议纠错率（%）"]]; v != "10.13" {
		t.Errorf("computed rate exported as %q", v)
	}
	town, _ := f.app.Org.Get(t.Context(), bsz)
	set := func(unit, header, v string) int {
		i := line[unit]
		if i < 2 {
			t.Fatalf("unit %s not exported", unit)
		}
		for len(rows[i]) <= col[header] {
			rows[i] = append(rows[i], "")
		}
		rows[i][col[header]] = v
		return i
	}
	// change two cells and import the sheet back
	set(town.Name, "行政处罚案件（件）", "460")
	set("清溪县司法局", "行政复议新收案件（件）", "90")
	c.get("/ledger?view=totals&year=2023")
	resp, body = ledgerUpload(t, c, "2023", asTable(t, rows))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d %s", resp.StatusCode, body)
	}
	tot, _ := svc.Totals(t.Context(), unitID(t, f, "清溪县人民政府"), 2023)
	if tot["enforce.penalties"].Number != 460 || tot["review.received"].Number != 90 || tot["dispute.received"].Number != 1200 {
		t.Fatalf("after import: %+v %+v", tot["enforce.penalties"], tot["review.received"])
	}
	_, body = c.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "已导入") {
		t.Error("no success message")
	}

	// a bad cell on row 5 refuses the whole file
	set("清溪县司法局", "行政复议新收案件（件）", "99")
	r5 := set(town.Name, "行政复议新收案件（件）", "abc")
	resp, body = ledgerUpload(t, c, "2023", asTable(t, rows))
	want := "第" + strconv.Itoa(r5+1) + "行“行政复议新收案件”：应为非负整数"
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, want) {
		t.Fatalf("bad import: %d, want %q in %s", resp.StatusCode, want, body)
	}
	sh, _ := svc.Get(t.Context(), sfj, 2023)
	if sh.Entries["review.received"].Value != "90" {
		t.Fatalf("bad import saved a good row: %+v", sh.Entries["review.received"])
	}
}

func TestLedgerTotalsMetricsAndDemo(t *testing.T) {
	f := getFixture(t)
	s := &demo.Seeder{DB: f.app.DB, Org: f.app.Org, Auth: f.app.Auth}
	if err := s.Ledger(t.Context(), f.app.Web.Ledger); err != nil {
		t.Fatal(err)
	}
	if err := s.Ledger(t.Context(), f.app.Web.Ledger); err != nil {
		t.Fatal("second run:", err)
	}
	county := unitID(t, f, "清溪县人民政府")
	tot, err := f.app.Web.Ledger.Totals(t.Context(), county, demo.LedgerYear)
	if err != nil || tot["enforce.penalties"].Units < 30 || tot["review.correction_rate"].Text() != "10.53" {
		t.Fatalf("demo totals: %+v %+v %v", tot["enforce.penalties"], tot["review.correction_rate"], err)
	}
	c := f.as(t, "fazhiban")
	resp, body := c.get("/ledger?view=totals&year=2025&group=" + url.QueryEscape("矛盾纠纷化解"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "白石镇") || !strings.Contains(body, "矛盾纠纷化解率") {
		t.Fatalf("totals page: %d", resp.StatusCode)
	}
	resp, body = c.get("/metrics?year=2025")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "review.correction_rate") || !strings.Contains(body, "10.53") ||
		!strings.Contains(body, "个单位填报") {
		t.Fatalf("metrics page: %d", resp.StatusCode)
	}
	if resp, _ := f.as(t, "legal.scjgj").get("/ledger?view=totals&year=2025"); resp.StatusCode != http.StatusOK {
		t.Fatalf("dept totals: %d", resp.StatusCode)
	}
}

// TestLedgerNativeOverride: once a capability records a figure itself, the
// form and the metric page say its value replaces the ledger's.
func TestLedgerNativeOverride(t *testing.T) {
	f := getFixture(t)
	scjgj := unitID(t, f, "清溪县市场监督管理局")
	err := f.app.Web.Metrics.Register(metric.Metric{Key: "enforce.coercion", Name: "行政强制案件", Unit: "件", Owner: "行政执法"},
		func(_ context.Context, unit int64, p metric.Period) (metric.Value, error) {
			return metric.Value{Number: 7, Known: unit == scjgj && p.Year == 2022, Note: "7 件已结案"}, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	c := f.as(t, "legal.scjgj")
	c.get("/ledger?year=2022")
	if resp, _ := c.post("/ledger", url.Values{"year": {"2022"}, "v_enforce.coercion": {"5"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	_, body := c.get("/ledger?year=2022")
	if !strings.Contains(body, "已由“行政执法”记录统计为 7件") {
		t.Error("form does not say the native value replaces the ledger's")
	}
	_, body = c.get("/metrics?year=2022")
	if !strings.Contains(body, "已替代台账填报值 5") || !strings.Contains(body, "行政执法（无记录时取台账）") {
		t.Error("metric page does not say the native value replaced the ledger's")
	}
}
