package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"fazhi/internal/indicator"
)

// handleAssessScore saves a reviewer's scores of one unit: all or nothing;
// a score that differs from the claim needs its justification.
func (s *Server) handleAssessScore(w http.ResponseWriter, r *http.Request) {
	saveAssessForm(s, w, r, "score_", func(code string, f url.Values) indicator.ScoreEntry {
		return indicator.ScoreEntry{Code: code, Score: f.Get("score_" + code), Justification: f.Get("why_" + code)}
	}, s.Indicator.ScoreUnit, "评分已保存")
}

// handleAssessSelf saves a unit's self-assessment (claimed scores, reported
// occurrences, notes): all or nothing.
func (s *Server) handleAssessSelf(w http.ResponseWriter, r *http.Request) {
	saveAssessForm(s, w, r, "self_", func(code string, f url.Values) indicator.SelfEntry {
		return indicator.SelfEntry{Code: code, Value: f.Get("self_" + code), Note: f.Get("note_" + code)}
	}, s.Indicator.SelfAssess, "自评已保存")
}

// saveAssessForm runs one of a unit sheet's forms: it collects an entry for
// every leaf indicator whose field (prefix + code) was submitted, saves them
// together, and shows validation problems beside the form.
func saveAssessForm[E any](s *Server, w http.ResponseWriter, r *http.Request, prefix string,
	entry func(code string, form url.Values) E,
	save func(ctx context.Context, roundID, unitID int64, entries []E) error, done string) {
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
	var entries []E
	for _, it := range items {
		if _, ok := r.PostForm[prefix+it.Code]; ok && it.Leaf {
			entries = append(entries, entry(it.Code, r.PostForm))
		}
	}
	err = save(r.Context(), round.ID, unitID, entries)
	var ve *indicator.ValidationError
	if errors.As(err, &ve) {
		s.assessUnitPage(w, r, http.StatusBadRequest, ve.Problems)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, assessUnitPath(round.ID, unitID), done)
}
