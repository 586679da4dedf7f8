package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

// handleRectifySubmit files a unit's closing text and evidence for 验收.
func (s *Server) handleRectifySubmit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if msg := s.readEvidenceForm(w, r); msg != "" {
		s.rectifyPage(w, r, http.StatusBadRequest, msg, id, "")
		return
	}
	text := r.PostFormValue("closing_text")
	files, closeAll, err := evidenceFiles(r)
	defer closeAll()
	if err == nil {
		err = s.Tasks.SubmitRectification(r.Context(), httpx.User(r).ScopePath, id, text, files)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.rectifyPage(w, r, ae.Status, ae.Message, id, text)
		}
		return
	}
	flashRedirect(w, r, "/rectifications#rect-"+itoa(id), "已报送整改情况，等待法治办验收")
}
