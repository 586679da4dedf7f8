package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/store"
)

const columns = `j.id, j.kind, j.title, j.status, j.progress, j.total, j.message, j.result, j.error, j.params,
	j.unit_id, j.created_by, j.created_at, j.started_at, j.finished_at`

func scan(sc interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var status string
	var unit, user sql.NullInt64
	var started, finished sql.NullTime
	err := sc.Scan(&j.ID, &j.Kind, &j.Title, &status, &j.Progress, &j.Total, &j.Message, &j.Result, &j.Error,
		&j.Params, &unit, &user, &j.CreatedAt, &started, &finished)
	j.Status, j.UnitID, j.UserID = Status(status), unit.Int64, user.Int64
	j.CreatedAt = j.CreatedAt.UTC()
	if started.Valid {
		j.StartedAt = started.Time.UTC()
	}
	if finished.Valid {
		j.FinishedAt = finished.Time.UTC()
	}
	return j, err
}

// Get loads a job. The caller checks the user may see it (its UnitID or
// UserID).
func (r *Runner) Get(ctx context.Context, id int64) (Job, error) {
	j, err := scan(r.DB.Read().QueryRowContext(ctx, `SELECT `+columns+` FROM jobs j WHERE j.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, newError(CodeNotFound, ErrNotFound, "任务（编号 %d）不存在", id)
	}
	if err != nil {
		return Job{}, fmt.Errorf("load job %d: %w", id, err)
	}
	return j, nil
}

// Filter selects jobs. The unit conditions (ScopePath, UnitIDs) and UserID
// combine with AND; a filter that sets none of them and not AllUnits
// matches nothing, so a forgotten scope never lists everything.
type Filter struct {
	ScopePath string  // jobs of units whose path starts with this ("/1/5/")
	UnitIDs   []int64 // jobs of these units
	AllUnits  bool    // no unit restriction
	UserID    int64   // jobs this user submitted
	Kind      string
	Statuses  []Status
	Limit     int // 0 for no limit
	Offset    int
}

func (f Filter) where() (string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	if f.ScopePath != "" {
		where, args = append(where, "u.path LIKE ?"), append(args, f.ScopePath+"%")
	}
	if len(f.UnitIDs) > 0 {
		where = append(where, "j.unit_id IN ("+store.Placeholders(len(f.UnitIDs))+")")
		for _, id := range f.UnitIDs {
			args = append(args, id)
		}
	}
	if f.UserID != 0 {
		where, args = append(where, "j.created_by = ?"), append(args, f.UserID)
	}
	if f.Kind != "" {
		where, args = append(where, "j.kind = ?"), append(args, f.Kind)
	}
	if len(f.Statuses) > 0 {
		where = append(where, "j.status IN ("+store.Placeholders(len(f.Statuses))+")")
		for _, s := range f.Statuses {
			args = append(args, string(s))
		}
	}
	return strings.Join(where, " AND "), args
}

// List returns the jobs matching f, newest first, and their total.
func (r *Runner) List(ctx context.Context, f Filter) ([]Job, int, error) {
	if !f.AllUnits && f.ScopePath == "" && len(f.UnitIDs) == 0 && f.UserID == 0 {
		return nil, 0, nil
	}
	where, args := f.where()
	from := ` FROM jobs j LEFT JOIN units u ON u.id = j.unit_id WHERE ` + where
	var total int
	if err := r.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count jobs: %w", err)
	}
	q := `SELECT ` + columns + from + ` ORDER BY j.created_at DESC, j.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := r.DB.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scan(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, j)
	}
	return out, total, rows.Err()
}

// Wait polls a job until it is final or ctx ends, for the CLI and tests.
func (r *Runner) Wait(ctx context.Context, id int64) (Job, error) {
	delay := 10 * time.Millisecond
	for {
		j, err := r.Get(ctx, id)
		if err != nil || j.Finished() {
			return j, err
		}
		select {
		case <-ctx.Done():
			return j, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 250*time.Millisecond)
	}
}
