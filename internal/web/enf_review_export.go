package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

// handleReviewExport sends a round's ranking and its case list with every
// deduction as one XLSX workbook.
func (s *Server) handleReviewExport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, name, err := s.Enforcement.ReviewResultsXLSX(r.Context(), httpx.User(r).ScopePath, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
}
