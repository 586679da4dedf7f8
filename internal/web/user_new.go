package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

type userForm struct {
	Username, DisplayName string
	UnitID, ScopeUnitID   int64
	Units                 []unitChoice
}

func (s *Server) handleUserNewForm(w http.ResponseWriter, r *http.Request) {
	s.userNewPage(w, r, http.StatusOK, userForm{}, "")
}

func (s *Server) userNewPage(w http.ResponseWriter, r *http.Request, status int, f userForm, errMsg string) {
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Units = units
	v := s.view(r, "新建账号", f)
	v.Error = errMsg
	s.render(w, status, "user_new", v)
}

func formID(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	return id
}

// handleUserCreate creates an account without roles: under 三员分立 the
// security administrator grants roles afterwards. The initial password must
// be changed at first login.
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	f := userForm{Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"),
		UnitID: formID(r, "unit_id"), ScopeUnitID: formID(r, "scope_unit_id")}
	if err := s.checkUnitInScope(r, f.UnitID, f.ScopeUnitID); err != nil {
		s.userNewPage(w, r, http.StatusForbidden, f, httpx.Classify(err).Message)
		return
	}
	nu, err := s.Auth.CreateUser(r.Context(), auth.NewUser{Username: f.Username, DisplayName: f.DisplayName,
		UnitID: f.UnitID, ScopeUnitID: f.ScopeUnitID, Password: r.PostFormValue("password"), MustChange: true})
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		s.userNewPage(w, r, ae.Status, f, ae.Message)
		return
	}
	flashRedirect(w, r, "/admin/users/"+itoa(nu.ID), "账号已创建，首次登录须修改密码；请安全保密管理员分配角色")
}
