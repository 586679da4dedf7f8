package web

import (
	"errors"
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/httpx"
)

// handleAttachmentUpload stores one uploaded file for a unit of the user's
// scope. The type is detected from the content by the attach package.
func (s *Server) handleAttachmentUpload(w http.ResponseWriter, r *http.Request) {
	// The body may be the size limit plus the form's other fields.
	r.Body = http.MaxBytesReader(w, r.Body, s.attachLimit()+1<<20)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.attachmentsPage(w, r, http.StatusRequestEntityTooLarge, "文件超过大小上限 "+attach.FormatSize(s.attachLimit()))
			return
		}
		s.attachmentsPage(w, r, http.StatusBadRequest, "请选择要上传的文件")
		return
	}
	defer file.Close()
	unitID := formID(r, "unit_id")
	if err := s.checkUnitInScope(r, unitID); err != nil {
		s.attachmentsPage(w, r, http.StatusForbidden, httpx.Classify(err).Message)
		return
	}
	a, err := s.Attach.Save(r.Context(), file, attach.Meta{Filename: hdr.Filename, UnitID: unitID,
		ObjectType: r.PostFormValue("object_type"), ObjectID: r.PostFormValue("object_id"), Note: r.PostFormValue("note")})
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		s.attachmentsPage(w, r, ae.Status, ae.Message)
		return
	}
	flashRedirect(w, r, "/attachments", "已上传“"+a.Filename+"”，SHA-256："+a.Hash)
}

func (s *Server) attachLimit() int64 {
	if s.Attach.MaxSize > 0 {
		return s.Attach.MaxSize
	}
	return attach.DefaultMaxSize
}
