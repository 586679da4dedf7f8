package web

import (
	"net/http"

	"fazhi/internal/report"
)

// handleReportPublish freezes the current text on the public portal; a
// text with 【…】 still to fill is refused with the places named.
func (s *Server) handleReportPublish(w http.ResponseWriter, r *http.Request) {
	s.reportAct(w, r, func(rep report.Report) (string, string, error) {
		_, err := s.Reports.Publish(r.Context(), rep.ID)
		return "已在政务公开栏目公开", "", err
	})
}
