package deadline

import (
	"context"
	"fmt"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Complete marks an item done (the act was performed in time or late; the
// due date stays for the record). tx may be nil.
func (s *Service) Complete(ctx context.Context, tx *store.Tx, id int64) error {
	return s.close(ctx, tx, id, StatusDone, "")
}

// Cancel marks an item cancelled, e.g. when its case was withdrawn. tx may be nil.
func (s *Service) Cancel(ctx context.Context, tx *store.Tx, id int64, reason string) error {
	return s.close(ctx, tx, id, StatusCancelled, reason)
}

// CompleteObject marks every open item of an object done and returns how
// many there were. tx may be nil.
func (s *Service) CompleteObject(ctx context.Context, tx *store.Tx, objectType, objectID string) (int, error) {
	n := 0
	err := s.inTx(ctx, tx, func(tx *store.Tx) error {
		items, err := queryItems(ctx, tx, "WHERE i.object_type = ? AND i.object_id = ? AND i.status = ?",
			objectType, objectID, string(StatusOpen))
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := s.close(ctx, tx, it.ID, StatusDone, ""); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func (s *Service) close(ctx context.Context, tx *store.Tx, id int64, to Status, reason string) error {
	return s.inTx(ctx, tx, func(tx *store.Tx) error {
		it, err := openItem(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE deadline_items SET status = ?, done_at = ?, reminder_level = '',
			updated_at = ? WHERE id = ?`, string(to), now, now, id); err != nil {
			return err
		}
		if err := closeReminder(ctx, tx, it.reminderID, now); err != nil {
			return err
		}
		action, summary := ActionComplete, fmt.Sprintf("办结期限“%s”（届满日 %s）", it.Title, it.Due.Chinese())
		if to == StatusCancelled {
			action, summary = ActionCancel, fmt.Sprintf("撤销期限“%s”", it.Title)
			if r := strings.TrimSpace(reason); r != "" {
				summary += "：" + r
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: action, ObjectType: "deadline_item", ObjectID: fmt.Sprint(id),
			Summary: summary, Changes: []audit.Change{{Field: "status", Before: string(it.Status), After: string(to)}}})
	})
}

// openItem loads an item that may still change.
func openItem(ctx context.Context, tx *store.Tx, id int64) (Item, error) {
	it, err := getItem(ctx, tx, id)
	if err != nil {
		return it, err
	}
	if it.Status != StatusOpen {
		return it, conflict("期限“%s”%s，不能再修改", it.Title, it.Status.Label())
	}
	return it, nil
}

// Suspend adds days during which the period does not run (听证、鉴定、公告 …)
// and recomputes the due date. tx may be nil.
func (s *Service) Suspend(ctx context.Context, tx *store.Tx, id int64, days int, reason string) error {
	if days < 1 {
		return invalid("days", "中止天数应为正整数")
	}
	return s.adjust(ctx, tx, id, ActionSuspend, reason, func(it *Item) string {
		it.SuspendDays += days
		return fmt.Sprintf("中止 %d 日", days)
	})
}

// Extend adds an approved extension, in the period's own unit, and
// recomputes the due date. The rule's statutory maximum is enforced. tx may be nil.
func (s *Service) Extend(ctx context.Context, tx *store.Tx, id int64, n int, reason string) error {
	if n < 1 {
		return invalid("n", "延长期限应为正整数")
	}
	return s.adjust(ctx, tx, id, ActionExtend, reason, func(it *Item) string {
		it.ExtendN += n
		return fmt.Sprintf("延长 %d%s", n, it.Unit.Label())
	})
}

func (s *Service) adjust(ctx context.Context, tx *store.Tx, id int64, action, reason string, change func(*Item) string) error {
	if strings.TrimSpace(reason) == "" {
		return invalid("reason", "请写明中止或延长的依据")
	}
	sn, err := s.current(ctx)
	if err != nil {
		return err
	}
	return s.inTx(ctx, tx, func(tx *store.Tx) error {
		it, err := openItem(ctx, tx, id)
		if err != nil {
			return err
		}
		before := it.Due
		what := change(&it)
		c, err := sn.compute(it.calc())
		if err != nil {
			return err
		}
		it.apply(c)
		if err := updateComputed(ctx, tx, it, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: action, ObjectType: "deadline_item", ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("期限“%s”%s：%s", it.Title, what, strings.TrimSpace(reason)),
			Changes: []audit.Change{{Field: "due_date", Before: before.String(), After: it.Due.String()}}})
	})
}

// recomputeOpen recomputes the open items keep selects, with what tx sees
// (the change being made included), and returns how many due dates moved.
// An item the new state cannot compute keeps its old due date.
func (s *Service) recomputeOpen(ctx context.Context, tx *store.Tx, keep func(Item) bool) (int, error) {
	sn, err := loadSnapshot(ctx, tx)
	if err != nil {
		return 0, err
	}
	items, err := queryItems(ctx, tx, "WHERE i.status = ?", string(StatusOpen))
	if err != nil {
		return 0, err
	}
	moved := 0
	now := s.now()
	for _, it := range items {
		if !keep(it) {
			continue
		}
		c, err := sn.compute(it.calc())
		if err != nil {
			continue
		}
		next := it
		next.apply(c)
		if next.Due == it.Due && next.Estimated == it.Estimated && next.Citation == it.Citation && next.N == it.N {
			continue
		}
		if err := updateComputed(ctx, tx, next, now); err != nil {
			return moved, err
		}
		if next.Due != it.Due {
			moved++
		}
	}
	return moved, nil
}
