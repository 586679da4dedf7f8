package org

import (
	"context"
	"fmt"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Deactivate marks a unit as no longer in use (撤销). A unit with active
// child units is refused: they must be deactivated, moved or merged first.
// Deactivating an inactive unit changes nothing.
func (s *Service) Deactivate(ctx context.Context, id int64, note string) (Unit, error) {
	return s.setActive(ctx, id, false, note)
}

// Activate puts a deactivated unit back in use. A merged unit stays merged,
// and the parent must be active.
func (s *Service) Activate(ctx context.Context, id int64, note string) (Unit, error) {
	return s.setActive(ctx, id, true, note)
}

func (s *Service) setActive(ctx context.Context, id int64, active bool, note string) (Unit, error) {
	note = strings.TrimSpace(note)
	var out Unit
	defer s.invalidate()
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := lockTree(ctx, tx); err != nil {
			return err
		}
		u, err := getUnit(ctx, tx, id)
		if err != nil {
			return err
		}
		if u.Merged() {
			return conflict("", "单位“%s”已合并，不能停用或启用", u.Name)
		}
		if u.Active == active {
			out = u
			return nil
		}
		check := checkDeactivate
		if active {
			check = checkActivate
		}
		if err := check(ctx, tx, u); err != nil {
			return err
		}
		out, err = s.applyActive(ctx, tx, u, active, note)
		return err
	})
	if err != nil {
		return Unit{}, err
	}
	return out, nil
}

func checkDeactivate(ctx context.Context, tx *store.Tx, u Unit) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE parent_id = ? AND active = ?`, u.ID, true).Scan(&n)
	if err != nil {
		return fmt.Errorf("count active children: %w", err)
	}
	if n > 0 {
		return conflict("", "“%s”下还有%d个在用的下级单位，请先停用、移走或合并下级单位", u.Name, n)
	}
	return nil
}

func checkActivate(ctx context.Context, tx *store.Tx, u Unit) error {
	var parent *Unit
	if u.ParentID != 0 {
		p, err := getUnit(ctx, tx, u.ParentID)
		if err != nil {
			return err
		}
		if !p.Active {
			return conflict("", "上级单位“%s”%s，请先启用上级单位或调整隶属关系", p.Name, p.StatusLabel())
		}
		parent = &p
	}
	return checkSiblingName(ctx, tx, parent, u.Name, u.ID)
}

func (s *Service) applyActive(ctx context.Context, tx *store.Tx, u Unit, active bool, note string) (Unit, error) {
	now := s.now()
	if _, err := tx.ExecContext(ctx, `UPDATE units SET active = ?, updated_at = ? WHERE id = ?`, active, now, u.ID); err != nil {
		return Unit{}, fmt.Errorf("set unit active: %w", err)
	}
	after := u
	after.Active, after.UpdatedAt = active, now
	kind, action, verb := EventDeactivate, "unit.deactivate", "停用"
	if active {
		kind, action, verb = EventActivate, "unit.activate", "启用"
	}
	if err := s.addEvent(ctx, tx, now, event{UnitID: u.ID, Kind: kind, Note: note}); err != nil {
		return Unit{}, err
	}
	return after, s.record(ctx, tx, action, u.ID, verb+"单位“"+u.Name+"”",
		audit.Diff(auditFields, u.auditMap(), after.auditMap()), note)
}
