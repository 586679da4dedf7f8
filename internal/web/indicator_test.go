package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"fazhi/internal/indicator"
	"fazhi/internal/xlsx"
)

// indicatorBook builds an indicator workbook from rows under the headers.
func indicatorBook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, xlsx.Table{Sheet: "指标体系", Title: "清溪县法治政府建设考核指标", Headers: indicator.Columns, Rows: rows}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func indicatorUpload(t *testing.T, c *client, data []byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", c.csrf)
	fw, _ := mw.CreateFormFile("file", "指标.xlsx")
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/indicators/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

var goodIndicatorRows = [][]any{
	{"1", "依法全面履行政府职能", 20},
	{"1.1", "任务落实", 20},
	{"1.1.1", "掌上执法率", 10, "自动计算", "enforce.mobile_rate", "≥95"},
	{"1.1.2", "权责清单动态调整", 6, "人工评分", "", "", "", "", "提供调整文件"},
	{"1.1.3", "违法行政行为", 4, "按次扣分", "", "", 1, 3},
	{"2", "依法行政制度体系", 10},
	{"2.1", "规范性文件备案", 10, "人工评分"},
}

func TestIndicatorImportAndAssessment(t *testing.T) {
	f := getFixture(t)
	c := f.as(t, "fazhiban")
	c.get("/indicators")

	// Another test may have imported a tree into the shared fixture already.
	tree0, _ := f.app.Web.Indicator.Tree(t.Context())
	before := len(tree0)

	// a bad row: the row and column reported, nothing saved
	bad := append([][]any(nil), goodIndicatorRows...)
	bad[4] = []any{"1.1.3", "违法行政行为", 5, "按次扣分", "", "", 1, 3}
	resp, body := indicatorUpload(t, c, indicatorBook(t, bad...))
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "第 4 行“分值”：下级指标分值合计 21，应等于本项分值 20") ||
		!strings.Contains(body, "指标体系未作任何修改") {
		t.Fatalf("bad import: %d %s", resp.StatusCode, body)
	}
	if tree, _ := f.app.Web.Indicator.Tree(t.Context()); len(tree) != before {
		t.Fatalf("refused import changed the tree: %d indicators, had %d", len(tree), before)
	}

	resp, _ = indicatorUpload(t, c, indicatorBook(t, goodIndicatorRows...))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d", resp.StatusCode)
	}
	_, body = c.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "已导入指标体系：一级 2 项、二级 2 项、三级 3 项") || !strings.Contains(body, "权责清单动态调整") {
		t.Fatal("imported tree not shown")
	}
	resp, body = c.get("/indicators/export.xlsx")
	rows, err := xlsx.Read(strings.NewReader(body), "")
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) != 8 || rows[3][4] != "enforce.mobile_rate" {
		t.Fatalf("export: %d %v %v", resp.StatusCode, err, rows)
	}

	// one indicator's edit form; the tree is checked again on save
	var editID int64
	tree, _ := f.app.Web.Indicator.Tree(t.Context())
	for _, n := range tree {
		if n.Code == "1.1.2" {
			editID = n.ID
		}
	}
	resp, body = c.get("/indicators/" + idText(editID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `value="权责清单动态调整"`) {
		t.Fatalf("edit form: %d", resp.StatusCode)
	}
	resp, body = c.post("/indicators/"+idText(editID), url.Values{"name": {"权责清单调整"}, "method": {"auto"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "指标 1.1.2“指标项”：自动计算的指标须填写指标项") {
		t.Fatalf("bad edit: %d", resp.StatusCode)
	}
	resp, _ = c.post("/indicators/"+idText(editID), url.Values{"name": {"权责清单调整"}, "method": {"manual"}, "description": {"提供调整文件"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}

	// an officer may not see or import the tree
	officer := f.as(t, "officer.scjgj")
	if resp, _ := officer.get("/indicators"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("officer view: %d, want 403", resp.StatusCode)
	}
	if resp, _ := indicatorUpload(t, officer, indicatorBook(t, goodIndicatorRows...)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("officer import: %d, want 403", resp.StatusCode)
	}

	// a round over two units
	scj, sfj := unitID(t, f, "清溪县市场监督管理局"), unitID(t, f, "清溪县司法局")
	resp, _ = c.post("/assessments", url.Values{"year": {"2024"}, "title": {"2024年度考核"}, "unit": {idText(scj), idText(sfj)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("open round: %d", resp.StatusCode)
	}
	roundPath := strings.SplitN(resp.Header.Get("Location"), "?", 2)[0]

	legal := f.as(t, "legal.scjgj")
	legal.get(roundPath)
	scjPath, sfjPath := roundPath+"/units/"+idText(scj), roundPath+"/units/"+idText(sfj)
	resp, body = legal.post(scjPath+"/self", url.Values{"self_1.1.2": {"9"}, "note_1.1.2": {"已调整"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "指标 1.1.2“自评分”：应为 0 到 6 之间的数") || !strings.Contains(body, `value="9"`) {
		t.Fatalf("bad claim: %d", resp.StatusCode)
	}
	resp, _ = legal.post(scjPath+"/self", url.Values{"self_1.1.2": {"6"}, "note_1.1.2": {"已调整"}, "self_1.1.3": {"1"}, "self_2.1": {"10"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("self: %d", resp.StatusCode)
	}
	if resp, _ := legal.post(sfjPath+"/self", url.Values{"self_2.1": {"10"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("other unit's self-assessment: %d, want 403", resp.StatusCode)
	}
	if resp, _ := legal.post(scjPath+"/score", url.Values{"score_2.1": {"10"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 scoring: %d, want 403", resp.StatusCode)
	}

	assessor := f.as(t, "assessor")
	_, body = assessor.get(scjPath)
	if !strings.Contains(body, `name="score_2.1"`) || strings.Contains(body, `name="self_2.1"`) || !strings.Contains(body, "已调整") || !strings.Contains(body, "权责清单调整") {
		t.Fatal("assessor's form")
	}
	resp, body = assessor.post(scjPath+"/score", url.Values{"score_2.1": {"8"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "须填写评分理由") {
		t.Fatalf("score without justification: %d", resp.StatusCode)
	}
	resp, _ = assessor.post(scjPath+"/score", url.Values{"score_2.1": {"8"}, "why_2.1": {"备案超期 1 件"}, "score_1.1.2": {"6"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("score: %d", resp.StatusCode)
	}
	_, body = assessor.get(roundPath)
	if !strings.Contains(body, "清溪县市场监督管理局") || !strings.Contains(body, `<td class="num">1</td>`) {
		t.Fatalf("ranking page: %s", body)
	}
	resp, body = assessor.get(roundPath + "/export.xlsx")
	detail, err := xlsx.Read(strings.NewReader(body), "评分明细")
	if resp.StatusCode != http.StatusOK || err != nil || !strings.Contains(strings.Join(flatten(detail), "|"), "备案超期 1 件") {
		t.Fatalf("export: %d %v", resp.StatusCode, err)
	}

	// a closed round refuses further scores
	c.get(roundPath)
	if resp, _ := c.post(roundPath+"/close", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", resp.StatusCode)
	}
	if resp, _ := assessor.post(scjPath+"/score", url.Values{"score_2.1": {"10"}, "why_2.1": {"复核"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("score after close: %d, want 409", resp.StatusCode)
	}
	if _, body := assessor.get(scjPath); strings.Contains(body, `name="score_2.1"`) {
		t.Error("closed round still shows the scoring form")
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
