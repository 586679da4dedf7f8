package deadline

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/remind"
	"fazhi/internal/store"
)

// Remind puts the open items due within RemindWithin working days (yellow)
// or overdue (red) on their owners' home pages: the owner user's, or the
// owner unit's when no user is named. It is idempotent: an item keeps one
// reminder, updated when its level or due date changes, closed when the item
// is no longer due soon; a reminder its owner dismissed is not raised again
// until it turns red. Call it daily (the application runs it at start-up and
// from a ticker); it returns how many reminders it added or changed.
// Reminders are notifications derived from audited items, so Remind itself
// writes no audit entry.
func (s *Service) Remind(ctx context.Context, today calendar.Date) (int, error) {
	horizon, err := s.WorkdaysAhead(ctx, today, RemindWithin)
	if err != nil {
		return 0, err
	}
	changed := 0
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		items, err := queryItems(ctx, tx, "WHERE i.status = ? AND (i.due_date <= ? OR i.reminder_level <> '') ORDER BY i.id",
			string(StatusOpen), horizon.String())
		if err != nil {
			return err
		}
		now := s.now()
		for _, it := range items {
			level := ""
			switch {
			case it.Due.Before(today):
				level = "red"
			case !it.Due.After(horizon):
				level = "yellow"
			}
			n, err := remindItem(ctx, tx, it, level, now)
			if err != nil {
				return fmt.Errorf("remind item %d: %w", it.ID, err)
			}
			changed += n
		}
		return nil
	})
	return changed, err
}

// remindItem brings one item's reminder to level ("" = none) and reports
// whether it added or changed one.
func remindItem(ctx context.Context, tx *store.Tx, it Item, level string, now time.Time) (int, error) {
	st, err := loadReminder(ctx, tx, it.reminderID)
	if err != nil {
		return 0, err
	}
	if level == "" {
		if err := closeReminder(ctx, tx, it.reminderID, now); err != nil {
			return 0, err
		}
		_, err := tx.ExecContext(ctx, `UPDATE deadline_items SET reminder_level = '' WHERE id = ?`, it.ID)
		return 0, err
	}
	r := reminderFor(it, level)
	switch {
	case st.open && st.level == level && st.due == r.DueDate:
		return 0, nil
	case st.open:
		_, err = tx.ExecContext(ctx, `UPDATE reminders SET level = ?, title = ?, detail = ?, due_date = ? WHERE id = ?`,
			r.Level, r.Title, r.Detail, r.DueDate, it.reminderID)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE deadline_items SET reminder_level = ? WHERE id = ?`, level, it.ID)
		}
		return 1, err
	case it.reminderLevel == level:
		return 0, nil // dismissed at this level: do not nag
	}
	id, err := remind.Add(ctx, tx, r)
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE deadline_items SET reminder_id = ?, reminder_level = ? WHERE id = ?`, id, level, it.ID)
	return 1, err
}

func reminderFor(it Item, level string) remind.Reminder {
	basis := it.RuleName
	if basis == "" {
		basis = it.PeriodText()
	}
	detail := fmt.Sprintf("%s：届满日 %s", basis, it.Due.Chinese())
	if level == "red" {
		detail = fmt.Sprintf("%s：已于 %s 届满", basis, it.Due.Chinese())
	}
	if it.Estimated {
		detail += "（预估）"
	}
	if it.Citation != "" {
		detail += "。依据：" + clip(it.Citation, 60)
	}
	link := it.Link
	if link == "" {
		link = "/deadlines"
	}
	return remind.Reminder{UserID: it.UserID, UnitID: it.UnitID, Title: it.Title, Detail: detail, Link: link,
		DueDate: it.Due.String(), Level: level}
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }
