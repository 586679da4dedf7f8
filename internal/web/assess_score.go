package web

import (
	"errors"
	"net/http"

	"fazhi/internal/indicator"
)

// handleAssessScore saves a reviewer's scores of one unit: all or nothing;
// a score that differs from the claim needs its justification.
func (s *Server) handleAssessScore(w http.ResponseWriter, r *http.Request) {
	round, unitID, err := s.assessTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := s.Indicator.Items(r.Context(), round.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_ = r.ParseForm()
	var entries []indicator.ScoreEntry
	for _, it := range items {
		if _, ok := r.PostForm["score_"+it.Code]; ok && it.Leaf {
			entries = append(entries, indicator.ScoreEntry{Code: it.Code, Score: r.PostFormValue("score_" + it.Code),
				Justification: r.PostFormValue("why_" + it.Code)})
		}
	}
	err = s.Indicator.ScoreUnit(r.Context(), round.ID, unitID, entries)
	var ve *indicator.ValidationError
	if errors.As(err, &ve) {
		s.assessUnitPage(w, r, http.StatusBadRequest, ve.Problems)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, assessUnitPath(round.ID, unitID), "评分已保存")
}
