package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// handleReviewScore saves (or replaces) the score of a sampled file.
func (s *Server) handleReviewScore(w http.ResponseWriter, r *http.Request) {
	rc, ok := s.reviewCaseOf(w, r)
	if !ok {
		return
	}
	items, err := s.Enforcement.ReviewItems(r.Context(), rc.RoundID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	found, err := enforcement.ReadFindings(items, r.PostFormValue)
	if err == nil {
		err = s.Enforcement.ScoreReviewCase(r.Context(), httpx.User(r).ScopePath, rc.ID,
			enforcement.ReviewScoreInput{Findings: found, Comment: r.PostFormValue("comment")})
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reviewCasePage(w, r, ae.Status, rc, formValues(r), "score", ae.Message)
		}
		return
	}
	rc, err = s.Enforcement.ReviewCase(r.Context(), httpx.User(r).ScopePath, rc.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, reviewCaseURL(rc), "已保存评分："+rc.ScoreText()+"分，"+rc.Grade.Label())
}

func reviewCaseURL(rc enforcement.ReviewCase) string {
	return "/enforcement/reviews/" + itoa(rc.RoundID) + "/cases/" + itoa(rc.ID)
}

// formValues flattens the posted form (first value of each field).
func formValues(r *http.Request) map[string]string {
	m := map[string]string{}
	for k, v := range r.PostForm {
		if len(v) > 0 {
			m[k] = v[0]
		}
	}
	return m
}
