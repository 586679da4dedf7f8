package web

import (
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/plan"
)

// PlanDeps are the services the plan pages use.
type PlanDeps struct {
	Plans *plan.Service
}

// maxPlanUpload caps an uploaded plan file (a long 实施方案 DOCX is < 1 MB).
const maxPlanUpload = 20 << 20

// planRoutes are the plan list, import with review, and plan pages. Without
// the plan service there are none.
func (s *Server) planRoutes() []httpx.Route {
	if s.Plans == nil {
		return nil
	}
	view, manage := auth.PermPlanView, auth.PermPlanManage
	return []httpx.Route{
		{Method: "GET", Pattern: "/plans", Perm: view, Handler: s.handlePlans},
		{Method: "GET", Pattern: "/plans/import", Perm: manage, Handler: s.handlePlanImportForm},
		{Method: "POST", Pattern: "/plans/import", Perm: manage, Handler: s.handlePlanImport},
		{Method: "GET", Pattern: "/plans/drafts/{id}/review", Perm: manage, Handler: s.handlePlanDraft},
		{Method: "POST", Pattern: "/plans/drafts/{id}/map", Perm: manage, Handler: s.handlePlanDraftMap},
		{Method: "POST", Pattern: "/plans/drafts/{id}/confirm", Perm: manage, Handler: s.handlePlanDraftConfirm},
		{Method: "POST", Pattern: "/plans/drafts/{id}/discard", Perm: manage, Handler: s.handlePlanDraftDiscard},
		{Method: "GET", Pattern: "/plans/{id}", Perm: view, Handler: s.handlePlan},
		{Method: "GET", Pattern: "/plans/{id}/export.xlsx", Perm: view, Handler: s.handlePlanExport},
	}
}
