package org

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Create adds a unit under parentID (0 for a top unit).
func (s *Service) Create(ctx context.Context, parentID int64, f UnitFields) (Unit, error) {
	if err := f.normalize(); err != nil {
		return Unit{}, err
	}
	var out Unit
	defer s.invalidate()
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := lockTree(ctx, tx); err != nil {
			return err
		}
		parent, err := loadParent(ctx, tx, parentID)
		if err != nil {
			return err
		}
		if err := s.checkFields(ctx, tx, parent, f, 0, true); err != nil {
			return err
		}
		now := s.now()
		id, err := tx.InsertID(ctx, `INSERT INTO units (name, short_name, aliases, level, org_type, credit_code,
			region_code, parent_id, path, active, sort_order, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
			f.Name, f.ShortName, joinLines(f.Aliases), string(f.Level), string(f.OrgType),
			store.NullString(f.CreditCode), store.NullString(f.RegionCode), store.NullInt(parentID),
			true, f.SortOrder, now, now)
		if err != nil {
			return fmt.Errorf("insert unit: %w", mapUnique(err))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET path = ? WHERE id = ?`, childPath(parent, id), id); err != nil {
			return fmt.Errorf("set unit path: %w", err)
		}
		if out, err = getUnit(ctx, tx, id); err != nil {
			return err
		}
		if err := s.addEvent(ctx, tx, now, event{UnitID: id, Kind: EventCreate, Parent: parentID,
			NewName: f.Name, Note: f.Note}); err != nil {
			return err
		}
		return s.record(ctx, tx, "unit.create", id, "新建单位“"+f.Name+"”",
			audit.Diff(auditFields, nil, out.auditMap()), f.Note)
	})
	if err != nil {
		return Unit{}, err
	}
	return out, nil
}

// checkFields runs the rules that need the database: placement, sibling
// name (for active units), credit code and region.
func (s *Service) checkFields(ctx context.Context, tx *store.Tx, parent *Unit, f UnitFields, self int64,
	active bool) error {
	if err := checkPlacement(f.Level, parent); err != nil {
		return err
	}
	if active {
		if err := checkSiblingName(ctx, tx, parent, f.Name, self); err != nil {
			return err
		}
	}
	if err := checkCreditCode(ctx, tx, f.CreditCode, self); err != nil {
		return err
	}
	return checkRegionExists(ctx, tx, f.RegionCode)
}

// Update replaces a unit's editable attributes (the parent changes through
// Move). A rename keeps the old name in the history and among the aliases.
func (s *Service) Update(ctx context.Context, id int64, f UnitFields) (Unit, error) {
	if err := f.normalize(); err != nil {
		return Unit{}, err
	}
	var out Unit
	defer s.invalidate()
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := lockTree(ctx, tx); err != nil {
			return err
		}
		before, err := getUnit(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Merged() {
			return conflict("", "单位“%s”已合并，不能修改", before.Name)
		}
		renamed := f.Name != before.Name
		if renamed && !slices.Contains(f.Aliases, before.Name) {
			f.Aliases = append(f.Aliases, before.Name)
		}
		if err := s.checkUpdate(ctx, tx, before, f); err != nil {
			return err
		}
		out, err = s.applyUpdate(ctx, tx, before, f)
		return err
	})
	if err != nil {
		return Unit{}, err
	}
	return out, nil
}

func (s *Service) checkUpdate(ctx context.Context, tx *store.Tx, before Unit, f UnitFields) error {
	var parent *Unit
	if before.ParentID != 0 {
		p, err := getUnit(ctx, tx, before.ParentID)
		if err != nil {
			return err
		}
		parent = &p
	}
	if f.Level == LevelSection && before.Level != LevelSection {
		if err := checkOnlySections(ctx, tx, before); err != nil {
			return err
		}
	}
	// An inactive unit's name may repeat an active sibling's; Activate checks it.
	return s.checkFields(ctx, tx, parent, f, before.ID, before.Active)
}

func checkOnlySections(ctx context.Context, tx *store.Tx, u Unit) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE parent_id = ? AND level <> ?`,
		u.ID, string(LevelSection)).Scan(&n)
	if err != nil {
		return fmt.Errorf("check child levels: %w", err)
	}
	if n > 0 {
		return invalid("level", "“%s”下设有科室以外的单位，不能改为科室", u.Name)
	}
	return nil
}

// applyUpdate writes the new attributes, the event and the audit entry; an
// update that changes nothing writes nothing.
func (s *Service) applyUpdate(ctx context.Context, tx *store.Tx, before Unit, f UnitFields) (Unit, error) {
	after := before
	after.Name, after.ShortName, after.Aliases = f.Name, f.ShortName, cleanAliases(f.Aliases, f.Name)
	after.Level, after.OrgType, after.CreditCode = f.Level, f.OrgType, f.CreditCode
	after.RegionCode, after.SortOrder = f.RegionCode, f.SortOrder
	changes := audit.Diff(auditFields, before.auditMap(), after.auditMap())
	if len(changes) == 0 {
		return before, nil
	}
	now := s.now()
	_, err := tx.ExecContext(ctx, `UPDATE units SET name = ?, short_name = ?, aliases = ?, level = ?, org_type = ?,
		credit_code = ?, region_code = ?, sort_order = ?, updated_at = ? WHERE id = ?`,
		after.Name, after.ShortName, joinLines(after.Aliases), string(after.Level), string(after.OrgType),
		store.NullString(after.CreditCode), store.NullString(after.RegionCode), after.SortOrder, now, before.ID)
	if err != nil {
		return Unit{}, fmt.Errorf("update unit: %w", mapUnique(err))
	}
	ev := event{UnitID: before.ID, Kind: EventUpdate, Note: f.Note}
	summary := "修改单位“" + after.Name + "”"
	if after.Name != before.Name {
		ev.Kind, ev.OldName, ev.NewName = EventRename, before.Name, after.Name
		summary = "单位“" + before.Name + "”更名为“" + after.Name + "”"
	}
	if err := s.addEvent(ctx, tx, now, ev); err != nil {
		return Unit{}, err
	}
	if err := s.record(ctx, tx, "unit.update", before.ID, summary, changes, f.Note); err != nil {
		return Unit{}, err
	}
	return getUnit(ctx, tx, before.ID)
}

func joinLines(ss []string) string { return strings.Join(ss, "\n") }
