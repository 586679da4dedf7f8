package web

import (
	"errors"
	"net/http"

	"fazhi/internal/attach"
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
	r.Body = http.MaxBytesReader(w, r.Body, maxEvidenceFiles*s.attachLimit()+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		msg := "表单读取失败，请重试"
		if errors.As(err, &tooBig) {
			msg = "上传的文件过大，单个文件不超过 " + attach.FormatSize(s.attachLimit())
		}
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
