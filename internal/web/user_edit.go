package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

// loadUserInScope fetches the user of the path, refusing accounts whose unit
// lies outside the administrator's scope as if they did not exist.
func (s *Server) loadUserInScope(r *http.Request) (auth.User, error) {
	id, err := pathID(r)
	if err != nil {
		return auth.User{}, err
	}
	u, err := s.Auth.Get(r.Context(), id)
	if err != nil {
		return auth.User{}, err
	}
	if err := s.checkUnitInScope(r, u.UnitID); err != nil {
		return auth.User{}, httpx.ErrNotFound
	}
	return u, nil
}

type userEditData struct {
	Target    *auth.User
	Units     []unitChoice
	AllRoles  []auth.Role
	CanManage bool
	CanRoles  bool
	Locked    bool
}

func (s *Server) userEditPage(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	target, err := s.loadUserInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	me := httpx.User(r)
	v := s.view(r, "账号："+target.DisplayName, userEditData{Target: &target, Units: units, AllRoles: auth.AllRoles,
		CanManage: me.Can(auth.PermUserManage), CanRoles: me.Can(auth.PermRoleAssign), Locked: target.Locked(s.Auth.Now())})
	v.Error = errMsg
	s.render(w, status, "user_edit", v)
}

func (s *Server) handleUserEditForm(w http.ResponseWriter, r *http.Request) {
	s.userEditPage(w, r, http.StatusOK, "")
}

func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) {
	target, err := s.loadUserInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	up := auth.Update{DisplayName: r.PostFormValue("display_name"), UnitID: formID(r, "unit_id"),
		ScopeUnitID: formID(r, "scope_unit_id"), Active: r.PostFormValue("active") == "1"}
	if err := s.checkUnitInScope(r, up.UnitID, up.ScopeUnitID); err != nil {
		s.userEditPage(w, r, http.StatusForbidden, httpx.Classify(err).Message)
		return
	}
	if target.ID == httpx.User(r).ID && !up.Active {
		s.userEditPage(w, r, http.StatusBadRequest, "不能停用自己的账号")
		return
	}
	if err := s.Auth.UpdateUser(r.Context(), target.ID, up); err != nil {
		s.userActionFailed(w, r, err)
		return
	}
	flashRedirect(w, r, "/admin/users/"+itoa(target.ID), "账号信息已保存")
}

func (s *Server) userActionFailed(w http.ResponseWriter, r *http.Request, err error) {
	if ae := s.formError(w, r, err); ae != nil {
		s.userEditPage(w, r, ae.Status, ae.Message)
	}
}

func (s *Server) handleUserResetPassword(w http.ResponseWriter, r *http.Request) {
	target, err := s.loadUserInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Auth.ResetPassword(r.Context(), target.ID, r.PostFormValue("password")); err != nil {
		s.userActionFailed(w, r, err)
		return
	}
	flashRedirect(w, r, "/admin/users/"+itoa(target.ID), "密码已重置，该用户下次登录须修改密码")
}
