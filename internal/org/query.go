package org

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"fazhi/internal/store"
)

// Get loads a unit by id.
func (s *Service) Get(ctx context.Context, id int64) (Unit, error) {
	return s.cachedGet(ctx, id)
}

// FindByName lists the units whose name or one of whose aliases is exactly
// name: active before inactive, name matches before alias matches.
func (s *Service) FindByName(ctx context.Context, name string) ([]Unit, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil
	}
	// LIKE narrows the alias candidates; the exact comparison is in Go, which
	// also evens out LIKE's case rules between the dialects.
	cands, err := queryUnits(ctx, s.DB.Read(), `WHERE name = ? OR aliases LIKE ? ESCAPE '\' ORDER BY path`,
		name, "%"+escapeLike(name)+"%")
	if err != nil {
		return nil, err
	}
	var out []Unit
	for _, u := range cands {
		if nameRank(u, name) >= 0 {
			out = append(out, u)
		}
	}
	slices.SortStableFunc(out, func(a, b Unit) int { return nameRank(a, name) - nameRank(b, name) })
	return out, nil
}

// nameRank orders matches: 0 active by name, 1 active by alias, 2 inactive by
// name, 3 inactive by alias; -1 no match.
func nameRank(u Unit, name string) int {
	r := 0
	switch {
	case u.Name == name:
	case slices.Contains(u.Aliases, name):
		r = 1
	default:
		return -1
	}
	if !u.Active {
		r += 2
	}
	return r
}

// GetByName finds the one unit a name (or alias) stands for, preferring an
// exact name to an alias and an active unit to an inactive one. A name shared
// by several units of the best rank is a conflict; the caller asks the user.
func (s *Service) GetByName(ctx context.Context, name string) (Unit, error) {
	found, err := s.FindByName(ctx, name)
	if err != nil {
		return Unit{}, err
	}
	if len(found) == 0 {
		return Unit{}, notFound("没有名称或别名为“%s”的单位", strings.TrimSpace(name))
	}
	if len(found) > 1 && nameRank(found[0], name) == nameRank(found[1], name) {
		return Unit{}, conflict("name", "名称“%s”对应多个单位，请使用全称或直接选择单位", strings.TrimSpace(name))
	}
	return found[0], nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Status filters units by whether they are in use.
type Status int

const (
	AnyStatus    Status = iota
	ActiveOnly          // in use
	InactiveOnly        // deactivated or merged
)

func (st Status) keep(u Unit) bool {
	switch st {
	case ActiveOnly:
		return u.Active
	case InactiveOnly:
		return !u.Active
	}
	return true
}

// ListFilter selects units for List and Tree.
type ListFilter struct {
	RootID int64 // 0: the whole tree; otherwise this unit and its subtree
	Status Status
}

// List returns units in tree order: each unit before its children, siblings
// by sort order then id.
func (s *Service) List(ctx context.Context, f ListFilter) ([]Unit, error) {
	return s.cachedList(ctx, f)
}

// orderTree sorts units depth first; a unit whose parent is not in the set
// counts as a root.
func orderTree(units []Unit) []Unit {
	present := make(map[int64]bool, len(units))
	for _, u := range units {
		present[u.ID] = true
	}
	kids := map[int64][]Unit{}
	for _, u := range units {
		p := u.ParentID
		if !present[p] {
			p = 0
		}
		kids[p] = append(kids[p], u)
	}
	for _, k := range kids {
		slices.SortFunc(k, func(a, b Unit) int {
			if c := cmp.Compare(a.SortOrder, b.SortOrder); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
	}
	out := make([]Unit, 0, len(units))
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, u := range kids[parent] {
			out = append(out, u)
			walk(u.ID)
		}
	}
	walk(0)
	return out
}

// Node is a unit with its children, for display as a tree.
type Node struct {
	Unit
	Children []*Node
}

// Tree returns the filtered units nested; units whose parent is filtered out
// become roots.
func (s *Service) Tree(ctx context.Context, f ListFilter) ([]*Node, error) {
	units, err := s.List(ctx, f)
	if err != nil {
		return nil, err
	}
	nodes := make(map[int64]*Node, len(units))
	var roots []*Node
	for _, u := range units {
		n := &Node{Unit: u}
		nodes[u.ID] = n
		if p, ok := nodes[u.ParentID]; ok {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots, nil
}

// Children lists a unit's direct children (id 0: the top units), by sort
// order then id.
func (s *Service) Children(ctx context.Context, id int64, st Status) ([]Unit, error) {
	where, args := "WHERE parent_id IS NULL", []any(nil)
	if id != 0 {
		where, args = "WHERE parent_id = ?", []any{id}
	}
	units, err := queryUnits(ctx, s.DB.Read(), where+" ORDER BY sort_order, id", args...)
	if err != nil {
		return nil, err
	}
	out := units[:0]
	for _, u := range units {
		if st.keep(u) {
			out = append(out, u)
		}
	}
	return out, nil
}

// Ancestors lists a unit's ancestors, the top unit first (for breadcrumbs).
func (s *Service) Ancestors(ctx context.Context, id int64) ([]Unit, error) {
	u, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	ids := pathIDs(u.Path)
	ids = ids[:len(ids)-1]
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, v := range ids {
		args[i] = v
	}
	units, err := queryUnits(ctx, s.DB.Read(), `WHERE id IN (`+store.Placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(units, func(a, b Unit) int { return len(a.Path) - len(b.Path) })
	return units, nil
}

// SubtreeIDs lists the ids of a unit and all units below it, in any status,
// for scoping queries of other capabilities.
func (s *Service) SubtreeIDs(ctx context.Context, rootID int64) ([]int64, error) {
	root, err := s.Get(ctx, rootID)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id FROM units WHERE path LIKE ? ORDER BY id`, root.Path+"%")
	if err != nil {
		return nil, fmt.Errorf("query subtree: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// InSubtree reports whether unitID is scopeUnitID or lies below it.
func (s *Service) InSubtree(ctx context.Context, scopeUnitID, unitID int64) (bool, error) {
	scope, err := s.Get(ctx, scopeUnitID)
	if err != nil {
		return false, err
	}
	u, err := s.Get(ctx, unitID)
	if err != nil {
		return false, err
	}
	return PathInScope(scope.Path, u.Path), nil
}

// maxMergeChain bounds ResolveMerged against a corrupted cycle.
const maxMergeChain = 64

// ResolveMerged follows merged_into from id to the unit that carries on its
// work today (the unit itself when it was never merged).
func (s *Service) ResolveMerged(ctx context.Context, id int64) (Unit, error) {
	u, err := s.Get(ctx, id)
	for i := 0; err == nil && u.Merged(); i++ {
		if i == maxMergeChain {
			return Unit{}, fmt.Errorf("unit %d: merge chain longer than %d (cycle?)", id, maxMergeChain)
		}
		u, err = s.Get(ctx, u.MergedInto)
	}
	return u, err
}

// History lists the structural events of a unit and of every unit merged
// into it (directly or through earlier merges), oldest first.
func (s *Service) History(ctx context.Context, id int64) ([]Event, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	ids, err := s.mergedInto(ctx, id)
	if err != nil {
		return nil, err
	}
	return listEvents(ctx, s.DB.Read(), ids)
}

// mergedInto returns id and the ids of all units merged into it, transitively.
func (s *Service) mergedInto(ctx context.Context, id int64) ([]int64, error) {
	ids := []int64{id}
	seen := map[int64]bool{id: true}
	for next := 0; next < len(ids); next++ {
		rows, err := s.DB.Read().QueryContext(ctx, `SELECT id FROM units WHERE merged_into = ?`, ids[next])
		if err != nil {
			return nil, fmt.Errorf("query merged units: %w", err)
		}
		for rows.Next() {
			var m int64
			if err := rows.Scan(&m); err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[m] {
				seen[m] = true
				ids = append(ids, m)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
