// Package jobs runs long work (imports, document generation, statistics
// rebuilds) in the background as persisted jobs: each has a row in the jobs
// table with its status, progress, result and error, so a user can follow it
// across page loads and an operator can see what a restart cut off.
package jobs

import (
	"context"
	"errors"
	"time"

	"fazhi/internal/apperr"
)

// Status is where a job stands: queued → running → done | failed |
// interrupted. The last three are final.
type Status string

const (
	StatusQueued      Status = "queued"
	StatusRunning     Status = "running"
	StatusDone        Status = "done"
	StatusFailed      Status = "failed"
	StatusInterrupted Status = "interrupted"
)

// Reasons recorded in Job.Error when a job did not end by itself.
const (
	MsgRestart = "服务重启，任务中断"
	MsgStopped = "服务停止，任务中断"
)

// StatusLabel names a status in Chinese.
func StatusLabel(s Status) string {
	switch s {
	case StatusQueued:
		return "排队中"
	case StatusRunning:
		return "进行中"
	case StatusDone:
		return "已完成"
	case StatusFailed:
		return "失败"
	case StatusInterrupted:
		return "已中断"
	}
	return string(s)
}

// Label names the status in Chinese.
func (s Status) Label() string { return StatusLabel(s) }

// Final reports whether the status is an end state.
func (s Status) Final() bool {
	return s == StatusDone || s == StatusFailed || s == StatusInterrupted
}

// Job is one persisted job.
type Job struct {
	ID       int64
	Kind     string // registered kind ("plan.import" …)
	Title    string // for people: "导入 2026 年法治政府建设工作要点"
	Status   Status
	Progress int    // units done, of Total (0 when unknown)
	Total    int    // 0 when unknown
	Message  string // last progress note ("第 120 行")
	Result   string // set by a job that succeeded: a summary, a link, an id
	Error    string // why it failed or was interrupted
	Params   string // the job's input, by convention JSON
	UnitID   int64  // the unit it concerns (0: none): scope checks use it
	UserID   int64  // who submitted it (0: the system)

	CreatedAt  time.Time
	StartedAt  time.Time // zero until started
	FinishedAt time.Time // zero until final
}

// StatusLabel names the job's status in Chinese.
func (j Job) StatusLabel() string { return StatusLabel(j.Status) }

// Finished reports whether the job reached a final status.
func (j Job) Finished() bool { return j.Status.Final() }

// Percent is the progress in whole percent (0 when the total is unknown).
func (j Job) Percent() int {
	if j.Total <= 0 {
		return 0
	}
	return min(100, j.Progress*100/j.Total)
}

// Progress is how a running job reports how far it got. Calls are cheap:
// writes to the database are throttled, and the last values are always
// written when the job ends.
type Progress interface {
	Set(done, total int, message string)
}

// Func does a job's work. ctx is cancelled when the service stops; it carries
// the submitting user as audit actor, so changes the job makes are recorded
// in their name. The returned result is stored on success; a returned error's
// message is shown to the user, so it should be in Chinese.
type Func func(ctx context.Context, j *Job, p Progress) (result string, err error)

// Error codes, spelled as in the other packages.
const (
	CodeInvalid  = apperr.CodeInvalid
	CodeNotFound = apperr.CodeNotFound
	CodeConflict = apperr.CodeConflict
)

// Sentinels for errors.Is.
var (
	ErrInvalid  = errors.New("jobs: invalid")
	ErrNotFound = errors.New("jobs: not found")
	ErrStopped  = errors.New("jobs: runner stopped")
)

// Error is a refusal with a Chinese message (the shared apperr type).
type Error = apperr.Error

func newError(code string, kind error, format string, args ...any) *Error {
	return apperr.New(code, kind, format, args...)
}
