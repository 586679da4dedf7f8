package web

import (
	"net/http"

	"fazhi/internal/report"
)

// publishedReport loads the text on the portal of the report of the path.
func (s *Server) publishedReport(r *http.Request) (report.Publication, error) {
	id, err := pathID(r)
	if err != nil {
		return report.Publication{}, err
	}
	return s.Reports.Published(r.Context(), id)
}

// handlePublicReport shows a published report's frozen text, readable on
// a phone, with its DOCX and PDF.
func (s *Server) handlePublicReport(w http.ResponseWriter, r *http.Request) {
	p, err := s.publishedReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "public_report", s.view(r, p.Title, p))
}
