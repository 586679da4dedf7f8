package jobs

import (
	"context"
	"sync"
	"time"
)

// progress is a running job's Progress. Set only stores the values and
// wakes a writer goroutine, which writes the latest ones at most once per
// Throttle. Set never waits for the database: a job may report progress
// while it holds the write transaction (on SQLite, the only writer), and
// the row then catches up when that transaction ends.
type progress struct {
	r  *Runner
	id int64

	mu          sync.Mutex
	done, total int
	message     string
	dirty       bool // values not yet written

	wake   chan struct{} // capacity 1: "there is something to write"
	ctx    context.Context
	cancel context.CancelFunc
	exited chan struct{}
}

func newProgress(r *Runner, id int64) *progress {
	ctx, cancel := context.WithCancel(context.Background())
	p := &progress{r: r, id: id, wake: make(chan struct{}, 1), ctx: ctx, cancel: cancel,
		exited: make(chan struct{})}
	go p.loop()
	return p
}

// Set records how far the job got: done of total (0: unknown) and a note.
func (p *progress) Set(done, total int, message string) {
	p.mu.Lock()
	p.done, p.total, p.message, p.dirty = max(done, 0), max(total, 0), clip(message), true
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *progress) loop() {
	defer close(p.exited)
	for {
		select {
		case <-p.ctx.Done():
			return
		case <-p.wake:
		}
		p.write()
		select {
		case <-p.ctx.Done():
			return
		case <-time.After(p.r.Throttle):
		}
	}
}

// write stores the latest values while the job is running; a write that
// arrives after the final one matches no row.
func (p *progress) write() {
	p.mu.Lock()
	done, total, message, dirty := p.done, p.total, p.message, p.dirty
	p.dirty = false
	p.mu.Unlock()
	if !dirty {
		return
	}
	p.r.writes.Add(1)
	_, err := p.r.execCtx(p.ctx, `UPDATE jobs SET progress = ?, total = ?, message = ? WHERE id = ? AND status = ?`,
		done, total, message, p.id, string(StatusRunning))
	if err != nil && p.ctx.Err() == nil {
		p.r.Log.Warn("job progress not recorded", "job", p.id, "err", err)
	}
}

// stop ends the writer and returns the last values, for the final write.
func (p *progress) stop() outcome {
	p.cancel()
	<-p.exited
	p.mu.Lock()
	defer p.mu.Unlock()
	return outcome{done: p.done, total: p.total, message: p.message}
}
