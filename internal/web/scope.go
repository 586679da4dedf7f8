package web

import (
	"net/http"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/org"
)

// unitChoice is one option of a unit select box, indented by depth.
type unitChoice struct {
	ID    int64
	Label string
}

// unitChoices lists the active units inside the user's scope.
func (s *Server) unitChoices(r *http.Request) ([]unitChoice, error) {
	u := httpx.User(r)
	units, err := s.Org.List(r.Context(), org.ListFilter{RootID: u.ScopeUnitID, Status: org.ActiveOnly})
	if err != nil {
		return nil, err
	}
	base := strings.Count(u.ScopePath, "/")
	out := make([]unitChoice, len(units))
	for i, un := range units {
		depth := strings.Count(un.Path, "/") - base
		out[i] = unitChoice{ID: un.ID, Label: strings.Repeat("　", max(depth, 0)) + un.Name}
	}
	return out, nil
}

// checkUnitInScope refuses unit ids outside the user's data scope (ids of 0
// are skipped: they mean "not chosen").
func (s *Server) checkUnitInScope(r *http.Request, ids ...int64) error {
	u := httpx.User(r)
	for _, id := range ids {
		if id == 0 {
			continue
		}
		un, err := s.Org.Get(r.Context(), id)
		if err != nil {
			return err
		}
		if !u.InScope(un.Path) {
			return &httpx.AppError{Status: http.StatusForbidden, Code: "forbidden",
				Message: "单位“" + un.Name + "”不在您的数据范围内"}
		}
	}
	return nil
}

// orgScope is the org filter for the user's whole scope, inactive units too.
func orgScope(u *auth.User) org.ListFilter { return org.ListFilter{RootID: u.ScopeUnitID} }
