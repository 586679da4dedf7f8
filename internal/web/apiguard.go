package web

import (
	"net/http"
	"strings"

	"fazhi/internal/httpx"
)

// apiGuard authenticates /api routes by personal API token (Authorization:
// Bearer fzt_…) and answers every failure in the API's JSON error format.
func (s *Server) apiGuard(rt httpx.Route) http.Handler {
	if rt.Public {
		return rt.Handler
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			httpx.WriteError(w, &httpx.AppError{Status: 401, Code: "unauthorized",
				Message: "缺少API令牌：请在 Authorization 头中使用 Bearer 令牌"})
			return
		}
		u, err := s.Auth.AuthenticateToken(r.Context(), strings.TrimSpace(secret))
		if err != nil {
			httpx.WriteError(w, httpx.Classify(err))
			return
		}
		r = r.WithContext(httpx.WithUser(r.Context(), &u, s.ip(r)))
		if !u.Can(rt.Perm) {
			s.deny(r, rt)
			httpx.WriteError(w, httpx.ErrForbidden)
			return
		}
		rt.Handler(w, r)
	})
}
