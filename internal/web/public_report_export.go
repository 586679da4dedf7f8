package web

import "net/http"

// handlePublicReportExport downloads the published text as DOCX or PDF.
func (s *Server) handlePublicReportExport(w http.ResponseWriter, r *http.Request) {
	p, err := s.publishedReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendReportDoc(w, r, p.Doc)
}
