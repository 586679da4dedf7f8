package web

import (
	"net/http"

	"fazhi/internal/report"
)

// handleReportWithdraw takes the published text off the portal, with the
// reason; the report may then be corrected and published again.
func (s *Server) handleReportWithdraw(w http.ResponseWriter, r *http.Request) {
	s.reportAct(w, r, func(rep report.Report) (string, string, error) {
		return "已撤回公开，报告可修改后重新公开", "", s.Reports.Withdraw(r.Context(), rep.ID, r.PostFormValue("reason"))
	})
}
