package web

import (
	"bytes"
	"net/http"
	"strings"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

const enfImpXLSXMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// handleEnfImportTemplate sends the template of a kind: the header row
// with an example row, and a sheet explaining each column.
func (s *Server) handleEnfImportTemplate(w http.ResponseWriter, r *http.Request) {
	kind, ok := enforcement.ImportKindOf(r.URL.Query().Get("kind"))
	if !ok {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	headers, example := enforcement.ImportTemplateRows(kind)
	var notes [][]any
	for _, c := range enforcement.ImportLayout(kind) {
		req := "否"
		if c.Required {
			req = "是"
		}
		notes = append(notes, []any{c.Header, req, strings.Join(c.Aliases, "、"), c.Help})
	}
	widths := make([]float64, len(headers))
	for i := range widths {
		widths[i] = 16
	}
	var buf bytes.Buffer
	err := xlsx.Write(&buf,
		xlsx.Table{Sheet: kind.Label(), Headers: headers, Rows: [][]any{example}, Widths: widths},
		xlsx.Table{Sheet: "填写说明", Title: "列的顺序不限；列名可用“其他列名”中的任一个；示例行为虚构数据，导入前请删除",
			Headers: []string{"列名", "必填", "其他列名", "说明"}, Rows: notes, Widths: []float64{18, 6, 36, 60}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, kind.Label()+"导入模板.xlsx", enfImpXLSXMime, buf.Bytes())
}

// handleEnfImportErrors sends every error the last check found as XLSX.
func (s *Server) handleEnfImportErrors(w http.ResponseWriter, r *http.Request) {
	b, ok := s.enfImportBatch(w, r)
	if !ok {
		return
	}
	rep, err := s.Enforcement.ImportReportOf(r.Context(), b.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(rep.Errors)+1)
	for _, e := range rep.Errors {
		rows = append(rows, []any{e.Row, e.Column, e.Msg})
	}
	if rep.Truncated > 0 {
		rows = append(rows, []any{"", "", "另有 " + itoa(rep.Truncated) + " 处问题未列出，请修改以上问题后重新上传检查"})
	}
	var buf bytes.Buffer
	err = xlsx.Write(&buf, xlsx.Table{Sheet: "错误报告", Title: "导入文件“" + b.Filename + "”的检查结果：共 " +
		itoa(b.ErrorCount) + " 处问题（行号与 Excel 中的行号一致）", Headers: []string{"行号", "列", "问题"}, Rows: rows,
		Widths: []float64{8, 18, 90}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "导入错误报告-"+strings.TrimSuffix(b.Filename, ".csv")+".xlsx", enfImpXLSXMime, buf.Bytes())
}
