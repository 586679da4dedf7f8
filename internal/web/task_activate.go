package web

import (
	"fmt"
	"net/http"
)

// handleTasksActivate starts supervision of a confirmed plan: its tasks are
// assigned to their units and the dated milestones go to the deadline monitor.
func (s *Server) handleTasksActivate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Tasks.Activate(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/tasks?plan="+itoa(id),
		fmt.Sprintf("已启动督办：分配任务%d项次，登记期限%d个", res.Assignments, res.Deadlines))
}
