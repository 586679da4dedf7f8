package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

// handleSubtaskCreate lets the lead unit break its task down: a piece of
// work, the unit doing it and its due date (which goes to the monitor).
func (s *Server) handleSubtaskCreate(w http.ResponseWriter, r *http.Request) {
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
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	in := supervise.SubtaskInput{AssignmentID: id, Title: r.PostFormValue("title"), Detail: r.PostFormValue("detail"),
		UnitID: unitID, DueDate: r.PostFormValue("due_date")}
	if _, err := s.Tasks.CreateSubtask(r.Context(), httpx.User(r).ScopePath, in); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			r.SetPathValue("id", itoa(a.TaskID))
			s.taskPage(w, r, ae.Status, ae.Message, reportForm{})
		}
		return
	}
	flashRedirect(w, r, "/tasks/"+itoa(a.TaskID)+"#subtasks", "已分解任务：“"+in.Title+"”")
}

// handleSubtaskDone records a sub-task's completion with a note.
func (s *Server) handleSubtaskDone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	taskID, err := strconv.ParseInt(r.PostFormValue("task_id"), 10, 64)
	if err != nil || taskID <= 0 {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	if err := s.Tasks.CompleteSubtask(r.Context(), httpx.User(r).ScopePath, id, r.PostFormValue("note")); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			r.SetPathValue("id", itoa(taskID))
			s.taskPage(w, r, ae.Status, ae.Message, reportForm{})
		}
		return
	}
	flashRedirect(w, r, "/tasks/"+itoa(taskID)+"#subtask-"+itoa(id), "分解任务已办结")
}
