package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Runner runs registered kinds of jobs, a few at a time, and records them.
type Runner struct {
	DB  *store.DB
	Log *slog.Logger
	// Workers bounds how many jobs run at once; set before the first Submit.
	Workers int
	// Throttle is the least time between two progress writes of a job.
	Throttle time.Duration

	mu     sync.Mutex
	funcs  map[string]Func
	active map[int64]bool // submitted here and not yet final
	closed bool
	sem    chan struct{}
	ctx    context.Context // cancelled by Shutdown
	cancel context.CancelFunc
	wg     sync.WaitGroup

	writes atomic.Int64 // progress writes, for tests of the throttle
}

// NewRunner returns a Runner with two workers. Call Recover before the
// first Submit, so that rows left by a previous process are closed.
func NewRunner(db *store.DB, logger *slog.Logger) *Runner {
	if logger == nil {
		logger = slog.Default()
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{DB: db, Log: logger, Workers: 2, Throttle: 300 * time.Millisecond,
		funcs: map[string]Func{}, active: map[int64]bool{}, ctx: ctx, cancel: cancel}
}

// Register makes kind runnable. Registering a kind twice is a programming
// error and panics, as http.Handle does.
func (r *Runner) Register(kind string, fn Func) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if kind == "" || fn == nil {
		panic("jobs: Register needs a kind and a function")
	}
	if _, dup := r.funcs[kind]; dup {
		panic("jobs: kind registered twice: " + kind)
	}
	r.funcs[kind] = fn
}

const maxText = 500 // characters kept of titles, messages and errors

func clip(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= maxText {
		return s
	}
	return string([]rune(s)[:maxText]) + "…"
}

func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Submit records a queued job and starts it in the background as soon as a
// worker is free. The submitting user (audit actor in ctx) is also the actor
// of whatever the job records.
func (r *Runner) Submit(ctx context.Context, kind, title, params string, unitID, userID int64) (int64, error) {
	r.mu.Lock()
	fn, ok := r.funcs[kind]
	r.mu.Unlock()
	if !ok {
		return 0, newError(CodeInvalid, ErrInvalid, "未知的任务类型“%s”", kind)
	}
	if title = clip(title); title == "" {
		title = kind
	}
	j := Job{Kind: kind, Title: title, Status: StatusQueued, Params: params, UnitID: unitID, UserID: userID,
		CreatedAt: now()}
	err := r.DB.InTx(ctx, func(tx *store.Tx) (err error) {
		j.ID, err = tx.InsertID(ctx, `INSERT INTO jobs (kind, title, status, params, unit_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, j.Kind, j.Title, string(j.Status), j.Params,
			store.NullInt(j.UnitID), store.NullInt(j.UserID), j.CreatedAt)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("record job: %w", err)
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		r.interrupt(j.ID, MsgStopped)
		return j.ID, newError(CodeConflict, ErrStopped, "系统正在停止，任务未能开始，请稍后重新提交")
	}
	if r.sem == nil {
		r.sem = make(chan struct{}, max(1, r.Workers))
	}
	r.active[j.ID] = true
	r.wg.Add(1)
	r.mu.Unlock()
	go r.run(j, fn, audit.ActorFrom(ctx))
	return j.ID, nil
}

// outcome is what a job leaves in its row when it ends.
type outcome struct {
	done, total int
	message     string
	result      string
	err         string
}

// run waits for a worker slot, then runs the job and records its end.
func (r *Runner) run(j Job, fn Func, actor audit.Actor) {
	defer r.wg.Done()
	defer r.forget(j.ID)
	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
	case <-r.ctx.Done():
	}
	if r.ctx.Err() != nil {
		r.interrupt(j.ID, MsgStopped)
		return
	}
	if !r.markRunning(&j) {
		return
	}
	p := newProgress(r, j.ID)
	start := time.Now()
	result, err := r.call(audit.WithActor(r.ctx, actor), fn, &j, p)
	out := p.stop()
	status := StatusDone
	switch {
	case err == nil:
		out.result = result
		if out.total > 0 {
			out.done = out.total
		}
		r.Log.Info("job done", "job", j.ID, "kind", j.Kind, "duration", time.Since(start).Round(time.Millisecond))
	case r.ctx.Err() != nil:
		status, out.err = StatusInterrupted, MsgStopped
		r.Log.Warn("job interrupted by shutdown", "job", j.ID, "kind", j.Kind)
	default:
		status, out.err = StatusFailed, clip(err.Error())
		// The message stays in the row: it may name people (import rows).
		r.Log.Warn("job failed", "job", j.ID, "kind", j.Kind)
	}
	r.finish(j.ID, status, out)
}

// call runs fn, turning a panic into an error so the job is marked failed
// and the process lives on.
func (r *Runner) call(ctx context.Context, fn Func, j *Job, p Progress) (result string, err error) {
	defer func() {
		if v := recover(); v != nil {
			r.Log.Error("job panicked", "job", j.ID, "kind", j.Kind, "panic", fmt.Sprint(v),
				"stack", string(debug.Stack()))
			err = fmt.Errorf("任务异常终止：%v", v)
		}
	}()
	return fn(ctx, j, p)
}

func (r *Runner) forget(id int64) {
	r.mu.Lock()
	delete(r.active, id)
	r.mu.Unlock()
}

// writeCtx bounds a bookkeeping write; it does not derive from the runner's
// context, so the final state is recorded even during shutdown.
func writeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

func (r *Runner) exec(q string, args ...any) (int64, error) {
	ctx, cancel := writeCtx()
	defer cancel()
	return r.execCtx(ctx, q, args...)
}

// execCtx runs one bookkeeping statement on its own (no transaction).
func (r *Runner) execCtx(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := r.DB.W.ExecContext(ctx, store.Rebind(r.DB.Dialect, q), args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// markRunning moves a queued job to running; false if it is no longer queued.
func (r *Runner) markRunning(j *Job) bool {
	j.Status, j.StartedAt = StatusRunning, now()
	n, err := r.exec(`UPDATE jobs SET status = ?, started_at = ? WHERE id = ? AND status = ?`,
		string(StatusRunning), j.StartedAt, j.ID, string(StatusQueued))
	if err != nil {
		r.Log.Error("job start not recorded", "job", j.ID, "err", err)
		return false
	}
	return n == 1
}

// finish records a job's final status, unless it is already final.
func (r *Runner) finish(id int64, status Status, o outcome) {
	_, err := r.exec(`UPDATE jobs SET status = ?, progress = ?, total = ?, message = ?, result = ?, error = ?,
		finished_at = ? WHERE id = ? AND status IN (?, ?)`, string(status), o.done, o.total, o.message, o.result,
		o.err, now(), id, string(StatusQueued), string(StatusRunning))
	if err != nil {
		r.Log.Error("job end not recorded", "job", id, "status", string(status), "err", err)
	}
}

// interrupt marks a job that is not final as interrupted, keeping the
// progress it reported.
func (r *Runner) interrupt(id int64, reason string) {
	_, err := r.exec(`UPDATE jobs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status IN (?, ?)`,
		string(StatusInterrupted), reason, now(), id, string(StatusQueued), string(StatusRunning))
	if err != nil {
		r.Log.Error("job interruption not recorded", "job", id, "err", err)
	}
}

// Recover closes the rows of jobs that a previous process left queued or
// running: they are marked interrupted (MsgRestart), never left "running".
// Call it at start-up; jobs submitted to this Runner are left alone.
func (r *Runner) Recover(ctx context.Context) (int, error) {
	q := `UPDATE jobs SET status = ?, error = ?, finished_at = ? WHERE status IN (?, ?)`
	args := []any{string(StatusInterrupted), MsgRestart, now(), string(StatusQueued), string(StatusRunning)}
	r.mu.Lock()
	for id := range r.active {
		q += ` AND id <> ?`
		args = append(args, id)
	}
	r.mu.Unlock()
	var n int64
	err := r.DB.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("recover jobs: %w", err)
	}
	if n > 0 {
		r.Log.Warn("jobs interrupted by a restart", "count", n)
	}
	return int(n), nil
}

// Shutdown refuses new jobs, cancels the running ones and waits for them to
// end. When ctx expires first, the jobs still running are marked interrupted
// and ctx's error is returned.
func (r *Runner) Shutdown(ctx context.Context) error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.cancel()
	done := make(chan struct{})
	go func() { r.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
	}
	r.mu.Lock()
	var ids []int64
	for id := range r.active {
		ids = append(ids, id)
	}
	r.mu.Unlock()
	for _, id := range ids {
		r.interrupt(id, MsgStopped)
	}
	return ctx.Err()
}
