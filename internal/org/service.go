package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Service runs the org tree's operations and queries.
type Service struct {
	DB    *store.DB
	Audit *audit.Logger
	Now   func() time.Time
	cache treeCache
}

// NewService returns a Service with the real clock.
func NewService(db *store.DB, logger *audit.Logger) *Service {
	return &Service{DB: db, Audit: logger, Now: time.Now}
}

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

const unitColumns = `id, name, short_name, aliases, level, org_type, credit_code, region_code,
	parent_id, path, active, merged_into, sort_order, created_at, updated_at`

func scanUnit(sc interface{ Scan(...any) error }) (Unit, error) {
	var u Unit
	var aliases, level, orgType string
	var credit, region sql.NullString
	var parent, merged sql.NullInt64
	err := sc.Scan(&u.ID, &u.Name, &u.ShortName, &aliases, &level, &orgType, &credit, &region,
		&parent, &u.Path, &u.Active, &merged, &u.SortOrder, &u.CreatedAt, &u.UpdatedAt)
	u.Level, u.OrgType = Level(level), OrgType(orgType)
	u.CreditCode, u.RegionCode = credit.String, region.String
	u.ParentID, u.MergedInto = parent.Int64, merged.Int64
	u.Aliases = cleanAliases(strings.Split(aliases, "\n"), "")
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	return u, err
}

// getUnit loads one unit; a missing one is a not-found *Error.
func getUnit(ctx context.Context, q store.Querier, id int64) (Unit, error) {
	u, err := scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Unit{}, errUnitNotFound(id)
	}
	if err != nil {
		return Unit{}, fmt.Errorf("load unit %d: %w", id, err)
	}
	return u, nil
}

func queryUnits(ctx context.Context, q store.Querier, where string, args ...any) ([]Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+unitColumns+` FROM units `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query units: %w", err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// lockTree serialises changes to the tree: on PostgreSQL the row lock makes
// concurrent moves and merges (which rewrite whole subtrees' paths) queue,
// and every later statement of the transaction sees the winner's result. On
// SQLite the single writer already does this.
func lockTree(ctx context.Context, tx *store.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE unit_tree_lock SET version = version + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("lock org tree: %w", err)
	}
	return nil
}

// loadParent loads a prospective parent (nil for 0) and refuses an inactive one.
func loadParent(ctx context.Context, tx *store.Tx, id int64) (*Unit, error) {
	if id == 0 {
		return nil, nil
	}
	p, err := getUnit(ctx, tx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, invalid("parent_id", "上级单位（编号 %d）不存在", id)
	}
	if err != nil {
		return nil, err
	}
	if !p.Active {
		return nil, invalid("parent_id", "上级单位“%s”%s，不能在其下设置单位", p.Name, p.StatusLabel())
	}
	return &p, nil
}

// checkSiblingName refuses a second active unit of the same name under one
// parent, so a name and its parent always identify one unit.
func checkSiblingName(ctx context.Context, tx *store.Tx, parent *Unit, name string, self int64) error {
	q := `SELECT COUNT(*) FROM units WHERE active = ? AND name = ? AND id <> ? AND `
	args := []any{true, name, self}
	if parent == nil {
		q += `parent_id IS NULL`
	} else {
		q += `parent_id = ?`
		args = append(args, parent.ID)
	}
	var n int
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return fmt.Errorf("check sibling names: %w", err)
	}
	if n == 0 {
		return nil
	}
	if parent == nil {
		return conflict("name", "已有名为“%s”的顶级单位", name)
	}
	return conflict("name", "“%s”下已有名为“%s”的单位", parent.Name, name)
}

// checkCreditCode refuses a code held by another unit, before the unique
// constraint would (so the message can name that unit).
func checkCreditCode(ctx context.Context, tx *store.Tx, code string, self int64) error {
	if code == "" {
		return nil
	}
	var other Unit
	err := tx.QueryRowContext(ctx, `SELECT name, active FROM units WHERE credit_code = ? AND id <> ?`,
		code, self).Scan(&other.Name, &other.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check credit code: %w", err)
	}
	status := ""
	if !other.Active {
		status = "（已停用或合并）"
	}
	return conflict("credit_code", "统一社会信用代码已被“%s”%s使用", other.Name, status)
}

// mapUnique turns the credit code's unique-constraint failure, which a
// concurrent writer could still cause, into the same conflict.
func mapUnique(err error) error {
	if store.IsUniqueViolation(err) {
		return conflict("credit_code", "统一社会信用代码已被其他单位使用")
	}
	return err
}

func checkRegionExists(ctx context.Context, tx *store.Tx, code string) error {
	if code == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM regions WHERE code = ?`, code).Scan(&n); err != nil {
		return fmt.Errorf("check region: %w", err)
	}
	if n == 0 {
		return invalid("region_code", "行政区划代码“%s”不存在，请先在行政区划中添加", code)
	}
	return nil
}

// event is a unit_events row to write.
type event struct {
	UnitID             int64
	Kind               EventKind
	FromParent, Parent int64
	Other              int64
	OldName, NewName   string
	Note               string
}

func (s *Service) addEvent(ctx context.Context, tx *store.Tx, at time.Time, e event) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO unit_events (unit_id, kind, from_parent, to_parent, other_unit,
		old_name, new_name, note, at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.UnitID, string(e.Kind), store.NullInt(e.FromParent), store.NullInt(e.Parent), store.NullInt(e.Other),
		e.OldName, e.NewName, e.Note, at, store.NullInt(audit.ActorFrom(ctx).UserID))
	if err != nil {
		return fmt.Errorf("record unit event: %w", err)
	}
	return nil
}

// auditFields are the unit attributes an audit entry compares.
var auditFields = []string{"name", "short_name", "aliases", "level", "org_type", "credit_code",
	"region_code", "parent_id", "path", "active", "merged_into", "sort_order"}

func (u Unit) auditMap() map[string]any {
	return map[string]any{
		"name": u.Name, "short_name": u.ShortName, "aliases": strings.Join(u.Aliases, "、"),
		"level": string(u.Level), "org_type": string(u.OrgType), "credit_code": u.CreditCode,
		"region_code": u.RegionCode, "parent_id": idText(u.ParentID), "path": u.Path,
		"active": u.Active, "merged_into": idText(u.MergedInto), "sort_order": u.SortOrder,
	}
}

// record writes the audit entry of a unit change, with the note if any.
func (s *Service) record(ctx context.Context, tx *store.Tx, action string, id int64, summary string,
	changes []audit.Change, note string) error {
	if note != "" {
		changes = append(changes, audit.Change{Field: "note", After: note})
	}
	return s.Audit.Record(ctx, tx, audit.Entry{Action: action, ObjectType: "unit", ObjectID: idText(id),
		Summary: summary, Changes: changes})
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
