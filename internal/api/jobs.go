package api

import (
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/httpx"
	"fazhi/internal/jobs"
)

// Job is the API view of a background job.
type Job struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Title       string     `json:"title"`
	Status      string     `json:"status"`
	StatusLabel string     `json:"status_label"`
	Progress    int        `json:"progress"`
	Total       int        `json:"total"`
	Percent     int        `json:"percent"`
	Message     string     `json:"message"`
	Result      string     `json:"result"`
	Error       string     `json:"error"`
	UnitID      int64      `json:"unit_id"`
	CreatedAt   time.Time  `json:"created_at"`
	StartedAt   *time.Time `json:"started_at"`
	FinishedAt  *time.Time `json:"finished_at"`
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func jobJSON(j jobs.Job) Job {
	return Job{ID: j.ID, Kind: j.Kind, Title: j.Title, Status: string(j.Status), StatusLabel: j.StatusLabel(),
		Progress: j.Progress, Total: j.Total, Percent: j.Percent(), Message: j.Message, Result: j.Result, Error: j.Error,
		UnitID: j.UnitID, CreatedAt: j.CreatedAt, StartedAt: optTime(j.StartedAt), FinishedAt: optTime(j.FinishedAt)}
}

func (a *API) handleJobs(w http.ResponseWriter, r *http.Request) {
	page, per := httpx.Page(r, 50)
	list, total, err := a.Jobs.List(r.Context(), jobs.Filter{ScopePath: httpx.User(r).ScopePath, Limit: per, Offset: (page - 1) * per})
	if err != nil {
		fail(w, err)
		return
	}
	out := make([]Job, len(list))
	for i, j := range list {
		out[i] = jobJSON(j)
	}
	writeList(w, out, total, page, per)
}

func (a *API) handleJob(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		fail(w, httpx.ErrNotFound)
		return
	}
	j, err := a.Jobs.Get(r.Context(), id)
	if err != nil {
		fail(w, err)
		return
	}
	if j.UnitID == 0 || !a.inScope(r, j.UnitID) {
		fail(w, httpx.ErrNotFound)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, jobJSON(j))
}

func (a *API) inScope(r *http.Request, unitID int64) bool {
	u, err := a.Org.Get(r.Context(), unitID)
	return err == nil && httpx.User(r).InScope(u.Path)
}
