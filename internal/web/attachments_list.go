package web

import (
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

func (s *Server) attachmentsPage(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	u := httpx.User(r)
	page, per := httpx.Page(r, 30)
	list, total, err := s.Attach.List(r.Context(), attach.ListFilter{ScopePath: u.ScopePath, Limit: per, Offset: (page - 1) * per})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := map[int64]string{}
	if all, err := s.Org.List(r.Context(), orgScope(u)); err == nil {
		for _, un := range all {
			names[un.ID] = un.Name
		}
	}
	q := r.URL.Query()
	q.Del("page")
	v := s.view(r, "附件", map[string]any{"Items": list, "Units": units, "UnitNames": names, "MyUnit": u.UnitID,
		"CanUpload": u.Can(auth.PermAttachUpload), "Allowed": attach.AllowedTypesText,
		"MaxSize": attach.FormatSize(s.attachLimit()), "Pager": newPager(page, per, total, q)})
	v.Error = errMsg
	s.render(w, status, "attachments", v)
}

func (s *Server) handleAttachments(w http.ResponseWriter, r *http.Request) {
	s.attachmentsPage(w, r, http.StatusOK, "")
}
