package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// handleReviewRectSubmit files the unit's 整改 result with evidence.
func (s *Server) handleReviewRectSubmit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if msg := s.readEvidenceForm(w, r); msg != "" {
		s.reviewRectsPage(w, r, http.StatusBadRequest, false, msg, id, "")
		return
	}
	text := r.PostFormValue("result")
	files, closeAll, err := evidenceFiles(r)
	defer closeAll()
	if err != nil {
		err = httpx.Invalid(err.Error())
	} else {
		ups := make([]enforcement.ReviewUpload, len(files))
		for i, f := range files {
			ups[i] = enforcement.ReviewUpload{Name: f.Name, Data: f.Data}
		}
		err = s.Enforcement.SubmitReviewRectification(r.Context(), httpx.User(r).ScopePath, id, text, ups)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reviewRectsPage(w, r, ae.Status, false, ae.Message, id, text)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/reviews/mine#rect-"+itoa(id), "已报送整改情况，等待法治办销号")
}
