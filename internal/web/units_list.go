package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/org"
)

func unitStatusFilter(r *http.Request) org.Status {
	switch r.URL.Query().Get("status") {
	case "all":
		return org.AnyStatus
	case "inactive":
		return org.InactiveOnly
	}
	return org.ActiveOnly
}

func (s *Server) handleUnits(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	tree, err := s.Org.Tree(r.Context(), org.ListFilter{RootID: u.ScopeUnitID, Status: unitStatusFilter(r)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "units", s.view(r, "单位管理", map[string]any{
		"Tree": tree, "Status": r.URL.Query().Get("status"), "CanManage": u.Can(auth.PermUnitManage),
	}))
}
