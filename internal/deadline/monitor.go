package deadline

import (
	"context"
	"database/sql"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

// maxListed caps the items one list returns (a county has a few thousand
// open deadlines at most; a page showing more would not be read).
const maxListed = 500

// RemindWithin is how many working days ahead Remind warns (yellow).
const RemindWithin = 3

// Scope selects whose items a list shows.
type Scope struct {
	UnitPath string // owner units under this materialised path ("/1/5/"); "" for all
	UserID   int64  // only items owned by this user; 0 for any
}

func (sc Scope) where() (string, []any) {
	var w string
	var args []any
	if sc.UnitPath != "" {
		w += " AND u.path LIKE ?"
		args = append(args, sc.UnitPath+"%")
	}
	if sc.UserID != 0 {
		w += " AND i.user_id = ?"
		args = append(args, sc.UserID)
	}
	return w, args
}

// WorkdaysAhead is the n-th working day after today on the national
// calendar (today itself for n = 0).
func (s *Service) WorkdaysAhead(ctx context.Context, today calendar.Date, n int) (calendar.Date, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return today, err
	}
	return workdaysAhead(cal, today, n), nil
}

func workdaysAhead(cal *calendar.Calendar, today calendar.Date, n int) calendar.Date {
	d := today
	for count := 0; count < n; {
		next := d.AddDays(1)
		wd, err := cal.IsWorkday(next)
		if err != nil {
			break // past the supported range
		}
		d = next
		if wd {
			count++
		}
	}
	return d
}

// DueFor lists the open items of the scope due from today through the
// within-th working day after it, soonest first.
func (s *Service) DueFor(ctx context.Context, sc Scope, within int, today calendar.Date) ([]Item, error) {
	horizon, err := s.WorkdaysAhead(ctx, today, within)
	if err != nil {
		return nil, err
	}
	w, args := sc.where()
	args = append([]any{string(StatusOpen), today.String(), horizon.String()}, args...)
	return queryItems(ctx, s.DB.Read(), "WHERE i.status = ? AND i.due_date >= ? AND i.due_date <= ?"+w+
		" ORDER BY i.due_date, i.id LIMIT "+itoa(maxListed), args...)
}

// Overdue lists the open items of the scope whose due date is before
// today, longest overdue first.
func (s *Service) Overdue(ctx context.Context, sc Scope, today calendar.Date) ([]Item, error) {
	w, args := sc.where()
	args = append([]any{string(StatusOpen), today.String()}, args...)
	return queryItems(ctx, s.DB.Read(), "WHERE i.status = ? AND i.due_date < ?"+w+
		" ORDER BY i.due_date, i.id LIMIT "+itoa(maxListed), args...)
}

// OverdueCountByUnit counts, per owner unit, the items that were overdue at
// the end of asOf: due before it, registered by then, and not done or
// cancelled by then. It feeds the indicators.
func (s *Service) OverdueCountByUnit(ctx context.Context, asOf calendar.Date) (map[int64]int, error) {
	end := time.Date(asOf.Year, asOf.Month, asOf.Day, 0, 0, 0, 0, cst).AddDate(0, 0, 1).UTC()
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT unit_id, COUNT(*) FROM deadline_items
		WHERE due_date < ? AND created_at < ? AND (status = ? OR done_at >= ?) GROUP BY unit_id`,
		asOf.String(), end, string(StatusOpen), end)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var unit int64
		var n int
		if err := rows.Scan(&unit, &n); err != nil {
			return nil, err
		}
		out[unit] = n
	}
	return out, rows.Err()
}

// closeReminder marks an item's home-page reminder done. The reminders
// table belongs to package remind, which offers no update; this is the one
// place the monitor writes it directly.
func closeReminder(ctx context.Context, tx *store.Tx, id int64, now time.Time) error {
	if id == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE reminders SET done_at = ? WHERE id = ? AND done_at IS NULL`, now, id)
	return err
}

// reminderState is what the home page shows now for an item.
type reminderState struct {
	open       bool
	level, due string
}

func loadReminder(ctx context.Context, tx *store.Tx, id int64) (reminderState, error) {
	var st reminderState
	if id == 0 {
		return st, nil
	}
	var done sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT done_at, level, due_date FROM reminders WHERE id = ?`, id).Scan(&done, &st.level, &st.due)
	if errNoRows(err) {
		return st, nil
	}
	st.open = !done.Valid
	return st, err
}

// WorkdaysBetween counts the working days after from up to and including to
// (0 when to is not after from).
func WorkdaysBetween(cal *calendar.Calendar, from, to calendar.Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if wd, err := cal.IsWorkday(d); err == nil && wd {
			n++
		}
	}
	return n
}
