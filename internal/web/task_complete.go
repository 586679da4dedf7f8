package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

// handleAssignmentComplete marks a unit's task done (it needs an accepted report).
func (s *Server) handleAssignmentComplete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.Tasks.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Tasks.Complete(r.Context(), httpx.User(r).ScopePath, id); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			r.SetPathValue("id", itoa(a.TaskID))
			s.taskPage(w, r, ae.Status, ae.Message, reportForm{})
		}
		return
	}
	flashRedirect(w, r, "/tasks/"+itoa(a.TaskID), a.UnitName+"承担的任务已标记完成")
}
