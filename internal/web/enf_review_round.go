package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type reviewRoundData struct {
	Round  enforcement.ReviewRound
	Items  []enforcement.ReviewItem
	Units  []enforcement.ReviewUnitResult
	Cases  []enforcement.ReviewCase
	Check  *enforcement.SampleCheck
	Method string
}

// handleReviewRound shows a round: the seed and how the sample was drawn,
// the units with eligible, sampled and scored files, the sampled files and
// the scoring table. ?check=1 draws the sample again and compares.
func (s *Server) handleReviewRound(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reviewRoundPage(w, r, http.StatusOK, id, "")
}

func (s *Server) reviewRoundPage(w http.ResponseWriter, r *http.Request, status int, id int64, msg string) {
	ctx, scope := r.Context(), httpx.User(r).ScopePath
	d := reviewRoundData{Method: enforcement.SampleMethod}
	var err error
	if d.Round, err = s.Enforcement.ReviewRound(ctx, scope, id); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Items, err = s.Enforcement.ReviewItems(ctx, id); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Units, err = s.Enforcement.ReviewUnits(ctx, scope, id, ""); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Cases, err = s.Enforcement.ReviewCases(ctx, scope, enforcement.ReviewCaseFilter{RoundID: id}); err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("check") == "1" {
		chk, err := s.Enforcement.CheckReviewSample(ctx, scope, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Check = &chk
	}
	v := s.view(r, d.Round.Title, d)
	v.Error = msg
	s.render(w, status, "enf_review_round", v)
}
