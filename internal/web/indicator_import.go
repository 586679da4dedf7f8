package web

import (
	"errors"
	"net/http"

	"fazhi/internal/httpx"
	"fazhi/internal/indicator"
	"fazhi/internal/xlsx"
)

// handleIndicatorImport replaces the tree with an uploaded workbook: any bad
// row refuses the whole file with its problems by row and column.
func (s *Server) handleIndicatorImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxIndicatorUpload+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		s.fail(w, r, httpx.Invalid("请选择要导入的 Excel（.xlsx）文件（不超过 10 MB）"))
		return
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		s.fail(w, r, httpx.Invalid("请选择要导入的 Excel（.xlsx）文件"))
		return
	}
	defer f.Close()
	rows, err := xlsx.Read(f, "")
	if err != nil {
		s.indicatorPage(w, r, http.StatusBadRequest, []string{"文件无法读取：请上传 .xlsx 文件（可先导出本页作为模板）"})
		return
	}
	nodes, err := s.Indicator.Import(r.Context(), rows)
	var ve *indicator.ValidationError
	if errors.As(err, &ve) {
		s.indicatorPage(w, r, http.StatusBadRequest, ve.Messages())
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := indicator.Counts(nodes)
	flashRedirect(w, r, "/indicators", "已导入指标体系：一级 "+itoa(c[1])+" 项、二级 "+itoa(c[2])+" 项、三级 "+itoa(c[3])+" 项")
}
