package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
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
	Query    string // part of the title (案由, masked party) or the 决定书文号
	Public   bool   // only what the portal shows: not withdrawn
	LateOnly bool
	Page     int // 1-based
	PerPage  int // default 20, at most 100

	driver string // the keyword's rarest term, when rare enough to drive the search
}

// Keyword searches: a term with more postings than rareTerm is "broad": the
// search then walks the decisions newest first and stops at a page, and its
// count stops at CountCap (the page says "500 条以上").
const (
	rareTerm = 2000
	CountCap = 500
)

const pubColumns = `SELECT p.id, p.case_id, p.unit_id, u.name, COALESCE(p.item_id, 0), COALESCE(i.name, ''), p.category,
	p.title, p.body, p.decision_no, p.decided_on, p.due_on, p.published_on, p.late, p.withdrawn_on, p.withdraw_reason`

const pubSelect = pubColumns + ` FROM enf_publications p JOIN units u ON u.id = p.unit_id LEFT JOIN enf_items i ON i.id = p.item_id`

func scanPublication(sc interface{ Scan(...any) error }) (Publication, error) {
	var p Publication
	var cat string
	err := sc.Scan(&p.ID, &p.CaseID, &p.UnitID, &p.UnitName, &p.ItemID, &p.ItemName, &cat, &p.Title, &p.Body,
		&p.DecisionNo, &p.DecidedOn, &p.DueOn, &p.PublishedOn, &p.Late, &p.WithdrawnOn, &p.WithdrawReason)
	p.Category = Category(cat)
	return p, err
}

// where builds the filter; the units join (for the scope) is only needed
// when a scope is set, and the public search has none, so it stays off the
// hot path of the portal.
func (f PublicationFilter) where() (string, []any) {
	from, w, args := f.clauses()
	return from + " WHERE " + strings.Join(w, " AND "), args
}

// clauses are the FROM and the conditions. A keyword search starts from its
// first term's postings (CROSS JOIN fixes that order in SQLite; PostgreSQL
// plans it alike), so it reads a few thousand index entries, not every row.
func (f PublicationFilter) clauses() (string, []string, []any) {
	from := " FROM enf_publications p"
	w, args := []string{"1 = 1"}, []any{}
	if f.driver != "" {
		from = " FROM enf_publication_terms t0 CROSS JOIN enf_publications p"
		w, args = []string{"t0.term = CAST(? AS TEXT)", "p.id = t0.publication_id"}, []any{f.driver}
	}
	if f.Scope != "" {
		w = append(w, "p.unit_id IN (SELECT id FROM units WHERE path LIKE ?)")
		args = append(args, f.Scope+"%")
	}
	// Values compared with indexed columns are wrapped in CAST: SQLite is
	// built with STAT4 here, and a bare parameter the planner estimates from
	// the histograms makes the prepared statement re-parse on every run
	// (sqlite3VdbeSetVarmask), a tenth of the search's CPU. The plans are
	// the same (the unit's or the date index, walked newest first).
	add := func(cond string, v any) { w, args = append(w, cond), append(args, v) }
	if f.UnitID != 0 {
		add("p.unit_id = CAST(? AS BIGINT)", f.UnitID)
	}
	if f.ItemID != 0 {
		add("p.item_id = CAST(? AS BIGINT)", f.ItemID)
	}
	if f.From != "" {
		add("p.decided_on >= CAST(? AS TEXT)", f.From)
	}
	if f.To != "" {
		add("p.decided_on <= CAST(? AS TEXT)", f.To)
	}
	if f.Public {
		w = append(w, "p.withdrawn_on = ''")
	}
	if f.LateOnly {
		add("p.late = ?", true)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		cond, more := keywordCondition(q, f.driver)
		w, args = append(w, cond), append(args, more...)
	}
	return from, w, args
}

// escapeLike makes a user's text literal inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Publications lists a page of publications, newest decision first, with
// the total count of the selection.
func (s *Service) Publications(ctx context.Context, f PublicationFilter) ([]Publication, int, error) {
	f, broad, err := s.prepareSearch(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	where, args := f.where()
	total, err := s.publicationCount(ctx, f, where, args, broad)
	if err != nil {
		return nil, 0, err
	}
	list, err := s.publicationPage(ctx, f, where, args, f.PerPage)
	return list, total, err
}

// SearchPublic is the portal's search: a page of the decisions that are not
// withdrawn and whether another page follows. It counts nothing, so every
// page costs the same however many decisions match.
func (s *Service) SearchPublic(ctx context.Context, f PublicationFilter) ([]Publication, bool, error) {
	f.Public, f.Scope, f.LateOnly = true, "", false
	f, _, err := s.prepareSearch(ctx, f)
	if err != nil {
		return nil, false, err
	}
	where, args := f.where()
	list, err := s.publicationPage(ctx, f, where, args, f.PerPage+1)
	if err != nil || len(list) <= f.PerPage {
		return list, false, err
	}
	return list[:f.PerPage], true, nil
}

// prepareSearch bounds the paging and picks the keyword's driving term.
func (s *Service) prepareSearch(ctx context.Context, f PublicationFilter) (PublicationFilter, bool, error) {
	if f.PerPage <= 0 || f.PerPage > 100 {
		f.PerPage = 20
	}
	f.Page = max(f.Page, 1)
	broad := false
	if q := strings.TrimSpace(f.Query); q != "" {
		var err error
		if f.driver, broad, err = s.rarestTerm(ctx, PublicationTerms(q)); err != nil {
			return f, false, err
		}
	}
	return f, broad, nil
}

// publicationPage loads up to limit publications of the page in one
// statement: the page's ids first (a subquery that walks the indexes only),
// then those rows with their unit and item names. The CROSS JOIN keeps that
// order in SQLite (PostgreSQL plans it alike). LIMIT and OFFSET are
// parameters, so one prepared statement serves every page of a kind of
// search.
func (s *Service) publicationPage(ctx context.Context, f PublicationFilter, where string, args []any, limit int) ([]Publication, error) {
	rows, err := s.DB.Read().QueryContext(ctx, pubColumns+` FROM (SELECT p.id AS id`+where+
		` ORDER BY p.decided_on DESC, p.id DESC LIMIT ? OFFSET ?) k CROSS JOIN enf_publications p
		JOIN units u ON u.id = p.unit_id LEFT JOIN enf_items i ON i.id = p.item_id
		WHERE p.id = k.id ORDER BY p.decided_on DESC, p.id DESC`,
		append(args[:len(args):len(args)], limit, (f.Page-1)*f.PerPage)...)
	if err != nil {
		return nil, fmt.Errorf("publications: %w", err)
	}
	defer rows.Close()
	out := make([]Publication, 0, limit)
	for rows.Next() {
		p, err := scanPublication(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// publicationCount counts a selection; public ones through the cache.
func (s *Service) publicationCount(ctx context.Context, f PublicationFilter, where string, args []any, capped bool) (int, error) {
	key := ""
	if f.Public && f.Scope == "" && s.pubCounts != nil {
		key = fmt.Sprint(f.UnitID, "|", f.ItemID, "|", f.From, "|", f.To, "|", strings.TrimSpace(f.Query))
		if n, ok := s.pubCounts.get(key, s.Now()); ok {
			return n, nil
		}
	}
	var total int
	q := `SELECT COUNT(*)` + where
	if capped {
		q = fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1%s LIMIT %d) c`, where, CountCap+1)
	}
	if err := s.DB.Read().QueryRowContext(ctx, q, args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("count publications: %w", err)
	}
	if key != "" {
		s.pubCounts.put(key, total, s.Now())
	}
	return total, nil
}

// countCache keeps the public search's counts for a short while: a count
// over a whole year of decisions is the costly part of a page, and a total
// half a minute old is fine on a public list.
type countCache struct {
	mu sync.Mutex
	m  map[string]countEntry
}

type countEntry struct {
	n  int
	at time.Time
}

const (
	countTTL     = 30 * time.Second
	countEntries = 10000
)

func (c *countCache) get(key string, now time.Time) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || now.Sub(e.at) > countTTL || now.Before(e.at) {
		return 0, false
	}
	return e.n, true
}

func (c *countCache) put(key string, n int, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= countEntries {
		clear(c.m)
	}
	c.m[key] = countEntry{n, now}
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
// or a published decision, by their place in the tree (kept for half a
// minute: every public page shows the list).
func (s *Service) PublicUnits(ctx context.Context) ([]PublicUnit, error) {
	if s.portalCache == nil {
		return s.publicUnits(ctx)
	}
	s.portalCache.mu.Lock()
	units, at := s.portalCache.units, s.portalCache.unitsAt
	s.portalCache.mu.Unlock()
	now := s.Now()
	if units != nil && now.Sub(at) < countTTL && !now.Before(at) {
		return units, nil
	}
	units, err := s.publicUnits(ctx)
	if err != nil {
		return nil, err
	}
	s.portalCache.mu.Lock()
	s.portalCache.units, s.portalCache.unitsAt = units, now
	s.portalCache.mu.Unlock()
	return units, nil
}

// portalCache holds what every public page needs for a short while: the
// unit list, and the postings count of each keyword term searched for.
type portalCache struct {
	mu      sync.Mutex
	units   []PublicUnit
	unitsAt time.Time
	terms   map[string]countEntry
}

func (s *Service) publicUnits(ctx context.Context) ([]PublicUnit, error) {
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
		COALESCE(SUM(CASE WHEN p.withdrawn_on <> '' THEN 1 ELSE 0 END), 0)`+where, args...).Scan(&st.Total, &st.Late, &st.Withdrawn)
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

// rarestTerm picks the keyword term with the fewest postings (counting up to
// rareTerm+1 each, from the index alone); broad says even that one is
// common, so the date order should drive the search instead. The counts
// are kept for half a minute (portalCache): they only choose the plan — a
// stale count makes a search slower, never different — and counting a
// common term's 2 001 postings on every search cost more than the search.
func (s *Service) rarestTerm(ctx context.Context, terms []string) (driver string, broad bool, err error) {
	best := -1
	for _, t := range terms {
		n, err := s.termPostings(ctx, t)
		if err != nil {
			return "", false, err
		}
		if best < 0 || n < best {
			driver, best = t, n
		}
	}
	if best > rareTerm {
		return "", true, nil
	}
	return driver, false, nil
}

// termPostings counts a term's postings up to rareTerm+1.
func (s *Service) termPostings(ctx context.Context, term string) (int, error) {
	c, now := s.portalCache, s.Now()
	if c != nil {
		c.mu.Lock()
		e, ok := c.terms[term]
		c.mu.Unlock()
		if ok && now.Sub(e.at) < countTTL && !now.Before(e.at) {
			return e.n, nil
		}
	}
	var n int
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM enf_publication_terms
			WHERE term = CAST(? AS TEXT) LIMIT ?) c`, term, rareTerm+1).Scan(&n); err != nil {
		return 0, err
	}
	if c != nil {
		c.mu.Lock()
		if c.terms == nil || len(c.terms) >= countEntries {
			c.terms = map[string]countEntry{}
		}
		c.terms[term] = countEntry{n, now}
		c.mu.Unlock()
	}
	return n, nil
}
