package web

import (
	"context"
	"net/http"

	"fazhi/internal/httpx"
)

// handleReviewRectClose is the organiser's 销号 of a reported 整改.
func (s *Server) handleReviewRectClose(w http.ResponseWriter, r *http.Request) {
	s.reviewRectDecide(w, r, s.Enforcement.CloseReviewRectification, "已销号")
}

// handleReviewRectReturn sends a reported 整改 back with a comment.
func (s *Server) handleReviewRectReturn(w http.ResponseWriter, r *http.Request) {
	s.reviewRectDecide(w, r, s.Enforcement.ReturnReviewRectification, "已退回整改")
}

func (s *Server) reviewRectDecide(w http.ResponseWriter, r *http.Request,
	decide func(ctx context.Context, scope string, id int64, comment string) error, done string) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := decide(r.Context(), httpx.User(r).ScopePath, id, r.PostFormValue("comment")); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reviewRectsPage(w, r, ae.Status, true, ae.Message, 0, "")
		}
		return
	}
	back := "/enforcement/reviews/rectifications#rect-" + itoa(id)
	if r.PostFormValue("back") != "" {
		back = r.PostFormValue("back")
		if len(back) < 2 || back[0] != '/' || back[1] == '/' {
			back = "/enforcement/reviews/rectifications"
		}
	}
	flashRedirect(w, r, back, done)
}
