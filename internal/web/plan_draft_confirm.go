package web

import (
	"fmt"
	"net/http"
)

// handlePlanDraftConfirm saves a reviewed draft as a plan. While names are
// unresolved it shows the review again with the refusal.
func (s *Server) handlePlanDraftConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	planID, err := s.Plans.Confirm(r.Context(), id)
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		if ae.Status == http.StatusNotFound {
			s.renderError(w, r, ae)
			return
		}
		s.planDraftPage(w, r, id, ae.Status, ae.Message)
		return
	}
	p, err := s.Plans.Get(r.Context(), planID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := fmt.Sprintf("已导入《%s》，共%d项任务", p.Title, p.TaskCount)
	// Supervision starts with the plan: assignments per unit, milestones into
	// the deadline monitor. Should it fail, the plan stays and the 督办任务
	// page offers to start it by hand.
	if s.Tasks != nil {
		if _, err := s.Tasks.Activate(r.Context(), planID); err != nil {
			s.Log.Error("activate supervision", "plan", planID, "err", err)
			msg += "；督办未能自动启动，请在“督办任务”页面点击“启动督办”"
		} else {
			msg += "，已按责任单位分解为督办任务"
		}
	}
	flashRedirect(w, r, "/plans/"+itoa(planID), msg)
}

// handlePlanDraftDiscard throws a draft away.
func (s *Server) handlePlanDraftDiscard(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Plans.DiscardDraft(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/plans", "已放弃该方案草稿，未保存任何内容")
}
