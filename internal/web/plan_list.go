package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/plan"
)

type planListData struct {
	Plans     []plan.Plan
	Drafts    []plan.DraftSummary
	CanManage bool
}

// handlePlans lists the confirmed plans and, for 法治办, the drafts awaiting
// confirmation.
func (s *Server) handlePlans(w http.ResponseWriter, r *http.Request) {
	plans, err := s.Plans.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := planListData{Plans: plans, CanManage: httpx.User(r).Can(auth.PermPlanManage)}
	if d.CanManage {
		if d.Drafts, err = s.Plans.Drafts(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, http.StatusOK, "plan_list", s.view(r, "规划督办", d))
}
