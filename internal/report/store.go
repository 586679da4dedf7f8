package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/store"
)

const reportSelect = `SELECT r.id, r.unit_id, u.name, u.path, r.year, r.title, r.doc_no, r.addressee, r.issuer, r.status,
	r.snapshot, r.submit_by, r.publish_by, r.deadline_basis, r.submitted_on, r.submitted_to, r.submitted_by_name,
	r.created_by_name, r.created_at, r.updated_at
	FROM reports r JOIN units u ON u.id = r.unit_id `

func scanReport(sc interface{ Scan(...any) error }) (Report, error) {
	var r Report
	var st string
	err := sc.Scan(&r.ID, &r.UnitID, &r.UnitName, &r.UnitPath, &r.Year, &r.Title, &r.DocNo, &r.Addressee, &r.Issuer, &st,
		&r.Snapshot, &r.SubmitBy, &r.PublishBy, &r.DeadlineBasis, &r.SubmittedOn, &r.SubmittedTo, &r.SubmittedByName,
		&r.CreatedByName, &r.CreatedAt, &r.UpdatedAt)
	r.Status = Status(st)
	return r, err
}

func getReport(ctx context.Context, q store.Querier, id int64) (Report, error) {
	r, err := scanReport(q.QueryRowContext(ctx, reportSelect+"WHERE r.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, notFound("年度报告（编号 %d）不存在", id)
	}
	if err != nil {
		return r, fmt.Errorf("load report %d: %w", id, err)
	}
	return r, nil
}

// ListFilter selects reports.
type ListFilter struct {
	Scope  string // unit path prefix; "" for all
	Year   int    // 0 for any
	Status Status // "" for any
}

func listReports(ctx context.Context, q store.Querier, f ListFilter) ([]Report, error) {
	var where []string
	var args []any
	if f.Scope != "" {
		where, args = append(where, "u.path LIKE ?"), append(args, f.Scope+"%")
	}
	if f.Year != 0 {
		where, args = append(where, "r.year = ?"), append(args, f.Year)
	}
	if f.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, string(f.Status))
	}
	query := reportSelect
	if len(where) > 0 {
		query += "WHERE " + strings.Join(where, " AND ")
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY r.year DESC, u.path, r.id", args...)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func insertReport(ctx context.Context, tx *store.Tx, r Report, now time.Time) (int64, error) {
	return tx.InsertID(ctx, `INSERT INTO reports (unit_id, year, title, doc_no, addressee, issuer, status, snapshot,
		submit_by, publish_by, deadline_basis, created_by_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.UnitID, r.Year, r.Title, r.DocNo, r.Addressee, r.Issuer, string(StatusDraft), r.Snapshot,
		r.SubmitBy, r.PublishBy, r.DeadlineBasis, r.CreatedByName, now, now)
}

func touch(ctx context.Context, tx *store.Tx, id int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE reports SET updated_at = ? WHERE id = ?`, now, id)
	return err
}

const sectionSelect = `SELECT s.key, s.part, s.seq, s.version, v.heading, v.body, v.snapshot, v.note, v.created_by_name, v.created_at
	FROM report_sections s JOIN report_versions v ON v.report_id = s.report_id AND v.section_key = s.key AND v.version = s.version `

func scanSection(sc interface{ Scan(...any) error }) (Section, error) {
	var s Section
	err := sc.Scan(&s.Key, &s.Part, &s.Seq, &s.Version, &s.Heading, &s.Body, &s.Snapshot, &s.Note, &s.ByName, &s.At)
	return s, err
}

func sections(ctx context.Context, q store.Querier, reportID int64) ([]Section, error) {
	rows, err := q.QueryContext(ctx, sectionSelect+"WHERE s.report_id = ? ORDER BY s.part, s.seq", reportID)
	if err != nil {
		return nil, fmt.Errorf("load sections: %w", err)
	}
	defer rows.Close()
	var out []Section
	for rows.Next() {
		s, err := scanSection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func section(ctx context.Context, q store.Querier, reportID int64, key string) (Section, error) {
	s, err := scanSection(q.QueryRowContext(ctx, sectionSelect+"WHERE s.report_id = ? AND s.key = ?", reportID, key))
	if errors.Is(err, sql.ErrNoRows) {
		return s, notFound("报告中没有这一节")
	}
	return s, err
}

func insertSection(ctx context.Context, tx *store.Tx, reportID int64, key string, part, seq int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO report_sections (report_id, key, part, seq, version) VALUES (?, ?, ?, ?, 0)`,
		reportID, key, part, seq)
	return err
}

// addVersion stores v as the section's next version and makes it current.
func addVersion(ctx context.Context, tx *store.Tx, reportID int64, key string, v Version, byID int64) (int, error) {
	var cur int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM report_sections WHERE report_id = ? AND key = ?`,
		reportID, key).Scan(&cur); err != nil {
		return 0, fmt.Errorf("section %s: %w", key, err)
	}
	next := cur + 1
	_, err := tx.ExecContext(ctx, `INSERT INTO report_versions (report_id, section_key, version, heading, body, snapshot, kind,
		note, created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		reportID, key, next, v.Heading, v.Body, v.Snapshot, v.Kind, v.Note, store.NullInt(byID), v.ByName, v.At)
	if err != nil {
		return 0, err
	}
	// The condition on the old version refuses a concurrent save.
	res, err := tx.ExecContext(ctx, `UPDATE report_sections SET version = ? WHERE report_id = ? AND key = ? AND version = ?`,
		next, reportID, key, cur)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, conflict("本节刚被他人修改，请刷新后重试")
	}
	return next, nil
}

func versions(ctx context.Context, q store.Querier, reportID int64, key string) ([]Version, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, heading, body, snapshot, kind, note, created_by_name, created_at
		FROM report_versions WHERE report_id = ? AND section_key = ? ORDER BY version DESC`, reportID, key)
	if err != nil {
		return nil, fmt.Errorf("load versions: %w", err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.Version, &v.Heading, &v.Body, &v.Snapshot, &v.Kind, &v.Note, &v.ByName, &v.At); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func insertFigures(ctx context.Context, tx *store.Tx, reportID int64, snapshot int, figs Figures, order []string, now time.Time) error {
	for _, k := range order {
		f, ok := figs[k]
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO report_figures (report_id, snapshot, key, name, unit, grp, known, number,
			source, native, note, link, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			reportID, snapshot, k, f.Name, f.Unit, f.Group, f.Known, f.Number, f.Source, f.Native, f.Note, f.Link, now); err != nil {
			return fmt.Errorf("store figure %s: %w", k, err)
		}
	}
	return nil
}

// loadFigures reads snapshots of a report, by snapshot number.
func loadFigures(ctx context.Context, q store.Querier, reportID int64, snaps ...int) (map[int]Figures, error) {
	out := map[int]Figures{}
	for _, n := range snaps {
		if _, done := out[n]; done {
			continue
		}
		rows, err := q.QueryContext(ctx, `SELECT key, name, unit, grp, known, number, source, native, note, link
			FROM report_figures WHERE report_id = ? AND snapshot = ?`, reportID, n)
		if err != nil {
			return nil, fmt.Errorf("load figures: %w", err)
		}
		figs := Figures{}
		for rows.Next() {
			var f Figure
			if err := rows.Scan(&f.Key, &f.Name, &f.Unit, &f.Group, &f.Known, &f.Number, &f.Source, &f.Native, &f.Note, &f.Link); err != nil {
				rows.Close()
				return nil, err
			}
			figs[f.Key] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		out[n] = figs
	}
	return out, nil
}

const publicationSelect = `SELECT p.id, p.report_id, p.title, p.content, p.published_at, p.published_by_name, p.withdrawn_at,
	p.withdrawn_by_name, p.withdraw_reason, u.name, r.year
	FROM report_publications p JOIN reports r ON r.id = p.report_id JOIN units u ON u.id = r.unit_id `

func queryPublications(ctx context.Context, q store.Querier, where string, args ...any) ([]Publication, error) {
	rows, err := q.QueryContext(ctx, publicationSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("load publications: %w", err)
	}
	defer rows.Close()
	var out []Publication
	for rows.Next() {
		var p Publication
		var content string
		var withdrawn sql.NullTime
		if err := rows.Scan(&p.ID, &p.ReportID, &p.Title, &content, &p.PublishedAt, &p.PublishedByName, &withdrawn,
			&p.WithdrawnByName, &p.WithdrawReason, &p.UnitName, &p.Year); err != nil {
			return nil, err
		}
		p.WithdrawnAt = withdrawn.Time
		if err := json.Unmarshal([]byte(content), &p.Doc); err != nil {
			return nil, fmt.Errorf("publication %d: %w", p.ID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
