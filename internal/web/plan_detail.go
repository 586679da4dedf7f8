package web

import (
	"net/http"

	"fazhi/internal/httpx"
	"fazhi/internal/plan"
)

type planDetailData struct {
	plan.PlanDetail
	Mine      bool // only tasks naming a unit of the user's scope
	Shown     int
	ScopeName string
}

// handlePlan shows a plan: chapters, tasks with their units and deadlines,
// and the original text. ?mine=1 keeps the tasks of the user's units.
func (s *Server) handlePlan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Plans.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	d := planDetailData{PlanDetail: p, Mine: r.URL.Query().Get("mine") == "1", ScopeName: u.ScopeName}
	if d.Mine {
		d.Chapters = filterPlanTasks(p.Chapters, func(t plan.Task) bool { return t.InScope(u.InScope) })
	}
	for _, c := range d.Chapters {
		d.Shown += len(c.Tasks)
	}
	s.render(w, http.StatusOK, "plan_detail", s.view(r, p.Title, d))
}

// filterPlanTasks keeps the tasks that pass keep, dropping empty chapters.
func filterPlanTasks(chapters []plan.ChapterTasks, keep func(plan.Task) bool) []plan.ChapterTasks {
	var out []plan.ChapterTasks
	for _, c := range chapters {
		var tasks []plan.Task
		for _, t := range c.Tasks {
			if keep(t) {
				tasks = append(tasks, t)
			}
		}
		if len(tasks) > 0 {
			out = append(out, plan.ChapterTasks{Heading: c.Heading, Tasks: tasks})
		}
	}
	return out
}
