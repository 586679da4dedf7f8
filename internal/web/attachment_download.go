package web

import (
	"net/http"
	"net/url"

	"fazhi/internal/attach"
	"fazhi/internal/httpx"
)

// loadAttachmentInScope fetches the attachment of the path; one owned by a
// unit outside the user's scope is reported as not found.
func (s *Server) loadAttachmentInScope(r *http.Request) (attach.Attachment, error) {
	id, err := pathID(r)
	if err != nil {
		return attach.Attachment{}, err
	}
	a, err := s.Attach.Get(r.Context(), id)
	if err != nil {
		return attach.Attachment{}, err
	}
	if err := s.checkUnitInScope(r, a.UnitID); err != nil {
		return attach.Attachment{}, httpx.ErrNotFound
	}
	return a, nil
}

func (s *Server) handleAttachmentDownload(w http.ResponseWriter, r *http.Request) {
	a, err := s.loadAttachmentInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.Attach.Open(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", a.Mime)
	w.Header().Set("Content-Disposition", "attachment; filename=\"download\"; filename*=UTF-8''"+url.PathEscape(a.Filename))
	w.Header().Set("X-Content-SHA256", a.Hash)
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", a.CreatedAt, f)
}

func (s *Server) handleAttachmentVerify(w http.ResponseWriter, r *http.Request) {
	a, err := s.loadAttachmentInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Attach.Verify(r.Context(), a); err != nil {
		s.attachmentsPage(w, r, http.StatusOK, httpx.Classify(err).Message)
		return
	}
	flashRedirect(w, r, "/attachments", "“"+a.Filename+"”校验通过：文件内容与登记的 SHA-256 一致")
}

func (s *Server) handleAttachmentDelete(w http.ResponseWriter, r *http.Request) {
	a, err := s.loadAttachmentInScope(r)
	if err == nil {
		err = s.Attach.Delete(r.Context(), a.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/attachments", "已删除“"+a.Filename+"”的登记（审计日志保留记录）")
}
