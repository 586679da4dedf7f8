package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	page, per := httpx.Page(r, 50)
	q := r.URL.Query()
	users, total, err := s.Auth.List(r.Context(), auth.ListFilter{ScopePath: u.ScopePath, Query: q.Get("q"),
		Limit: per, Offset: (page - 1) * per})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q.Del("page")
	s.render(w, http.StatusOK, "users", s.view(r, "用户管理", map[string]any{
		"Users": users, "Query": q.Get("q"), "Pager": newPager(page, per, total, q),
		"CanManage": u.Can(auth.PermUserManage), "Now": s.Auth.Now(),
	}))
}
