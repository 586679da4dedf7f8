package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

// handleUserRoles is the security administrator's role assignment.
func (s *Server) handleUserRoles(w http.ResponseWriter, r *http.Request) {
	target, err := s.loadUserInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, httpx.Invalid("表单无法解析"))
		return
	}
	var roles []auth.Role
	for _, v := range r.PostForm["role"] {
		roles = append(roles, auth.Role(v))
	}
	if target.ID == httpx.User(r).ID {
		s.userEditPage(w, r, http.StatusBadRequest, "不能调整自己的角色（三员分立：须由另一名安全保密管理员操作）")
		return
	}
	if err := s.Auth.SetRoles(r.Context(), target.ID, roles); err != nil {
		s.userActionFailed(w, r, err)
		return
	}
	flashRedirect(w, r, "/admin/users/"+itoa(target.ID), "角色已更新")
}

func (s *Server) handleUserUnlock(w http.ResponseWriter, r *http.Request) {
	target, err := s.loadUserInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Auth.Unlock(r.Context(), target.ID); err != nil {
		s.userActionFailed(w, r, err)
		return
	}
	flashRedirect(w, r, "/admin/users/"+itoa(target.ID), "账号已解锁")
}
