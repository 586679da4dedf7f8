package web

import (
	"net/http"

	"fazhi/internal/report"
)

// handleReportSubmit records that the report was sent to the Party
// committee and the higher government (date and recipients).
func (s *Server) handleReportSubmit(w http.ResponseWriter, r *http.Request) {
	s.reportAct(w, r, func(rep report.Report) (string, string, error) {
		err := s.Reports.Submit(r.Context(), rep.ID, r.PostFormValue("submitted_on"), r.PostFormValue("submitted_to"))
		return "已登记报送", "", err
	})
}
