package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type reviewListData struct {
	Rounds    []enforcement.ReviewRound
	ScopeName string
	OpenRects int
}

// handleReviewRounds lists the 案卷评查 rounds organised in the user's scope.
func (s *Server) handleReviewRounds(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	rounds, err := s.Enforcement.ReviewRounds(r.Context(), u.ScopePath)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rects, err := s.Enforcement.ReviewRectifications(r.Context(), enforcement.ReviewRectFilter{RoundScope: u.ScopePath, OpenOnly: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "enf_review_list", s.view(r, "案卷评查",
		reviewListData{Rounds: rounds, ScopeName: u.ScopeName, OpenRects: len(rects)}))
}
