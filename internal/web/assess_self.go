package web

import (
	"errors"
	"net/http"

	"fazhi/internal/indicator"
)

// handleAssessSelf saves a unit's self-assessment (claimed scores, reported
// occurrences, notes): all or nothing.
func (s *Server) handleAssessSelf(w http.ResponseWriter, r *http.Request) {
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
	var entries []indicator.SelfEntry
	for _, it := range items {
		if _, ok := r.PostForm["self_"+it.Code]; ok && it.Leaf {
			entries = append(entries, indicator.SelfEntry{Code: it.Code, Value: r.PostFormValue("self_" + it.Code),
				Note: r.PostFormValue("note_" + it.Code)})
		}
	}
	err = s.Indicator.SelfAssess(r.Context(), round.ID, unitID, entries)
	var ve *indicator.ValidationError
	if errors.As(err, &ve) {
		s.assessUnitPage(w, r, http.StatusBadRequest, ve.Problems)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, assessUnitPath(round.ID, unitID), "自评已保存")
}
