package web

import (
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

type taskDetailData struct {
	supervise.TaskDetail
	Mine      []supervise.Assignment // assignments the user may report on
	Periods   []string
	CanReport bool
	CanReview bool
	Form      reportForm
	Subtasks  []supervise.Subtask
	Breakdown []subtaskForm // the user's lead assignments that may be broken down
	Allowed   string
	MaxSize   string
	Back      string
}

// reportForm is the report form as last submitted (kept on a refusal).
type reportForm struct {
	AssignmentID int64
	Period       string
	Body         string
	Figures      []supervise.Figure
}

// handleTask shows a task: its units and status, milestones with their due
// dates from the monitor, the reports with evidence, the report form for the
// user's units and the review buttons for the 法治办.
func (s *Server) handleTask(w http.ResponseWriter, r *http.Request) {
	s.taskPage(w, r, http.StatusOK, "", reportForm{})
}

func (s *Server) taskPage(w http.ResponseWriter, r *http.Request, status int, msg string, form reportForm) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.Tasks.Task(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	if !s.taskVisible(u, t) {
		s.renderError(w, r, httpx.ErrForbidden)
		return
	}
	d := taskDetailData{TaskDetail: t, CanReport: u.Can(auth.PermTaskReport), CanReview: u.Can(auth.PermTaskReview),
		Periods: supervise.PeriodChoices(s.Tasks.Now().In(cst)), Form: form, Allowed: attach.AllowedTypesText,
		MaxSize: attach.FormatSize(s.attachLimit()), Back: "/tasks"}
	for _, a := range t.Assignments {
		if u.InScope(a.UnitPath) && a.Stored != supervise.StatusDone {
			d.Mine = append(d.Mine, a)
		}
	}
	if d.Subtasks, err = s.Tasks.Subtasks(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.CanReport {
		for _, a := range d.Mine {
			if a.Role != "lead" {
				continue
			}
			units, err := s.Tasks.SubtaskUnits(r.Context(), a)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			d.Breakdown = append(d.Breakdown, subtaskForm{Assignment: a, Units: units})
		}
	}
	for len(d.Form.Figures) < 3 {
		d.Form.Figures = append(d.Form.Figures, supervise.Figure{})
	}
	if d.Form.Period == "" && len(d.Periods) > 0 {
		d.Form.Period = d.Periods[0]
	}
	v := s.view(r, t.Marker+t.Title, d)
	v.Error = msg
	s.render(w, status, "task_detail", v)
}

// taskVisible: the 法治办 and county-wide roles see every task; a department
// only the tasks its units are assigned.
func (s *Server) taskVisible(u *auth.User, t supervise.TaskDetail) bool {
	for _, a := range t.Assignments {
		if u.InScope(a.UnitPath) {
			return true
		}
	}
	return u.Can(auth.PermTaskReview) || u.Can(auth.PermPlanManage)
}

// subtaskForm is the breakdown form of one lead assignment.
type subtaskForm struct {
	Assignment supervise.Assignment
	Units      []supervise.UnitRef
}
