package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Submit records that the report was sent to the Party committee and the
// higher government (on, an ISO date; to, whom) and meets that deadline.
func (s *Service) Submit(ctx context.Context, id int64, on, to string) error {
	on, to = strings.TrimSpace(on), strings.TrimSpace(to)
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := getReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := Allowed(r.Status, ActSubmit); err != nil {
			return err
		}
		if err := CheckSubmit(r.Year, on, to, s.today()); err != nil {
			return err
		}
		_, byName := actor(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET status = ?, submitted_on = ?, submitted_to = ?, submitted_by_name = ?,
			updated_at = ? WHERE id = ?`, string(StatusSubmitted), on, to, byName, s.now(), id); err != nil {
			return err
		}
		if err := s.completeDeadline(ctx, tx, id, "submit"); err != nil {
			return err
		}
		late := ""
		if on > r.SubmitBy {
			late = fmt.Sprintf("（晚于期限 %s）", r.SubmitBy)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionSubmit, ObjectType: ObjectType, ObjectID: itoa(id),
			Summary: fmt.Sprintf("《%s》于 %s 报送%s%s", r.Title, on, to, late),
			Changes: []audit.Change{{Field: "status", Before: string(r.Status), After: string(StatusSubmitted)}}})
	})
}

// Publish freezes the report's current text on the public portal. A text
// with 【…】 placeholders or figures without data is refused.
func (s *Service) Publish(ctx context.Context, id int64) (int64, error) {
	var pubID int64
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := getReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := Allowed(r.Status, ActPublish); err != nil {
			return err
		}
		full, err := loadFull(ctx, tx, r)
		if err != nil {
			return err
		}
		if b := Blockers(full.Sections, full.Figures); len(b) > 0 {
			more := ""
			if len(b) > 3 {
				b, more = b[:3], fmt.Sprintf("等 %d 处", len(b))
			}
			return conflict("报告还有待补充的内容，不能公开：%s%s", strings.Join(b, "；"), more)
		}
		doc := full.Document(full.DocDate(s.today()))
		content, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		_, byName := actor(ctx, tx)
		now := s.now()
		if pubID, err = tx.InsertID(ctx, `INSERT INTO report_publications (report_id, title, content, published_at, published_by_name)
			VALUES (?, ?, ?, ?, ?)`, id, r.Title, string(content), now, byName); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET status = ?, updated_at = ? WHERE id = ?`,
			string(StatusPublished), now, id); err != nil {
			return err
		}
		if err := s.completeDeadline(ctx, tx, id, "publish"); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionPublish, ObjectType: ObjectType, ObjectID: itoa(id),
			Summary: fmt.Sprintf("公开《%s》（公开版本 %d）", r.Title, pubID),
			Changes: []audit.Change{{Field: "status", Before: string(r.Status), After: string(StatusPublished)}}})
	})
	return pubID, err
}

func loadFull(ctx context.Context, q store.Querier, r Report) (Full, error) {
	secs, err := sections(ctx, q, r.ID)
	if err != nil {
		return Full{}, err
	}
	snaps := []int{r.Snapshot}
	for _, sec := range secs {
		snaps = append(snaps, sec.Snapshot)
	}
	figs, err := loadFigures(ctx, q, r.ID, snaps...)
	return Full{Report: r, Sections: secs, Figures: figs}, err
}

// Withdraw takes the published text off the portal (the report is back to
// 已报送 and may be corrected and published again).
func (s *Service) Withdraw(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return invalid("请写明撤回公开的原因")
	case utf8.RuneCountInString(reason) > maxNote:
		return invalid("撤回原因不能超过 %d 个字", maxNote)
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := getReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := Allowed(r.Status, ActWithdraw); err != nil {
			return err
		}
		_, byName := actor(ctx, tx)
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE report_publications SET withdrawn_at = ?, withdrawn_by_name = ?, withdraw_reason = ?
			WHERE report_id = ? AND withdrawn_at IS NULL`, now, byName, reason, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET status = ?, updated_at = ? WHERE id = ?`,
			string(StatusSubmitted), now, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionWithdraw, ObjectType: ObjectType, ObjectID: itoa(id),
			Summary: fmt.Sprintf("撤回《%s》的公开：%s", r.Title, reason),
			Changes: []audit.Change{{Field: "status", Before: string(r.Status), After: string(StatusSubmitted)}}})
	})
}

// Publications lists a report's publications, newest first.
func (s *Service) Publications(ctx context.Context, id int64) ([]Publication, error) {
	return queryPublications(ctx, s.DB.Read(), "WHERE p.report_id = ? ORDER BY p.id DESC", id)
}

// PublicFilter selects published reports for the portal.
type PublicFilter struct {
	Year int    // 0 for any
	Unit string // part of the unit's name; "" for any
}

// PublicList lists the reports on the portal (never drafts, never withdrawn
// texts), newest year first.
func (s *Service) PublicList(ctx context.Context, f PublicFilter) ([]Publication, error) {
	where, args := "WHERE p.withdrawn_at IS NULL", []any{}
	if f.Year != 0 {
		where, args = where+" AND r.year = ?", append(args, f.Year)
	}
	if u := strings.TrimSpace(f.Unit); u != "" {
		where, args = where+" AND u.name LIKE ?", append(args, "%"+escapeLike(u)+"%")
	}
	return queryPublications(ctx, s.DB.Read(), where+" ORDER BY r.year DESC, u.path, p.id DESC", args...)
}

// PublicYears lists the years that have published reports.
func (s *Service) PublicYears(ctx context.Context) ([]int, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT DISTINCT r.year FROM report_publications p JOIN reports r ON r.id = p.report_id
		WHERE p.withdrawn_at IS NULL ORDER BY r.year DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// Published returns the text of a report on the portal: its publication
// not withdrawn. A report never published (or withdrawn) is not found.
func (s *Service) Published(ctx context.Context, reportID int64) (Publication, error) {
	ps, err := queryPublications(ctx, s.DB.Read(), "WHERE p.report_id = ? AND p.withdrawn_at IS NULL ORDER BY p.id DESC", reportID)
	if err != nil {
		return Publication{}, err
	}
	if len(ps) == 0 {
		return Publication{}, notFound("该年度报告未公开或已撤回")
	}
	return ps[0], nil
}

// escapeLike drops the LIKE wildcards from a search text.
func escapeLike(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s)
}
