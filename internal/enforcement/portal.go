package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Publication is one 事后公示 record: the masked decision as published, its
// due date under the local rule, lateness and withdrawal.
type Publication struct {
	ID             int64
	CaseID         int64
	UnitID         int64
	UnitName       string
	ItemID         int64
	ItemName       string
	Category       Category
	Title          string
	Body           string
	DecisionNo     string
	DecidedOn      string
	DueOn          string
	PublishedOn    string
	Late           bool
	WithdrawnOn    string
	WithdrawReason string
}

// Withdrawn reports whether the publication was withdrawn (decision revoked).
func (p Publication) Withdrawn() bool { return p.WithdrawnOn != "" }

// PublicationFilter selects publications. The public search never sees
// withdrawn ones (Withdrawn false and Public true).
type PublicationFilter struct {
	Scope    string // unit path prefix ("" all)
	UnitID   int64
	ItemID   int64
	From, To string // decided between, ISO, inclusive
	Query    string // part of the title, body or 决定书文号
	Public   bool   // only what the portal shows: not withdrawn
	LateOnly bool
	Page     int // 1-based
	PerPage  int // default 20, at most 100
}

const pubSelect = `SELECT p.id, p.case_id, p.unit_id, u.name, COALESCE(p.item_id, 0), COALESCE(i.name, ''), p.category,
	p.title, p.body, p.decision_no, p.decided_on, p.due_on, p.published_on, p.late, p.withdrawn_on, p.withdraw_reason
	FROM enf_publications p JOIN units u ON u.id = p.unit_id LEFT JOIN enf_items i ON i.id = p.item_id`

func scanPublication(sc interface{ Scan(...any) error }) (Publication, error) {
	var p Publication
	var cat string
	err := sc.Scan(&p.ID, &p.CaseID, &p.UnitID, &p.UnitName, &p.ItemID, &p.ItemName, &cat, &p.Title, &p.Body,
		&p.DecisionNo, &p.DecidedOn, &p.DueOn, &p.PublishedOn, &p.Late, &p.WithdrawnOn, &p.WithdrawReason)
	p.Category = Category(cat)
	return p, err
}

func (f PublicationFilter) where() (string, []any) {
	w, args := []string{"u.path LIKE ?"}, []any{f.Scope + "%"}
	add := func(cond string, v any) { w, args = append(w, cond), append(args, v) }
	if f.UnitID != 0 {
		add("p.unit_id = ?", f.UnitID)
	}
	if f.ItemID != 0 {
		add("p.item_id = ?", f.ItemID)
	}
	if f.From != "" {
		add("p.decided_on >= ?", f.From)
	}
	if f.To != "" {
		add("p.decided_on <= ?", f.To)
	}
	if f.Public {
		add("p.withdrawn_on = ?", "")
	}
	if f.LateOnly {
		add("p.late = ?", true)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + escapeLike(q) + "%"
		w = append(w, `(p.title LIKE ? ESCAPE '\' OR p.body LIKE ? ESCAPE '\' OR p.decision_no LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	return " WHERE " + strings.Join(w, " AND "), args
}

// escapeLike makes a user's text literal inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Publications lists a page of publications, newest decision first, with
// the total count of the selection.
func (s *Service) Publications(ctx context.Context, f PublicationFilter) ([]Publication, int, error) {
	if f.PerPage <= 0 || f.PerPage > 100 {
		f.PerPage = 20
	}
	f.Page = max(f.Page, 1)
	where, args := f.where()
	var total int
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_publications p JOIN units u ON u.id = p.unit_id`+where,
		args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count publications: %w", err)
	}
	rows, err := s.DB.Read().QueryContext(ctx, pubSelect+where+fmt.Sprintf(` ORDER BY p.decided_on DESC, p.id DESC LIMIT %d OFFSET %d`,
		f.PerPage, (f.Page-1)*f.PerPage), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("publications: %w", err)
	}
	defer rows.Close()
	var out []Publication
	for rows.Next() {
		p, err := scanPublication(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// PublicationByID returns one publication (withdrawn ones too: the portal
// says it was withdrawn instead of answering 404).
func (s *Service) PublicationByID(ctx context.Context, id int64) (Publication, error) {
	p, err := scanPublication(s.DB.Read().QueryRowContext(ctx, pubSelect+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("公示信息不存在")
	}
	return p, err
}

// PublicUnit is a unit with something on the portal.
type PublicUnit struct {
	ID   int64
	Name string
}

// PublicUnits lists the units with an active 执法主体, a published 权责清单
// or a published decision, by their place in the tree.
func (s *Service) PublicUnits(ctx context.Context) ([]PublicUnit, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT u.id, u.name FROM units u WHERE u.active = ? AND (
		EXISTS (SELECT 1 FROM enf_subjects x WHERE x.unit_id = u.id AND x.active = ?)
		OR EXISTS (SELECT 1 FROM enf_lists l WHERE l.unit_id = u.id AND l.status = 'published')
		OR EXISTS (SELECT 1 FROM enf_publications p WHERE p.unit_id = u.id AND p.withdrawn_on = ''))
		ORDER BY u.path`, true, true)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PublicUnit
	for rows.Next() {
		var u PublicUnit
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// PublicationStats sums a selection for the supervisors' page: how many,
// how many late, and the 公示及时率.
type PublicationStats struct {
	Total, Late, Withdrawn int
}

// TimelyRate is the share published within the limit, in percent.
func (p PublicationStats) TimelyRate() float64 {
	if p.Total == 0 {
		return 0
	}
	return float64(p.Total-p.Late) * 100 / float64(p.Total)
}

// PublicationTotals counts the selection (paging ignored).
func (s *Service) PublicationTotals(ctx context.Context, f PublicationFilter) (PublicationStats, error) {
	f.LateOnly = false
	where, args := f.where()
	var st PublicationStats
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.late THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN p.withdrawn_on <> '' THEN 1 ELSE 0 END), 0)
		FROM enf_publications p JOIN units u ON u.id = p.unit_id`+where, args...).Scan(&st.Total, &st.Late, &st.Withdrawn)
	return st, err
}

// isoDay reads a date field of a search form: "" stays "", anything else
// must be an ISO date.
func isoDay(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", false
	}
	return s, true
}

// ParseSearchDates checks a search's from/to dates and orders them.
func ParseSearchDates(from, to string) (string, string, error) {
	f, ok1 := isoDay(from)
	t, ok2 := isoDay(to)
	if !ok1 || !ok2 {
		return "", "", invalid("日期应为 2026-03-02 的格式")
	}
	if f != "" && t != "" && f > t {
		return "", "", invalid("起始日期晚于截止日期")
	}
	return f, t, nil
}
