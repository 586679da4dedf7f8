package plan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Group is a named set of units that a plan's collective name expands to,
// e.g. "各乡镇（街道）" → every township and subdistrict.
type Group struct {
	ID            int64
	Name          string
	Aliases       []string // other names for the same set: 各乡镇人民政府、街道办事处
	Note          string
	UnitIDs       []int64
	UpdatedByName string
	UpdatedAt     time.Time
}

// Groups lists the unit groups by name.
func (s *Service) Groups(ctx context.Context) ([]Group, error) {
	return loadGroups(ctx, s.DB.Read())
}

func loadGroups(ctx context.Context, q store.Querier) ([]Group, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, aliases, note, updated_by_name, updated_at FROM unit_groups ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("load unit groups: %w", err)
	}
	var out []Group
	byID := map[int64]int{}
	for rows.Next() {
		var g Group
		var aliases string
		if err := rows.Scan(&g.ID, &g.Name, &aliases, &g.Note, &g.UpdatedByName, &g.UpdatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		g.Aliases = splitLines(aliases)
		byID[g.ID] = len(out)
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT group_id, unit_id FROM unit_group_members ORDER BY group_id, unit_id`)
	if err != nil {
		return nil, fmt.Errorf("load unit group members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var gid, uid int64
		if err := rows.Scan(&gid, &uid); err != nil {
			return nil, err
		}
		if i, ok := byID[gid]; ok {
			out[i].UnitIDs = append(out[i].UnitIDs, uid)
		}
	}
	return out, rows.Err()
}

// SaveGroup creates the group (ID 0) or replaces its name, aliases and
// members; audited.
func (s *Service) SaveGroup(ctx context.Context, g Group) (int64, error) {
	g.Name = strings.TrimSpace(g.Name)
	if g.Name == "" {
		return 0, invalid("请填写分组名称")
	}
	if len(g.UnitIDs) == 0 {
		return 0, invalid("分组“%s”至少要包含一个单位", g.Name)
	}
	slices.Sort(g.UnitIDs)
	g.UnitIDs = slices.Compact(g.UnitIDs)
	uid, uname := actorName(ctx)
	now := s.now()
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		id, err := writeGroup(ctx, tx, g, uid, uname, now)
		if err != nil {
			return err
		}
		g.ID = id
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionGroup, ObjectType: "unit_group", ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("保存单位分组“%s”（%d个单位）", g.Name, len(g.UnitIDs))})
	})
	if store.IsUniqueViolation(err) {
		return 0, conflict("已有名为“%s”的分组", g.Name)
	}
	return g.ID, err
}

func writeGroup(ctx context.Context, tx *store.Tx, g Group, uid int64, uname string, now time.Time) (int64, error) {
	aliases := strings.Join(cleanLines(g.Aliases), "\n")
	if g.ID == 0 {
		id, err := tx.InsertID(ctx, `INSERT INTO unit_groups (name, aliases, note, updated_by, updated_by_name, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, g.Name, aliases, g.Note, store.NullInt(uid), uname, now)
		if err != nil {
			return 0, err
		}
		g.ID = id
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE unit_groups SET name = ?, aliases = ?, note = ?, updated_by = ?,
			updated_by_name = ?, updated_at = ? WHERE id = ?`, g.Name, aliases, g.Note, store.NullInt(uid), uname, now, g.ID)
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, notFound("单位分组不存在")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM unit_group_members WHERE group_id = ?`, g.ID); err != nil {
			return 0, err
		}
	}
	for _, u := range g.UnitIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO unit_group_members (group_id, unit_id) VALUES (?, ?)`, g.ID, u); err != nil {
			return 0, fmt.Errorf("group member %d: %w", u, err)
		}
	}
	return g.ID, nil
}

// GroupByName finds a group by its name; ok is false when there is none.
func (s *Service) GroupByName(ctx context.Context, name string) (Group, bool, error) {
	groups, err := s.Groups(ctx)
	if err != nil {
		return Group{}, false, err
	}
	for _, g := range groups {
		if g.Name == name {
			return g, true, nil
		}
	}
	return Group{}, false, nil
}

func splitLines(s string) []string { return cleanLines(strings.Split(s, "\n")) }

func cleanLines(in []string) []string {
	var out []string
	for _, l := range in {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
