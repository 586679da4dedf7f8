package supervise

import (
	"context"
	"sort"
	"strconv"
)

// Rate is the completion and timeliness of a group of lead assignments.
type Rate struct {
	Key     string // unit id or chapter heading, for drill-down
	Name    string
	Total   int
	Done    int
	OnTime  int // done by the due date
	Due     int // done, or open past the due date: the base of the on-time rate
	Overdue int // open with a milestone past due
}

// CompletionPct is done ÷ total, in percent (nil with no tasks).
func (r Rate) CompletionPct() *float64 { return pct(r.Done, r.Total) }

// OnTimePct is done on time ÷ (done + open past the due date), in percent
// (nil while nothing is done or due).
func (r Rate) OnTimePct() *float64 { return pct(r.OnTime, r.Due) }

func pct(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	v := float64(int(float64(n)*1000/float64(d)+0.5)) / 10
	return &v
}

// Dashboard is what the supervision dashboard draws.
type Dashboard struct {
	Total     Rate
	ByUnit    []Rate
	ByChapter []Rate
	Months    []ReportMonth
}

// Stats computes the dashboard over the lead assignments of the scope
// (co-operating units support; the lead answers for the task).
func (s *Service) Stats(ctx context.Context, scope string, planID int64) (Dashboard, error) {
	as, err := s.List(ctx, Filter{Scope: scope, PlanID: planID, LeadOnly: true})
	if err != nil {
		return Dashboard{}, err
	}
	today := s.today()
	g := newGrouping()
	for _, a := range as {
		for _, r := range g.rates(a.UnitID, a.UnitName, a.Chapter) {
			r.count(a, today)
		}
	}
	d := g.dashboard()
	d.Months, err = s.ReportsByMonth(ctx, scope)
	return d, err
}

// grouping gathers the rates of the whole, each unit and each chapter, in
// the order they first come.
type grouping struct {
	total        Rate
	units        map[int64]*Rate
	chapters     map[string]*Rate
	unitOrder    []int64
	chapterOrder []string
}

func newGrouping() *grouping {
	return &grouping{total: Rate{Name: "合计"}, units: map[int64]*Rate{}, chapters: map[string]*Rate{}}
}

// rates are the three rates a task of the unit and chapter counts in.
func (g *grouping) rates(unitID int64, unitName, chapter string) []*Rate {
	u, ok := g.units[unitID]
	if !ok {
		u = &Rate{Key: itoa(unitID), Name: unitName}
		g.units[unitID], g.unitOrder = u, append(g.unitOrder, unitID)
	}
	if chapter == "" {
		chapter = "未分章节"
	}
	c, ok := g.chapters[chapter]
	if !ok {
		c = &Rate{Key: chapter, Name: chapter}
		g.chapters[chapter], g.chapterOrder = c, append(g.chapterOrder, chapter)
	}
	return []*Rate{&g.total, u, c}
}

// dashboard lays the rates out: units with the most tasks first, chapters
// in document order.
func (g *grouping) dashboard() Dashboard {
	d := Dashboard{Total: g.total}
	for _, id := range g.unitOrder {
		d.ByUnit = append(d.ByUnit, *g.units[id])
	}
	sort.SliceStable(d.ByUnit, func(i, j int) bool { return d.ByUnit[i].Total > d.ByUnit[j].Total })
	for _, h := range g.chapterOrder {
		d.ByChapter = append(d.ByChapter, *g.chapters[h])
	}
	return d
}

func (r *Rate) count(a Assignment, today string) {
	r.Total++
	switch {
	case a.Stored == StatusDone:
		r.Done++
		r.Due++
		if a.OnTime() {
			r.OnTime++
		}
	case a.DueDate != "" && a.DueDate < today:
		r.Due++
	}
	if a.Status() == StatusOverdue {
		r.Overdue++
	}
}

// CompletionText and OnTimeText are the rates for display ("87.5%", "—").
func (r Rate) CompletionText() string { return pctText(r.CompletionPct()) }

// OnTimeText is OnTimePct for display.
func (r Rate) OnTimeText() string { return pctText(r.OnTimePct()) }

func pctText(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(*p, 'f', 1, 64) + "%"
}
