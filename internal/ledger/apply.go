package ledger

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// apply writes one unit's validated values inside tx and audits them. It
// returns consistency refusals (then the caller rolls back).
func (s *Service) apply(ctx context.Context, tx *store.Tx, year int, unitID int64, values, notes map[string]string) ([]FieldError, error) {
	current, err := queryEntries(ctx, tx, `WHERE unit_id = ? AND year = ?`, unitID, year)
	if err != nil {
		return nil, err
	}
	before := map[string]Entry{}
	after := map[string]string{}
	for _, e := range current {
		before[e.Field] = e.Entry
		after[e.Field] = e.Value
	}
	for k, v := range values {
		if v == "" {
			delete(after, k)
		} else {
			after[k] = v
		}
	}
	if errs := checkConsistency(after); len(errs) > 0 {
		return errs, nil
	}
	changes, err := s.write(ctx, tx, year, unitID, before, after, notes)
	if err != nil || len(changes) == 0 {
		return nil, err
	}
	name := strconv.FormatInt(unitID, 10)
	if u, err := s.Org.Get(ctx, unitID); err == nil {
		name = u.Name
	}
	return nil, s.Audit.Record(ctx, tx, audit.Entry{Action: ActionSave, ObjectType: "ledger",
		ObjectID: objectID(unitID, year), Changes: changes,
		Summary: fmt.Sprintf("%s %d年度台账：修改 %d 项", name, year, len(changes))})
}

// write stores the differences between before and after (and changed
// notes), returning them as audit changes in catalogue order.
func (s *Service) write(ctx context.Context, tx *store.Tx, year int, unitID int64, before map[string]Entry,
	after, notes map[string]string) ([]audit.Change, error) {
	actor := audit.ActorFrom(ctx)
	by, byName := any(nil), actor.Username
	if actor.UserID != 0 {
		by = actor.UserID
	}
	if byName == "" {
		byName = "系统"
	}
	now := s.now()
	var changes []audit.Change
	for _, f := range Fields {
		old, had := before[f.Key]
		val, has := after[f.Key]
		note, noteGiven := notes[f.Key]
		note = strings.TrimSpace(note)
		if !noteGiven {
			note = old.Note
		}
		switch {
		case had && !has:
			if _, err := tx.ExecContext(ctx, `DELETE FROM ledger_entries WHERE unit_id = ? AND year = ? AND field = ?`,
				unitID, year, f.Key); err != nil {
				return nil, fmt.Errorf("clear ledger %s: %w", f.Key, err)
			}
			changes = append(changes, audit.Change{Field: f.Name, Before: old.Value})
		case has && (!had || old.Value != val || old.Note != note):
			if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_entries (unit_id, year, field, value, note, entered_by, entered_by_name, entered_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (unit_id, year, field) DO UPDATE SET value = excluded.value, note = excluded.note,
				entered_by = excluded.entered_by, entered_by_name = excluded.entered_by_name, entered_at = excluded.entered_at`,
				unitID, year, f.Key, val, note, by, byName, now); err != nil {
				return nil, fmt.Errorf("save ledger %s: %w", f.Key, err)
			}
			if old.Value != val || !had {
				changes = append(changes, audit.Change{Field: f.Name, Before: old.Value, After: val})
			}
			if old.Note != note {
				changes = append(changes, audit.Change{Field: f.Name + "（来源）", Before: old.Note, After: note})
			}
		}
	}
	return changes, nil
}
