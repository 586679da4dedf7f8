package web

import (
	"net/http"
	"net/url"
	"strconv"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/plan"
	"fazhi/internal/supervise"
)

type taskListData struct {
	Items     []supervise.Assignment
	Plans     []plan.Plan
	Statuses  []supervise.Status
	F         taskQuery
	UnitName  string // the unit drilled down to, if any
	Pending   []supervise.PlanRef
	CanManage bool
	Overdue   int
	AtRisk    int
	ExportURL string
	ScopeName string
}

// taskQuery is the task list's filters as the query string carries them.
type taskQuery struct {
	Plan    int64
	Unit    int64
	Status  string
	Overdue bool
	AtRisk  bool
}

func parseTaskQuery(r *http.Request) taskQuery {
	q := r.URL.Query()
	id := func(k string) int64 { n, _ := strconv.ParseInt(q.Get(k), 10, 64); return n }
	return taskQuery{Plan: id("plan"), Unit: id("unit"), Status: q.Get("status"),
		Overdue: q.Get("overdue") == "1", AtRisk: q.Get("risk") == "1"}
}

func (f taskQuery) filter(scope string) supervise.Filter {
	st := supervise.Status(f.Status)
	if st.Label() == f.Status { // not a known status
		st = ""
	}
	return supervise.Filter{Scope: scope, PlanID: f.Plan, UnitID: f.Unit, Status: st, Overdue: f.Overdue, AtRisk: f.AtRisk}
}

func (f taskQuery) encode() string {
	v := url.Values{}
	if f.Plan != 0 {
		v.Set("plan", itoa(f.Plan))
	}
	if f.Unit != 0 {
		v.Set("unit", itoa(f.Unit))
	}
	if f.Status != "" {
		v.Set("status", f.Status)
	}
	if f.Overdue {
		v.Set("overdue", "1")
	}
	if f.AtRisk {
		v.Set("risk", "1")
	}
	return v.Encode()
}

// handleTasks lists the task assignments of the user's scope: a department
// sees its own, the 法治办 the county's. Filters: plan, unit, status, overdue.
func (s *Server) handleTasks(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	f := parseTaskQuery(r)
	items, err := s.Tasks.List(r.Context(), f.filter(u.ScopePath))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := taskListData{Items: items, Statuses: supervise.Statuses, F: f, CanManage: u.Can(auth.PermPlanManage),
		ScopeName: u.ScopeName, ExportURL: "/tasks/export.xlsx"}
	if qs := f.encode(); qs != "" {
		d.ExportURL += "?" + qs
	}
	for _, a := range items {
		if a.Overdue {
			d.Overdue++
		} else if a.AtRisk {
			d.AtRisk++
		}
		if a.UnitID == f.Unit {
			d.UnitName = a.UnitName
		}
	}
	if s.Plans != nil {
		if d.Plans, err = s.Plans.List(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if d.CanManage {
		if d.Pending, err = s.Tasks.Pending(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, http.StatusOK, "task_list", s.view(r, "督办任务", d))
}
