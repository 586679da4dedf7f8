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
	flashRedirect(w, r, "/plans/"+itoa(planID), fmt.Sprintf("已导入《%s》，共%d项任务", p.Title, p.TaskCount))
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
