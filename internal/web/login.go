package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

type loginData struct {
	CSRF, Next, Username string
}

// loginToken issues the pre-session CSRF token for the login form
// (double-submit cookie: the form value must equal the cookie).
func (s *Server) loginToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(loginCSRFCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	tok := auth.RandomToken(32)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: tok, Path: "/login", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.overTLS(r)})
	return tok
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	if httpx.User(r) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	d := loginData{CSRF: s.loginToken(w, r), Next: safeNext(r.URL.Query().Get("next"))}
	s.render(w, http.StatusOK, "login", s.view(r, "登录", d))
}

// safeNext keeps redirects after login on this site.
func safeNext(n string) string {
	if !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.HasPrefix(n, "/\\") {
		return "/"
	}
	return n
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	d := loginData{CSRF: s.loginToken(w, r), Next: safeNext(r.PostFormValue("next")),
		Username: strings.TrimSpace(r.PostFormValue("username"))}
	c, err := r.Cookie(loginCSRFCookie)
	form := r.PostFormValue("csrf_token")
	if err != nil || form == "" || subtle.ConstantTimeCompare([]byte(form), []byte(c.Value)) != 1 {
		s.loginFailed(w, r, d, http.StatusForbidden, httpx.ErrCSRF.Message)
		return
	}
	u, err := s.Auth.Authenticate(r.Context(), d.Username, r.PostFormValue("password"), s.ip(r))
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		s.loginFailed(w, r, d, ae.Status, ae.Message)
		return
	}
	old := ""
	if oc, err := r.Cookie(sessionCookie); err == nil {
		old = oc.Value
	}
	cookie, _, err := s.Auth.StartSession(r.Context(), u.ID, old, s.ip(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setSessionCookie(w, r, cookie)
	if u.MustChange {
		http.Redirect(w, r, "/password", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

func (s *Server) loginFailed(w http.ResponseWriter, r *http.Request, d loginData, status int, msg string) {
	v := s.view(r, "登录", d)
	v.Error = msg
	if status == http.StatusUnauthorized {
		status = http.StatusOK // a wrong password is a normal page, not an HTTP auth challenge
	}
	s.render(w, status, "login", v)
}

var errPasswordMismatch = errors.New("两次输入的新密码不一致")
