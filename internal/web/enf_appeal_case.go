package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// enfCaseAppeals is the case page's small 复议/诉讼 section: the case's
// appeals and the links to record one (or, for a case 已移送, its referral).
type enfCaseAppeals struct {
	List      []enforcement.Appeal
	CanRecord bool
	CanRefer  bool
}

func (s *Server) enfCaseAppeals(r *http.Request, c enforcement.Case) (enfCaseAppeals, error) {
	u := httpx.User(r)
	list, err := s.Enforcement.CaseAppeals(r.Context(), u.ScopePath, c.ID)
	return enfCaseAppeals{List: list, CanRecord: u.Can(auth.PermEnforceManage) && c.State.HasDecision(),
		CanRefer: u.Can(auth.PermCaseHandle) && c.State == enforcement.StateTransferred}, err
}
