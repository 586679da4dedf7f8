package web

import (
	"bytes"
	"net/http"

	"fazhi/internal/xlsx"
)

// handleAssessmentExport downloads a round's ranking and every score with
// its justification.
func (s *Server) handleAssessmentExport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Indicator.Results(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, res.Tables()...); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, res.Round.Title+"结果.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
