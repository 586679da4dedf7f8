package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
)

// handleReviewRectIssue orders 整改 of a scored file with a requirement
// and a period in working days.
func (s *Server) handleReviewRectIssue(w http.ResponseWriter, r *http.Request) {
	rc, ok := s.reviewCaseOf(w, r)
	if !ok {
		return
	}
	days, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("days")))
	if err != nil {
		err = httpx.Invalid("请填写整改期限（工作日数）")
	} else {
		_, err = s.Enforcement.IssueReviewRectification(r.Context(), httpx.User(r).ScopePath, rc.ID, r.PostFormValue("requirement"), days)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reviewCasePage(w, r, ae.Status, rc, formValues(r), "rect", ae.Message)
		}
		return
	}
	flashRedirect(w, r, reviewCaseURL(rc)+"#rects", "已下达整改，期限已登记到期限提醒")
}
