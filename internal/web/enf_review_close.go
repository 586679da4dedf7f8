package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

// handleReviewClose ends a round once every sampled file is scored.
func (s *Server) handleReviewClose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Enforcement.CloseReviewRound(r.Context(), httpx.User(r).ScopePath, id); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reviewRoundPage(w, r, ae.Status, id, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/reviews/"+itoa(id)+"/results", "评查已结束，结果已计入案卷评查优良率")
}
