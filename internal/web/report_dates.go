package web

import (
	"net/http"

	"fazhi/internal/report"
)

// handleReportDates sets the report's own 报送 and 公开 dates with the
// reason; the monitor's open items move with them.
func (s *Server) handleReportDates(w http.ResponseWriter, r *http.Request) {
	s.reportAct(w, r, func(rep report.Report) (string, string, error) {
		err := s.Reports.SetDates(r.Context(), rep.ID, r.PostFormValue("submit_by"), r.PostFormValue("publish_by"),
			r.PostFormValue("dates_reason"))
		return "已调整报告期限", "#dates", err
	})
}
