package web

import (
	"net/http"

	"fazhi/internal/report"
)

// handleReportMeta changes the report's 公文 frame: title, 发文字号, 主送机关
// and 署名.
func (s *Server) handleReportMeta(w http.ResponseWriter, r *http.Request) {
	s.reportAct(w, r, func(rep report.Report) (string, string, error) {
		m := report.Meta{Title: r.PostFormValue("title"), DocNo: r.PostFormValue("doc_no"),
			Addressee: r.PostFormValue("addressee"), Issuer: r.PostFormValue("issuer")}
		return "已保存标题、文号、主送机关和署名", "#meta", s.Reports.SetMeta(r.Context(), rep.ID, m)
	})
}
