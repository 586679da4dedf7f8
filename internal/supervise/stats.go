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
	d := Dashboard{Total: Rate{Name: "合计"}}
	units, chapters := map[int64]*Rate{}, map[string]*Rate{}
	var unitOrder []int64
	var chapterOrder []string
	for _, a := range as {
		u, ok := units[a.UnitID]
		if !ok {
			u = &Rate{Key: itoa(a.UnitID), Name: a.UnitName}
			units[a.UnitID], unitOrder = u, append(unitOrder, a.UnitID)
		}
		heading := a.Chapter
		if heading == "" {
			heading = "未分章节"
		}
		c, ok := chapters[heading]
		if !ok {
			c = &Rate{Key: heading, Name: heading}
			chapters[heading], chapterOrder = c, append(chapterOrder, heading)
		}
		for _, r := range []*Rate{&d.Total, u, c} {
			r.count(a, today)
		}
	}
	for _, id := range unitOrder {
		d.ByUnit = append(d.ByUnit, *units[id])
	}
	sort.SliceStable(d.ByUnit, func(i, j int) bool { return d.ByUnit[i].Total > d.ByUnit[j].Total })
	for _, h := range chapterOrder {
		d.ByChapter = append(d.ByChapter, *chapters[h])
	}
	d.Months, err = s.ReportsByMonth(ctx, scope)
	return d, err
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
