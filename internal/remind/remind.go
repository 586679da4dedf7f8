// Package remind holds in-app reminders: what a user or a unit must act on,
// with a due date. The deadline monitor and other capabilities add them.
package remind

import (
	"context"
	"database/sql"
	"time"

	"fazhi/internal/store"
)

// Reminder is one item on a user's home page.
type Reminder struct {
	ID      int64
	UserID  int64
	UnitID  int64
	Title   string
	Detail  string
	Link    string
	DueDate string // ISO date
	Level   string // info | yellow | red
}

// LevelLabel is the Chinese status shown next to a reminder.
func (r Reminder) LevelLabel() string {
	switch r.Level {
	case "red":
		return "已逾期"
	case "yellow":
		return "即将到期"
	}
	return "待办"
}

// Add stores a reminder inside tx.
func Add(ctx context.Context, tx *store.Tx, r Reminder) (int64, error) {
	if r.Level == "" {
		r.Level = "info"
	}
	return tx.InsertID(ctx, `INSERT INTO reminders (user_id, unit_id, title, detail, link, due_date, level, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, store.NullInt(r.UserID), store.NullInt(r.UnitID), r.Title, r.Detail, r.Link,
		r.DueDate, r.Level, time.Now().UTC())
}

// Open lists the open reminders for a user: their own and their unit's,
// most urgent first.
func Open(ctx context.Context, q store.Querier, userID, unitID int64, limit int) ([]Reminder, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, user_id, unit_id, title, detail, link, due_date, level FROM reminders
		WHERE done_at IS NULL AND (user_id = ? OR (user_id IS NULL AND unit_id = ?))
		ORDER BY CASE level WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, due_date, id LIMIT ?`, userID, unitID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reminder
	for rows.Next() {
		var r Reminder
		var uid, unit sql.NullInt64
		if err := rows.Scan(&r.ID, &uid, &unit, &r.Title, &r.Detail, &r.Link, &r.DueDate, &r.Level); err != nil {
			return nil, err
		}
		r.UserID, r.UnitID = uid.Int64, unit.Int64
		out = append(out, r)
	}
	return out, rows.Err()
}
