package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/jobs"
)

// JobKind is a maintenance job offered on the jobs page.
type JobKind struct{ Kind, Title, Help string }

// handleJobs lists the jobs of the user's scope. With ?fragment=1 it returns
// only the table, which the page re-fetches every two seconds (htmx) while a
// job is unfinished.
func (s *Server) handleJobs(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	page, per := httpx.Page(r, 30)
	list, total, err := s.Jobs.List(r.Context(), jobs.Filter{ScopePath: u.ScopePath, Limit: per, Offset: (page - 1) * per})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	live := false
	for _, j := range list {
		live = live || !j.Finished()
	}
	q := r.URL.Query()
	q.Del("page")
	q.Del("fragment")
	data := map[string]any{"Jobs": list, "Live": live, "Kinds": s.JobKinds, "CanRun": u.Can(auth.PermJobRun),
		"Pager": newPager(page, per, total, q)}
	name := "jobs"
	if r.URL.Query().Get("fragment") == "1" {
		name = "jobs_table"
	}
	s.render(w, http.StatusOK, name, s.view(r, "后台任务", data))
}

func (s *Server) handleJobStart(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	kind := r.PostFormValue("kind")
	title := ""
	for _, k := range s.JobKinds {
		if k.Kind == kind {
			title = k.Title
		}
	}
	if title == "" {
		s.fail(w, r, httpx.Invalid("未知的任务类型"))
		return
	}
	id, err := s.Jobs.Submit(r.Context(), kind, title, "", u.ScopeUnitID, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/jobs/"+itoa(id), http.StatusSeeOther)
}

// handleJob shows one job; ?fragment=1 returns the status block that the
// page polls until the job is finished.
func (s *Server) handleJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	j, err := s.Jobs.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if j.UnitID == 0 || s.checkUnitInScope(r, j.UnitID) != nil {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	name := "job"
	if r.URL.Query().Get("fragment") == "1" {
		name = "job_status"
	}
	s.render(w, http.StatusOK, name, s.view(r, "后台任务："+j.Title, j))
}
