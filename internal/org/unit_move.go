package org

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Move puts a unit and its whole subtree under newParentID (0: top level).
// Moving under itself or one of its descendants is refused.
func (s *Service) Move(ctx context.Context, id, newParentID int64, note string) (Unit, error) {
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
			return conflict("", "单位“%s”已合并，不能调整隶属关系", u.Name)
		}
		if newParentID == u.ParentID {
			out = u
			return nil
		}
		parent, err := s.checkMove(ctx, tx, u, newParentID)
		if err != nil {
			return err
		}
		out, err = s.applyMove(ctx, tx, u, parent, note)
		return err
	})
	if err != nil {
		return Unit{}, err
	}
	return out, nil
}

func (s *Service) checkMove(ctx context.Context, tx *store.Tx, u Unit, newParentID int64) (*Unit, error) {
	if newParentID == u.ID {
		return nil, invalid("parent_id", "不能把单位移到它自己之下")
	}
	parent, err := loadParent(ctx, tx, newParentID)
	if err != nil {
		return nil, err
	}
	if parent != nil && PathInScope(u.Path, parent.Path) {
		return nil, invalid("parent_id", "不能把单位移到它自己的下级单位之下")
	}
	if err := checkPlacement(u.Level, parent); err != nil {
		return nil, err
	}
	if u.Active {
		if err := checkSiblingName(ctx, tx, parent, u.Name, u.ID); err != nil {
			return nil, err
		}
	}
	return parent, nil
}

func (s *Service) applyMove(ctx context.Context, tx *store.Tx, u Unit, parent *Unit, note string) (Unit, error) {
	now := s.now()
	newPath := childPath(parent, u.ID)
	parentID := int64(0)
	if parent != nil {
		parentID = parent.ID
	}
	if err := rewritePaths(ctx, tx, u.Path, newPath, 0); err != nil {
		return Unit{}, err
	}
	_, err := tx.ExecContext(ctx, `UPDATE units SET parent_id = ?, updated_at = ? WHERE id = ?`,
		store.NullInt(parentID), now, u.ID)
	if err != nil {
		return Unit{}, fmt.Errorf("move unit: %w", err)
	}
	after, err := getUnit(ctx, tx, u.ID)
	if err != nil {
		return Unit{}, err
	}
	if err := s.addEvent(ctx, tx, now, event{UnitID: u.ID, Kind: EventMove, FromParent: u.ParentID,
		Parent: parentID, Note: note}); err != nil {
		return Unit{}, err
	}
	to := "顶级"
	if parent != nil {
		to = "“" + parent.Name + "”之下"
	}
	return after, s.record(ctx, tx, "unit.move", u.ID, "调整单位“"+u.Name+"”隶属关系至"+to,
		audit.Diff(auditFields, u.auditMap(), after.auditMap()), note)
}

// rewritePaths replaces the prefix oldPrefix by newPrefix in the paths of a
// subtree, except the unit except (0: none). Paths hold only digits and '/',
// so their byte length is their character length and LIKE needs no escaping.
func rewritePaths(ctx context.Context, tx *store.Tx, oldPrefix, newPrefix string, except int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE units SET path = CAST(? AS TEXT) || substr(path, CAST(? AS INTEGER))
		WHERE path LIKE ? AND id <> ?`, newPrefix, len(oldPrefix)+1, oldPrefix+"%", except)
	if err != nil {
		return fmt.Errorf("rewrite subtree paths: %w", err)
	}
	return nil
}

// Merge records 机构改革: unit fromID is merged into intoID. The merged unit
// becomes inactive with merged_into set, its child units move under intoID
// and its history stays; ResolveMerged leads from it to intoID.
func (s *Service) Merge(ctx context.Context, fromID, intoID int64, note string) (Unit, error) {
	note = strings.TrimSpace(note)
	var out Unit
	defer s.invalidate()
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := lockTree(ctx, tx); err != nil {
			return err
		}
		from, into, err := s.checkMerge(ctx, tx, fromID, intoID)
		if err != nil {
			return err
		}
		children, err := queryUnits(ctx, tx, `WHERE parent_id = ? ORDER BY sort_order, id`, from.ID)
		if err != nil {
			return err
		}
		if err := checkAdoption(ctx, tx, into, children); err != nil {
			return err
		}
		out, err = s.applyMerge(ctx, tx, from, into, children, note)
		return err
	})
	if err != nil {
		return Unit{}, err
	}
	return out, nil
}

func (s *Service) checkMerge(ctx context.Context, tx *store.Tx, fromID, intoID int64) (Unit, Unit, error) {
	from, err := getUnit(ctx, tx, fromID)
	if err != nil {
		return Unit{}, Unit{}, err
	}
	if fromID == intoID {
		return Unit{}, Unit{}, invalid("into_id", "不能把单位并入它自己")
	}
	if from.Merged() {
		return Unit{}, Unit{}, conflict("", "单位“%s”已经合并过", from.Name)
	}
	into, err := getUnit(ctx, tx, intoID)
	if errors.Is(err, ErrNotFound) {
		return Unit{}, Unit{}, invalid("into_id", "并入的单位（编号 %d）不存在", intoID)
	}
	if err != nil {
		return Unit{}, Unit{}, err
	}
	if !into.Active {
		return Unit{}, Unit{}, invalid("into_id", "“%s”%s，不能作为并入单位", into.Name, into.StatusLabel())
	}
	if PathInScope(from.Path, into.Path) {
		return Unit{}, Unit{}, invalid("into_id", "不能把单位并入它自己的下级单位")
	}
	return from, into, nil
}

// checkAdoption checks that the merged unit's children may sit under into:
// the nesting rules and no two active units of one name.
func checkAdoption(ctx context.Context, tx *store.Tx, into Unit, children []Unit) error {
	for _, c := range children {
		if err := checkPlacement(c.Level, &into); err != nil {
			return err
		}
		if !c.Active {
			continue
		}
		if err := checkSiblingName(ctx, tx, &into, c.Name, c.ID); err != nil {
			return conflict("into_id", "“%s”下已有名为“%s”的单位，请先更名或合并该下级单位再合并", into.Name, c.Name)
		}
	}
	return nil
}

func (s *Service) applyMerge(ctx context.Context, tx *store.Tx, from, into Unit, children []Unit, note string) (Unit, error) {
	now := s.now()
	if _, err := tx.ExecContext(ctx, `UPDATE units SET parent_id = ? WHERE parent_id = ?`, into.ID, from.ID); err != nil {
		return Unit{}, fmt.Errorf("re-parent children: %w", err)
	}
	if err := rewritePaths(ctx, tx, from.Path, into.Path, from.ID); err != nil {
		return Unit{}, err
	}
	_, err := tx.ExecContext(ctx, `UPDATE units SET active = ?, merged_into = ?, updated_at = ? WHERE id = ?`,
		false, into.ID, now, from.ID)
	if err != nil {
		return Unit{}, fmt.Errorf("merge unit: %w", err)
	}
	if err := s.addEvent(ctx, tx, now, event{UnitID: from.ID, Kind: EventMerge, Other: into.ID, Note: note}); err != nil {
		return Unit{}, err
	}
	moved := make([]string, len(children))
	for i, c := range children {
		moved[i] = strconv.FormatInt(c.ID, 10)
		if err := s.addEvent(ctx, tx, now, event{UnitID: c.ID, Kind: EventMove, FromParent: from.ID,
			Parent: into.ID, Note: "随“" + from.Name + "”并入“" + into.Name + "”"}); err != nil {
			return Unit{}, err
		}
	}
	after, err := getUnit(ctx, tx, from.ID)
	if err != nil {
		return Unit{}, err
	}
	changes := audit.Diff(auditFields, from.auditMap(), after.auditMap())
	if len(moved) > 0 {
		changes = append(changes, audit.Change{Field: "children_moved", After: strings.Join(moved, ",")})
	}
	return after, s.record(ctx, tx, "unit.merge", from.ID, "单位“"+from.Name+"”并入“"+into.Name+"”", changes, note)
}
