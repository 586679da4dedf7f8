package enforcement

import (
	"context"
	"fmt"
	"strings"

	"fazhi/internal/store"
)

// importLookup resolves the names and codes of an import's rows against the
// database once per batch: the units under the batch's scope, their items
// (every published or superseded 权责清单 version, so old cases find the
// item they were decided under), 执法主体 and officers.
type importLookup struct {
	units    map[string]int64 // name, short name or alias → unit (ambiguous names map to 0)
	unitName map[int64]string
	items    map[unitCode]itemRef
	subjects map[unitCode]int64
	officers map[unitCode]int64
}

type unitCode struct {
	unit int64
	code string
}

type itemRef struct {
	id         int64
	category   Category
	major      bool
	collective bool
	rank       int // published versions win over superseded ones, newer over older
}

func loadImportLookup(ctx context.Context, q store.Querier, scopePath string) (*importLookup, error) {
	lk := &importLookup{units: map[string]int64{}, unitName: map[int64]string{}, items: map[unitCode]itemRef{},
		subjects: map[unitCode]int64{}, officers: map[unitCode]int64{}}
	for _, load := range []func(context.Context, store.Querier, string) error{lk.loadUnits, lk.loadItems, lk.loadPeople} {
		if err := load(ctx, q, scopePath); err != nil {
			return nil, fmt.Errorf("import lookups: %w", err)
		}
	}
	return lk, nil
}

func (lk *importLookup) loadUnits(ctx context.Context, q store.Querier, scope string) error {
	rows, err := q.QueryContext(ctx, `SELECT id, name, short_name, aliases FROM units WHERE path LIKE ? ORDER BY id`, scope+"%")
	if err != nil {
		return err
	}
	defer rows.Close()
	others := map[string]int64{}
	for rows.Next() {
		var id int64
		var name, short, aliases string
		if err := rows.Scan(&id, &name, &short, &aliases); err != nil {
			return err
		}
		lk.unitName[id] = name
		addName(lk.units, name, id)
		for _, o := range append([]string{short}, strings.Split(aliases, "\n")...) {
			if o = strings.TrimSpace(o); o != "" {
				addName(others, o, id)
			}
		}
	}
	for n, id := range others {
		if _, full := lk.units[n]; !full {
			lk.units[n] = id // a full name wins over another unit's short name
		}
	}
	return rows.Err()
}

// addName maps name to id; a name two units share maps to 0 (ambiguous).
func addName(m map[string]int64, name string, id int64) {
	if prev, ok := m[name]; ok && prev != id {
		m[name] = 0
		return
	}
	m[name] = id
}

func (lk *importLookup) loadItems(ctx context.Context, q store.Querier, scope string) error {
	rows, err := q.QueryContext(ctx, `SELECT i.id, i.unit_id, i.code, i.category, i.major, i.collective, l.status, l.version
		FROM enf_items i JOIN enf_lists l ON l.id = i.list_id JOIN units u ON u.id = l.unit_id
		WHERE u.path LIKE ? AND l.status <> 'draft'`, scope+"%")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var it itemRef
		var unit int64
		var code, cat, status string
		var version int
		if err := rows.Scan(&it.id, &unit, &code, &cat, &it.major, &it.collective, &status, &version); err != nil {
			return err
		}
		it.category, it.rank = Category(cat), version
		if status == string(ListPublished) {
			it.rank += 1 << 30
		}
		k := unitCode{unit, strings.ToUpper(code)}
		if have, ok := lk.items[k]; !ok || it.rank > have.rank {
			lk.items[k] = it
		}
	}
	return rows.Err()
}

func (lk *importLookup) loadPeople(ctx context.Context, q store.Querier, scope string) error {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.unit_id, s.name FROM enf_subjects s JOIN units u ON u.id = s.unit_id
		WHERE u.path LIKE ?`, scope+"%")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, unit int64
		var name string
		if err := rows.Scan(&id, &unit, &name); err != nil {
			rows.Close()
			return err
		}
		lk.subjects[unitCode{unit, name}] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT o.id, o.unit_id, o.cert_no FROM enf_officers o JOIN units u ON u.id = o.unit_id
		WHERE u.path LIKE ?`, scope+"%")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, unit int64
		var cert string
		if err := rows.Scan(&id, &unit, &cert); err != nil {
			return err
		}
		lk.officers[unitCode{unit, strings.ToUpper(cert)}] = id
	}
	return rows.Err()
}

// unit resolves a unit name; the message says why not.
func (lk *importLookup) unit(name string) (int64, string) {
	id, ok := lk.units[name]
	switch {
	case name == "":
		return 0, "不能为空"
	case !ok:
		return 0, fmt.Sprintf("找不到单位“%s”，或该单位不在您的数据范围内", name)
	case id == 0:
		return 0, fmt.Sprintf("“%s”对应多个单位，请填写单位全称", name)
	}
	return id, ""
}

// existingCaseNos returns which of nos are already case numbers.
func existingCaseNos(ctx context.Context, q store.Querier, nos []string) (map[string]bool, error) {
	out := map[string]bool{}
	const chunk = 500
	for len(nos) > 0 {
		part := nos[:min(chunk, len(nos))]
		nos = nos[len(part):]
		args := make([]any, len(part))
		for i, n := range part {
			args[i] = n
		}
		rows, err := q.QueryContext(ctx, `SELECT case_no FROM enf_cases WHERE case_no IN (`+store.Placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("existing case numbers: %w", err)
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return nil, err
			}
			out[n] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
