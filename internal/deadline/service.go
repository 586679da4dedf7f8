package deadline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

// cacheTTL bounds how long a change made by another process (the CLI's
// import-notice --apply) stays unseen by a running server.
const cacheTTL = time.Minute

var cst = time.FixedZone("CST", 8*3600)

// Service is the calendar store, the rule catalogue's local changes and the
// deadline monitor.
type Service struct {
	DB    *store.DB
	Audit *audit.Logger
	Now   func() time.Time

	mu   sync.Mutex
	snap *snapshot
}

// NewService returns a Service with the real clock.
func NewService(db *store.DB, logger *audit.Logger) *Service {
	return &Service{DB: db, Audit: logger, Now: time.Now}
}

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// Today is the current civil date in China, the date deadlines are judged by.
func (s *Service) Today() calendar.Date { return calendar.DateOf(s.Now().In(cst)) }

// snapshot is everything stored that changes the calendar or the catalogue,
// with the calendars built from it.
type snapshot struct {
	loadedAt  time.Time
	years     []ImportedYear                 // ascending by year
	regions   map[string]calendar.Region     // by code
	confirmed map[string]Confirmation        // by rule id
	overrides map[string]map[string]Override // rule id → region code → override
	base      *calendar.Calendar

	mu       sync.Mutex
	byRegion map[string]*calendar.Calendar
}

// current returns the cached snapshot, loading it when absent or stale.
func (s *Service) current(ctx context.Context) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.snap != nil && time.Since(s.snap.loadedAt) < cacheTTL {
		return s.snap, nil
	}
	sn, err := loadSnapshot(ctx, s.DB.Read())
	if err != nil {
		return nil, err
	}
	s.snap = sn
	return sn, nil
}

// invalidate drops the cache after a committed change.
func (s *Service) invalidate() {
	s.mu.Lock()
	s.snap = nil
	s.mu.Unlock()
}

func loadSnapshot(ctx context.Context, q store.Querier) (*snapshot, error) {
	sn := &snapshot{loadedAt: time.Now(), byRegion: map[string]*calendar.Calendar{}}
	var err error
	if sn.years, err = loadYears(ctx, q); err != nil {
		return nil, fmt.Errorf("load imported notices: %w", err)
	}
	if sn.regions, err = loadRegions(ctx, q); err != nil {
		return nil, fmt.Errorf("load regional holidays: %w", err)
	}
	if sn.confirmed, err = loadConfirmations(ctx, q); err != nil {
		return nil, fmt.Errorf("load rule confirmations: %w", err)
	}
	if sn.overrides, err = loadOverrides(ctx, q); err != nil {
		return nil, fmt.Errorf("load rule overrides: %w", err)
	}
	plans := make([]calendar.YearPlan, len(sn.years))
	for i, y := range sn.years {
		plans[i] = y.Plan
	}
	if sn.base, err = withPlans(calendar.Default(), plans); err != nil {
		return nil, err
	}
	return sn, nil
}

// withPlans applies imported year plans on top of a calendar, in order.
func withPlans(c *calendar.Calendar, plans []calendar.YearPlan) (*calendar.Calendar, error) {
	for _, p := range plans {
		next, err := c.WithPlan(p)
		if err != nil {
			return nil, fmt.Errorf("%d年节假日安排：%w", p.Year, err)
		}
		c = next
	}
	return c, nil
}

// calendarFor is the base calendar with the holidays of every region in
// code's chain applied, the wider regions first.
func (sn *snapshot) calendarFor(code string) (*calendar.Calendar, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if c, ok := sn.byRegion[code]; ok {
		return c, nil
	}
	c := sn.base
	for _, rc := range regionChain(code) {
		r, ok := sn.regions[rc]
		if !ok {
			continue
		}
		next, err := c.WithRegion(r)
		if err != nil {
			return nil, err
		}
		c = next
	}
	sn.byRegion[code] = c
	return c, nil
}

// Calendar is the national calendar: the embedded notices plus every notice
// imported since.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	sn, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sn.base, nil
}

// CalendarFor is the calendar of a region: the national one plus the
// holidays of that region and of the regions containing it.
func (s *Service) CalendarFor(ctx context.Context, regionCode string) (*calendar.Calendar, error) {
	sn, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return sn.calendarFor(regionCode)
}

// regionChain lists a division code and the codes containing it, widest
// first: 513401 → 510000, 513400, 513401. Codes of another form stand alone.
func regionChain(code string) []string {
	if code == "" {
		return nil
	}
	if !validRegionCode(code) {
		return []string{code}
	}
	var out []string
	for _, c := range []string{code[:2] + "0000", code[:4] + "00", code[:6]} {
		if len(out) == 0 || out[len(out)-1] != c {
			out = append(out, c)
		}
	}
	if len(code) >= 9 {
		out = append(out, code[:9])
	}
	if len(code) == 12 {
		out = append(out, code)
	}
	return out
}

func validRegionCode(code string) bool {
	if len(code) != 6 && len(code) != 9 && len(code) != 12 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// RegionOfUnit is the division code of a unit, or of its nearest ancestor
// that has one (科室 carry none); "" when no unit up the tree has one.
func (s *Service) RegionOfUnit(ctx context.Context, unitID int64) (string, error) {
	return regionOfUnit(ctx, s.DB.Read(), unitID)
}

func regionOfUnit(ctx context.Context, q store.Querier, unitID int64) (string, error) {
	var path string
	err := q.QueryRowContext(ctx, `SELECT path FROM units WHERE id = ?`, unitID).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("单位（编号 %d）不存在", unitID)
	}
	if err != nil {
		return "", err
	}
	var ids []any
	for _, p := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return "", nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, region_code FROM units WHERE id IN (`+store.Placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	codes := map[int64]string{}
	for rows.Next() {
		var id int64
		var code sql.NullString
		if err := rows.Scan(&id, &code); err != nil {
			return "", err
		}
		codes[id] = code.String
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	for i := len(ids) - 1; i >= 0; i-- {
		if c := codes[ids[i].(int64)]; c != "" {
			return c, nil
		}
	}
	return "", nil
}

// actorName is who made a change, for the *_by_name columns.
func actorName(ctx context.Context) (int64, string) {
	a := audit.ActorFrom(ctx)
	name := a.Username
	if name == "" {
		name = "system"
	}
	return a.UserID, name
}
