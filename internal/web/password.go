package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

func (s *Server) handlePasswordForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "password", s.view(r, "修改密码", nil))
}

func (s *Server) handlePassword(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	pw := r.PostFormValue("password")
	var err error
	if pw != r.PostFormValue("password2") {
		err = httpx.Invalid(errPasswordMismatch.Error())
	} else {
		err = s.Auth.ChangePassword(r.Context(), u.ID, r.PostFormValue("old_password"), pw)
	}
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		v := s.view(r, "修改密码", nil)
		v.Error = ae.Message
		s.render(w, ae.Status, "password", v)
		return
	}
	// Changing the password ends every session of the account, this one too.
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/login?next=/&changed=1", http.StatusSeeOther)
}
