package enforcement

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// The registry's SQL reads: subjects, officers, list versions, items and
// their 裁量基准 rows. Writes live with their use cases (subject.go,
// officer.go, list.go, item.go).

const subjectSelect = `SELECT s.id, s.unit_id, u.name, u.path, s.name, s.kind, s.legal_basis, s.scope, s.active
	FROM enf_subjects s JOIN units u ON u.id = s.unit_id `

func scanSubject(sc interface{ Scan(...any) error }) (Subject, error) {
	var x Subject
	var kind string
	err := sc.Scan(&x.ID, &x.UnitID, &x.UnitName, &x.UnitPath, &x.Name, &kind, &x.LegalBasis, &x.Scope, &x.Active)
	x.Kind = SubjectKind(kind)
	return x, err
}

func querySubjects(ctx context.Context, q store.Querier, where string, args ...any) ([]Subject, error) {
	rows, err := q.QueryContext(ctx, subjectSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list subjects: %w", err)
	}
	defer rows.Close()
	var out []Subject
	for rows.Next() {
		x, err := scanSubject(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func getSubject(ctx context.Context, q store.Querier, id int64) (Subject, error) {
	xs, err := querySubjects(ctx, q, "WHERE s.id = ?", id)
	if err != nil {
		return Subject{}, err
	}
	if len(xs) == 0 {
		return Subject{}, notFound("执法主体（编号 %d）不存在", id)
	}
	return xs[0], nil
}

func (s *Service) subject(ctx context.Context, id int64) (Subject, error) {
	return getSubject(ctx, s.DB.Read(), id)
}

const officerSelect = `SELECT o.id, o.unit_id, u.name, u.path, COALESCE(o.subject_id, 0), COALESCE(sj.name, ''),
	COALESCE(o.user_id, 0), o.name, o.sex, o.id_sealed, o.id_index, o.phone_sealed, o.position, o.cert_no, o.cert_authority,
	o.law_area, o.issued_on, o.valid_until, o.status, o.status_note
	FROM enf_officers o JOIN units u ON u.id = o.unit_id LEFT JOIN enf_subjects sj ON sj.id = o.subject_id `

// officerRow is an officer as stored, with the sealed fields.
type officerRow struct {
	Officer
	idSealed, phoneSealed string
	idIndex               string
}

func scanOfficer(sc interface{ Scan(...any) error }) (officerRow, error) {
	var x officerRow
	var status string
	err := sc.Scan(&x.ID, &x.UnitID, &x.UnitName, &x.UnitPath, &x.SubjectID, &x.SubjectName, &x.UserID, &x.Name,
		&x.Sex, &x.idSealed, &x.idIndex, &x.phoneSealed, &x.Position, &x.CertNo, &x.CertAuthority, &x.LawArea, &x.IssuedOn,
		&x.ValidUntil, &status, &x.StatusNote)
	x.Status = OfficerStatus(status)
	return x, err
}

func queryOfficers(ctx context.Context, q store.Querier, where string, args ...any) ([]officerRow, error) {
	rows, err := q.QueryContext(ctx, officerSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list officers: %w", err)
	}
	defer rows.Close()
	var out []officerRow
	for rows.Next() {
		x, err := scanOfficer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func getOfficer(ctx context.Context, q store.Querier, id int64) (officerRow, error) {
	xs, err := queryOfficers(ctx, q, "WHERE o.id = ?", id)
	if err != nil {
		return officerRow{}, err
	}
	if len(xs) == 0 {
		return officerRow{}, notFound("执法人员（编号 %d）不存在", id)
	}
	return xs[0], nil
}

func plainOfficers(rows []officerRow) []Officer {
	out := make([]Officer, len(rows))
	for i, r := range rows {
		out[i] = r.Officer
	}
	return out
}

func (s *Service) officer(ctx context.Context, id int64) (Officer, error) {
	x, err := getOfficer(ctx, s.DB.Read(), id)
	return x.Officer, err
}

func (s *Service) unitOfficers(ctx context.Context, unitID int64) ([]Officer, error) {
	xs, err := queryOfficers(ctx, s.DB.Read(), "WHERE o.unit_id = ? ORDER BY o.name, o.id", unitID)
	return plainOfficers(xs), err
}

const listSelect = `SELECT l.id, l.unit_id, u.name, u.path, l.version, l.status, l.note, l.created_at, l.published_at,
	l.published_by_name, (SELECT COUNT(*) FROM enf_items i WHERE i.list_id = l.id)
	FROM enf_lists l JOIN units u ON u.id = l.unit_id `

func queryLists(ctx context.Context, q store.Querier, where string, args ...any) ([]List, error) {
	rows, err := q.QueryContext(ctx, listSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list power lists: %w", err)
	}
	defer rows.Close()
	var out []List
	for rows.Next() {
		var x List
		var status string
		var published sql.NullTime
		if err := rows.Scan(&x.ID, &x.UnitID, &x.UnitName, &x.UnitPath, &x.Version, &status, &x.Note, &x.CreatedAt,
			&published, &x.PublishedByName, &x.Items); err != nil {
			return nil, err
		}
		x.Status, x.PublishedAt = ListStatus(status), published.Time
		out = append(out, x)
	}
	return out, rows.Err()
}

func getList(ctx context.Context, q store.Querier, id int64) (List, error) {
	xs, err := queryLists(ctx, q, "WHERE l.id = ?", id)
	if err != nil {
		return List{}, err
	}
	if len(xs) == 0 {
		return List{}, notFound("权责清单版本（编号 %d）不存在", id)
	}
	return xs[0], nil
}

const itemSelect = `SELECT i.id, i.list_id, i.unit_id, i.code, i.name, i.category, i.law, i.article, i.basis_text,
	i.major, i.hearing, i.collective, i.sort_order FROM enf_items i `

// queryItems loads items with their discretion rows (one extra query for
// all rows of the selected items).
func queryItems(ctx context.Context, q store.Querier, where string, args ...any) ([]Item, error) {
	rows, err := q.QueryContext(ctx, itemSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list items: %w", err)
	}
	var out []Item
	for rows.Next() {
		var x Item
		var cat string
		if err := rows.Scan(&x.ID, &x.ListID, &x.UnitID, &x.Code, &x.Name, &cat, &x.Law, &x.Article, &x.BasisText,
			&x.Major, &x.Hearing, &x.Collective, &x.SortOrder); err != nil {
			rows.Close()
			return nil, err
		}
		x.Category = Category(cat)
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, attachDiscretion(ctx, q, out)
}

// attachDiscretion fills the items' 裁量基准 rows, in chunks of ids.
func attachDiscretion(ctx context.Context, q store.Querier, items []Item) error {
	at := map[int64]int{}
	ids := make([]any, 0, len(items))
	for i, it := range items {
		at[it.ID] = i
		ids = append(ids, it.ID)
	}
	const chunk = 500
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		part := ids[:n]
		ids = ids[n:]
		rows, err := q.QueryContext(ctx, `SELECT id, item_id, seq, circumstance, level, min_fen, max_fen, other, list_kind
			FROM enf_discretion WHERE item_id IN (`+store.Placeholders(len(part))+`) ORDER BY item_id, seq`, part...)
		if err != nil {
			return fmt.Errorf("list discretion: %w", err)
		}
		for rows.Next() {
			var d Discretion
			var level string
			var lo, hi sql.NullInt64
			if err := rows.Scan(&d.ID, &d.ItemID, &d.Seq, &d.Circumstance, &level, &lo, &hi, &d.Other, &d.ListKind); err != nil {
				rows.Close()
				return err
			}
			d.Level = Level(level)
			if lo.Valid {
				d.MinFen = &lo.Int64
			}
			if hi.Valid {
				d.MaxFen = &hi.Int64
			}
			i := at[d.ItemID]
			items[i].Discretion = append(items[i].Discretion, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func getItem(ctx context.Context, q store.Querier, id int64) (Item, error) {
	xs, err := queryItems(ctx, q, "WHERE i.id = ?", id)
	if err != nil {
		return Item{}, err
	}
	if len(xs) == 0 {
		return Item{}, notFound("执法事项（编号 %d）不存在", id)
	}
	return xs[0], nil
}

func (s *Service) item(ctx context.Context, id int64) (Item, error) {
	return getItem(ctx, s.DB.Read(), id)
}

const itemOrder = " ORDER BY i.sort_order, i.code, i.id"

func (s *Service) currentItems(ctx context.Context, unitID int64) ([]Item, error) {
	return queryItems(ctx, s.DB.Read(), `JOIN enf_lists l ON l.id = i.list_id
		WHERE l.unit_id = ? AND l.status = 'published'`+itemOrder, unitID)
}

// actorName is the acting user's display name, stored with what they did.
func regActorName(ctx context.Context, tx *store.Tx) string {
	a := audit.ActorFrom(ctx)
	name := a.Username
	if a.UserID != 0 {
		var display string
		if err := tx.QueryRowContext(ctx, `SELECT display_name FROM users WHERE id = ?`, a.UserID).Scan(&display); err == nil && display != "" {
			name = display
		}
	}
	if name == "" {
		name = "系统"
	}
	return name
}

func regID(id int64) string { return strconv.FormatInt(id, 10) }

// unitOf returns a unit's name, path and region code.
func regUnitOf(ctx context.Context, q store.Querier, id int64) (name, path, region string, err error) {
	err = q.QueryRowContext(ctx, `SELECT name, path, COALESCE(region_code, '') FROM units WHERE id = ?`, id).Scan(&name, &path, &region)
	if err == sql.ErrNoRows {
		err = notFound("单位（编号 %d）不存在", id)
	}
	return
}
