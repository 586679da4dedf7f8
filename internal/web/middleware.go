package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

const (
	sessionCookie   = "fazhi_session"
	loginCSRFCookie = "fazhi_login_csrf"
)

// csp allows nothing inline and nothing from elsewhere: htmx, ECharts and our
// own script are served from /static.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.Log.Error("panic", "path", r.URL.Path, "panic", p)
				s.renderError(w, r, &httpx.AppError{Status: 500, Code: "internal", Message: "服务器内部错误，请稍后重试"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type sessionKey struct{}

// withSession attaches the logged-in user, if any, to the request.
func (s *Server) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err == nil && c.Value != "" {
			sess, u, err := s.Auth.LookupSession(r.Context(), c.Value)
			if err == nil {
				ctx := httpx.WithUser(r.Context(), &u, s.ip(r))
				ctx = context.WithValue(ctx, sessionKey{}, sess)
				r = r.WithContext(ctx)
			} else {
				s.clearSessionCookie(w, r)
			}
		}
		next.ServeHTTP(w, r)
	})
}

func sessionFrom(r *http.Request) (auth.Session, bool) {
	sess, ok := r.Context().Value(sessionKey{}).(auth.Session)
	return sess, ok
}

func (s *Server) ip(r *http.Request) string { return httpx.ClientIP(r, s.TrustProxy) }

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// guard wraps a route with authentication, the forced password change, the
// permission check and, for state changes, the CSRF token check.
func (s *Server) guard(rt httpx.Route) http.Handler {
	if strings.HasPrefix(rt.Pattern, "/api/") {
		return s.apiGuard(rt)
	}
	h := http.Handler(rt.Handler)
	if rt.Public && rt.Method == http.MethodGet && (rt.Pattern == "/public" || strings.HasPrefix(rt.Pattern, "/public/")) {
		// The public portal shows the same published pages to everyone: a
		// visitor's session is not looked up (no database read per page for
		// logged-in staff), and nothing there can change state. Security
		// headers and the cross-origin check still wrap it (Handler).
		return h
	}
	if rt.Public {
		return s.withSession(h)
	}
	return s.withSession(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := httpx.User(r)
		if u == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.renderError(w, r, httpx.ErrUnauthorized)
			return
		}
		if u.MustChange && rt.Pattern != "/password" && rt.Pattern != "/logout" {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		if !u.Can(rt.Perm) {
			s.deny(r, rt)
			s.renderError(w, r, httpx.ErrForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.csrfOK(r) {
			s.renderError(w, r, httpx.ErrCSRF)
			return
		}
		h.ServeHTTP(w, r)
	}))
}

// deny records a refused request in the audit log.
func (s *Server) deny(r *http.Request, rt httpx.Route) {
	err := s.Audit.RecordAlone(r.Context(), s.DB, audit.Entry{Action: audit.ActionDenied, ObjectType: "route",
		ObjectID: r.Method + " " + r.URL.Path, Summary: "无权限（需要 " + string(rt.Perm) + "）"})
	if err != nil {
		s.Log.Error("audit denial", "err", err)
	}
}

func (s *Server) csrfOK(r *http.Request) bool {
	sess, ok := sessionFrom(r)
	if !ok {
		return false
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf_token")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) == 1
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, value string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.overTLS(r)})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.overTLS(r), Expires: time.Unix(0, 0)})
}

func (s *Server) handleCrossOrigin(w http.ResponseWriter, r *http.Request) {
	s.Log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path)
	s.renderError(w, r, &httpx.AppError{Status: http.StatusForbidden, Code: "cross_origin",
		Message: "跨站请求已被拒绝：请从本系统页面提交"})
}

// fail renders err for the UI or the API.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	ae := httpx.Classify(err)
	if ae.Status >= 500 {
		s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	s.renderError(w, r, ae)
}

var errBadID = errors.New("bad id")

// overTLS reports whether the browser reached us over HTTPS: directly, or
// through a trusted reverse proxy that terminated TLS.
func (s *Server) overTLS(r *http.Request) bool {
	return r.TLS != nil || (s.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https")
}

// formError turns a service error into what a form page shows beside the
// form. A server fault is answered with the 500 page instead; then it
// returns nil and the handler just returns.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, err error) *httpx.AppError {
	ae := httpx.Classify(err)
	if ae.Status >= 500 {
		s.fail(w, r, err)
		return nil
	}
	return ae
}
