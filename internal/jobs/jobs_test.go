package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func newTestRunner(t *testing.T, db *store.DB) *Runner {
	t.Helper()
	r := NewRunner(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Throttle = 50 * time.Millisecond
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = r.Shutdown(ctx)
	})
	return r
}

func wait(t *testing.T, r *Runner, id int64) Job {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	j, err := r.Wait(ctx, id)
	if err != nil {
		t.Fatalf("wait for job %d: %v", id, err)
	}
	return j
}

// waitStatus polls until the job has status s.
func waitStatus(t *testing.T, r *Runner, id int64, s Status) Job {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		j, err := r.Get(context.Background(), id)
		if err == nil && j.Status == s {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d: status %s, want %s (%v)", id, j.Status, s, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSuccessWithProgress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newTestRunner(t, db)
		seen := make(chan Job, 1)
		r.Register("import", func(ctx context.Context, j *Job, p Progress) (string, error) {
			for i := 1; i <= 1000; i++ {
				p.Set(i, 1000, fmt.Sprintf("第 %d 行", i))
			}
			seen <- *j
			return "导入 1000 行", nil
		})
		ctx := audit.WithActor(context.Background(), audit.Actor{Username: "zhang"})
		id, err := r.Submit(ctx, "import", "导入工作要点", `{"file":"a.xlsx"}`, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		j := wait(t, r, id)
		if j.Status != StatusDone || j.Result != "导入 1000 行" || j.Progress != 1000 || j.Total != 1000 ||
			j.Message != "第 1000 行" || j.Error != "" || j.Percent() != 100 || j.StatusLabel() != "已完成" {
			t.Fatalf("job %+v", j)
		}
		if j.StartedAt.IsZero() || j.FinishedAt.Before(j.StartedAt) || j.CreatedAt.After(j.StartedAt) {
			t.Fatalf("times %v %v %v", j.CreatedAt, j.StartedAt, j.FinishedAt)
		}
		if in := <-seen; in.ID != id || in.Params != `{"file":"a.xlsx"}` || in.Status != StatusRunning {
			t.Fatalf("job given to the function: %+v", in)
		}
		// A tight loop of 1000 Sets must not become 1000 writes.
		if n := r.writes.Load(); n > 5 {
			t.Fatalf("%d progress writes for a fast job", n)
		}
	})
}

// TestProgressVisible checks a held-back Set reaches the row while the job
// is still running.
func TestProgressVisible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newTestRunner(t, db)
		release := make(chan struct{})
		r.Register("slow", func(ctx context.Context, j *Job, p Progress) (string, error) {
			p.Set(1, 3, "一")
			p.Set(2, 3, "二")
			<-release
			return "", nil
		})
		id, err := r.Submit(context.Background(), "slow", "慢任务", "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			j, _ := r.Get(context.Background(), id)
			if j.Progress == 2 && j.Message == "二" && j.Status == StatusRunning {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("progress never written: %+v", j)
			}
			time.Sleep(10 * time.Millisecond)
		}
		close(release)
		wait(t, r, id)
	})
}

func TestFailureAndPanic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newTestRunner(t, db)
		r.Register("fail", func(ctx context.Context, j *Job, p Progress) (string, error) {
			p.Set(3, 10, "第 3 行")
			return "", errors.New("第 4 行：单位名称不能为空")
		})
		r.Register("panic", func(ctx context.Context, j *Job, p Progress) (string, error) {
			var m map[string]int
			m["x"]++
			return "", nil
		})
		id, err := r.Submit(context.Background(), "fail", "导入", "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		j := wait(t, r, id)
		if j.Status != StatusFailed || j.Error != "第 4 行：单位名称不能为空" || j.Progress != 3 || j.Total != 10 ||
			j.StatusLabel() != "失败" {
			t.Fatalf("failed job %+v", j)
		}
		id, err = r.Submit(context.Background(), "panic", "崩溃", "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		j = wait(t, r, id)
		if j.Status != StatusFailed || !strings.HasPrefix(j.Error, "任务异常终止：") ||
			!strings.Contains(j.Error, "nil map") {
			t.Fatalf("panicked job %+v", j)
		}
		// The runner still works after a panic.
		id, _ = r.Submit(context.Background(), "fail", "再次导入", "", 0, 0)
		if j := wait(t, r, id); j.Status != StatusFailed {
			t.Fatalf("job after panic %+v", j)
		}
		if _, err := r.Submit(context.Background(), "nope", "x", "", 0, 0); !errors.Is(err, ErrInvalid) {
			t.Fatalf("unknown kind: %v", err)
		}
	})
}

func TestRecover(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ids := map[Status]int64{}
		err := db.InTx(ctx, func(tx *store.Tx) error {
			for _, s := range []Status{StatusRunning, StatusQueued, StatusDone, StatusFailed} {
				id, err := tx.InsertID(ctx, `INSERT INTO jobs (kind, title, status, progress, total, message, created_at)
					VALUES ('import', '旧任务', ?, 5, 10, '第 5 行', ?)`, string(s), time.Now().UTC())
				if err != nil {
					return err
				}
				ids[s] = id
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		r := newTestRunner(t, db)
		n, err := r.Recover(ctx)
		if err != nil || n != 2 {
			t.Fatalf("Recover = %d, %v", n, err)
		}
		for _, s := range []Status{StatusRunning, StatusQueued} {
			j, err := r.Get(ctx, ids[s])
			if err != nil || j.Status != StatusInterrupted || j.Error != MsgRestart || j.FinishedAt.IsZero() ||
				j.Progress != 5 || j.Message != "第 5 行" || j.StatusLabel() != "已中断" {
				t.Fatalf("%s job after Recover: %+v, %v", s, j, err)
			}
		}
		for _, s := range []Status{StatusDone, StatusFailed} {
			if j, _ := r.Get(ctx, ids[s]); j.Status != s {
				t.Fatalf("final job changed: %+v", j)
			}
		}
		if _, err := r.Get(ctx, 9999); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get missing = %v", err)
		}
	})
}

// TestShutdown stops a runner with one job running (it honours ctx), one
// queued behind it, and one ignoring ctx past the deadline.
func TestShutdown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newTestRunner(t, db)
		r.Workers = 1
		r.Register("block", func(ctx context.Context, j *Job, p Progress) (string, error) {
			p.Set(1, 2, "进行中")
			<-ctx.Done()
			return "", ctx.Err()
		})
		ctx := context.Background()
		running, _ := r.Submit(ctx, "block", "阻塞", "", 0, 0)
		waitStatus(t, r, running, StatusRunning)
		queued, _ := r.Submit(ctx, "block", "排队", "", 0, 0)
		if err := r.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{running, queued} {
			j, _ := r.Get(ctx, id)
			if j.Status != StatusInterrupted || j.Error != MsgStopped {
				t.Fatalf("after Shutdown: %+v", j)
			}
		}
		if j, _ := r.Get(ctx, running); j.Progress != 1 || j.Total != 2 {
			t.Fatalf("progress lost: %+v", j)
		}
		if _, err := r.Submit(ctx, "block", "太晚", "", 0, 0); !errors.Is(err, ErrStopped) {
			t.Fatalf("Submit after Shutdown = %v", err)
		}
	})
}

func TestShutdownDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newTestRunner(t, db)
		release := make(chan struct{})
		r.Register("stubborn", func(ctx context.Context, j *Job, p Progress) (string, error) {
			<-release
			return "完成", nil
		})
		id, _ := r.Submit(context.Background(), "stubborn", "不理会取消", "", 0, 0)
		waitStatus(t, r, id, StatusRunning)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if err := r.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Shutdown = %v", err)
		}
		if j, _ := r.Get(context.Background(), id); j.Status != StatusInterrupted {
			t.Fatalf("after deadline: %+v", j)
		}
		close(release)
		r.wg.Wait()
		// The late end does not overwrite the recorded interruption.
		if j, _ := r.Get(context.Background(), id); j.Status != StatusInterrupted || j.Result != "" {
			t.Fatalf("after the job ended: %+v", j)
		}
	})
}

func TestList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var unit, other, user int64
		err := db.InTx(ctx, func(tx *store.Tx) (err error) {
			defer func() {
				if err == nil {
					user, err = tx.InsertID(ctx, `INSERT INTO users (username, display_name, unit_id, scope_unit_id,
						password_hash, created_at, updated_at) VALUES ('li', '李四', ?, ?, 'x', ?, ?)`,
						unit, unit, time.Now().UTC(), time.Now().UTC())
				}
			}()
			now := time.Now().UTC()
			for _, p := range []*int64{&unit, &other} {
				id, err := tx.InsertID(ctx, `INSERT INTO units (name, level, org_type, path, created_at, updated_at)
					VALUES ('单位', 'department', 'admin_organ', '', ?, ?)`, now, now)
				if err != nil {
					return err
				}
				*p = id
				if _, err := tx.ExecContext(ctx, `UPDATE units SET path = ? WHERE id = ?`, fmt.Sprintf("/%d/", id), id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		r := newTestRunner(t, db)
		r.Register("ok", func(ctx context.Context, j *Job, p Progress) (string, error) { return "", nil })
		a, _ := r.Submit(ctx, "ok", "a", "", unit, user)
		b, _ := r.Submit(ctx, "ok", "b", "", other, 0)
		c, _ := r.Submit(ctx, "ok", "c", "", 0, 0)
		for _, id := range []int64{a, b, c} {
			wait(t, r, id)
		}
		for _, tt := range []struct {
			name  string
			f     Filter
			want  string
			total int
		}{
			{"no scope", Filter{}, "[]", 0},
			{"all", Filter{AllUnits: true}, fmt.Sprint([]int64{c, b, a}), 3},
			{"scope", Filter{ScopePath: fmt.Sprintf("/%d/", unit)}, fmt.Sprint([]int64{a}), 1},
			{"units", Filter{UnitIDs: []int64{unit, other}, Limit: 1}, fmt.Sprint([]int64{b}), 2},
			{"status", Filter{AllUnits: true, Statuses: []Status{StatusFailed}}, "[]", 0},
			{"user", Filter{UserID: user, Statuses: []Status{StatusDone}}, fmt.Sprint([]int64{a}), 1},
		} {
			got, total, err := r.List(ctx, tt.f)
			ids := []int64{}
			for _, j := range got {
				ids = append(ids, j.ID)
			}
			if err != nil || fmt.Sprint(ids) != tt.want || total != tt.total {
				t.Errorf("%s: %v (total %d), %v; want %s (total %d)", tt.name, ids, total, err, tt.want, tt.total)
			}
		}
	})
}

// TestProgressInsideTransaction reports progress while the job holds the
// write transaction (on SQLite the only writer): Set must not wait for it.
func TestProgressInsideTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newTestRunner(t, db)
		r.Register("import", func(ctx context.Context, j *Job, p Progress) (string, error) {
			start := time.Now()
			err := db.InTx(ctx, func(tx *store.Tx) error {
				for i := 1; i <= 20; i++ {
					p.Set(i, 20, "导入中")
					time.Sleep(5 * time.Millisecond)
					if _, err := tx.ExecContext(ctx, `INSERT INTO reminders (title, created_at) VALUES (?, ?)`,
						fmt.Sprint(i), time.Now().UTC()); err != nil {
						return err
					}
				}
				return nil
			})
			if d := time.Since(start); d > 2*time.Second {
				return "", fmt.Errorf("progress blocked the transaction for %v", d)
			}
			return "ok", err
		})
		id, err := r.Submit(context.Background(), "import", "导入", "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if j := wait(t, r, id); j.Status != StatusDone || j.Progress != 20 {
			t.Fatalf("job %+v", j)
		}
	})
}
