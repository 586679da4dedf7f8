package web

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

// maxListUpload bounds an imported 权责清单 workbook (it travels on to the
// confirmation as a hidden field).
const maxListUpload = 4 << 20

// handleEnfListExport sends a version as XLSX: sheet 事项 and sheet 裁量基准,
// the layout the import reads.
func (s *Server) handleEnfListExport(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	items, err := s.Enforcement.VersionItems(r.Context(), l.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ir, dr := enforcement.ListSheetRows(items)
	var buf bytes.Buffer
	err = xlsx.Write(&buf,
		xlsx.Table{Sheet: enforcement.SheetItems, Headers: enforcement.ItemSheetHeaders(), Rows: ir,
			Widths: []float64{14, 36, 10, 30, 14, 50, 12, 8, 10, 8}},
		xlsx.Table{Sheet: enforcement.SheetDiscretion, Headers: enforcement.DiscretionSheetHeaders(), Rows: dr,
			Widths: []float64{14, 6, 40, 12, 14, 14, 24, 14}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := l.UnitName + "权责清单第" + itoa(l.Version) + "版.xlsx"
	sendFile(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

type enfImportData struct {
	List    enforcement.List
	Errors  []string
	Diff    enforcement.ListDiff
	Items   int
	Rows    int
	Payload string // the workbook, base64, for the confirmation
}

// parseListUpload reads both sheets of a workbook; problems come back as
// messages naming sheet, row and column.
func parseListUpload(data []byte) ([]enforcement.ItemInput, []string) {
	sheets := make([][][]string, 2)
	for i, name := range []string{enforcement.SheetItems, enforcement.SheetDiscretion} {
		rows, err := xlsx.Read(bytes.NewReader(data), name)
		if err != nil {
			return nil, []string{"文件中缺少“" + name + "”工作表，或不是有效的 .xlsx 文件；请以本页导出的文件为模板"}
		}
		sheets[i] = rows
	}
	items, errs := enforcement.ParseListWorkbook(sheets[0], sheets[1])
	var out []string
	for _, e := range errs {
		out = append(out, e.String())
	}
	return items, out
}

// handleEnfListImport checks an uploaded workbook against a draft and shows
// what it would change; nothing is saved until the user confirms.
func (s *Server) handleEnfListImport(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxListUpload+1<<20)
	var data []byte
	f, _, err := r.FormFile("file")
	if err == nil {
		defer f.Close()
		data, err = io.ReadAll(io.LimitReader(f, maxListUpload+1))
	}
	if err != nil || len(data) == 0 || len(data) > maxListUpload {
		s.fail(w, r, httpx.Invalid("请选择要导入的 Excel（.xlsx）文件（不超过 4 MB）"))
		return
	}
	if l.Status != enforcement.ListDraft {
		s.fail(w, r, &httpx.AppError{Status: http.StatusConflict, Code: "conflict", Message: "只能导入到草稿版本"})
		return
	}
	items, problems := parseListUpload(data)
	d := enfImportData{List: l, Errors: problems, Payload: base64.StdEncoding.EncodeToString(data)}
	if len(problems) > 0 {
		v := s.view(r, "导入权责清单", d)
		v.Error = "导入未完成：发现 " + strconv.Itoa(len(problems)) + " 处问题，所有数据均未保存；请修改文件后重新上传"
		s.render(w, http.StatusBadRequest, "enf_list_import", v)
		return
	}
	old, err := s.Enforcement.VersionItems(r.Context(), l.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Diff, d.Items = enforcement.CompareItems(old, enforcement.PreviewItems(items)), len(items)
	for _, it := range items {
		d.Rows += len(it.Discretion)
	}
	s.render(w, http.StatusOK, "enf_list_import", s.view(r, "核对导入的权责清单", d))
}

// handleEnfListImportConfirm imports the previewed workbook into the draft,
// all or nothing (it is checked again: what is saved is what was shown).
func (s *Server) handleEnfListImportConfirm(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	data, err := base64.StdEncoding.DecodeString(r.PostFormValue("payload"))
	if err != nil || len(data) == 0 || len(data) > maxListUpload {
		s.fail(w, r, httpx.Invalid("导入内容已失效，请重新上传文件"))
		return
	}
	items, problems := parseListUpload(data)
	if len(problems) > 0 {
		s.fail(w, r, httpx.Invalid("导入文件有误，请重新上传："+problems[0]))
		return
	}
	if err := s.Enforcement.ImportDraft(r.Context(), l.ID, items); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/lists/"+itoa(l.ID), "已导入事项 "+strconv.Itoa(len(items))+" 项，草稿原有内容已替换")
}
