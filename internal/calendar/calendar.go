package calendar

import (
	"fmt"
	"maps"
	"slices"
	"sort"
)

// Supported range. Before 2004 the notices are not kept; after 2100 nothing
// sensible can be said about weekends-only estimates for legal deadlines.
const (
	MinYear = 2004
	MaxYear = 2100
)

// RangeError reports a date outside MinYear–MaxYear.
type RangeError struct{ Date Date }

func (e *RangeError) Error() string {
	return fmt.Sprintf("日期 %s 超出支持范围（%d年至%d年）", e.Date.Chinese(), MinYear, MaxYear)
}

// NoticeRef identifies a document that set days of the calendar.
type NoticeRef struct {
	Title  string `json:"title"`
	DocNo  string `json:"doc_no,omitempty"`
	Issued Date   `json:"issued"`
}

// Amendment is a later document that changes a published year, e.g. the
// 2020 Spring Festival extension. Its days override the year plan's.
type Amendment struct {
	NoticeRef
	Year int       `json:"year"`
	Days []PlanDay `json:"days"`
}

// YearInfo tells where a year's calendar comes from.
type YearInfo struct {
	Year       int         `json:"year"`
	Published  bool        `json:"published"`
	Notice     *NoticeRef  `json:"notice,omitempty"`
	Amendments []NoticeRef `json:"amendments,omitempty"`
	Note       string      `json:"note,omitempty"` // EstimatedNote when not published
}

// Calendar answers which days are working days. It is immutable; the With…
// methods return modified copies.
type Calendar struct {
	days    map[Date]Day
	years   map[int]YearInfo
	regions []string
}

// New builds a calendar from year plans (e.g. parsed notices) and amendments.
func New(plans []YearPlan, amendments []Amendment) (*Calendar, error) {
	c := &Calendar{days: map[Date]Day{}, years: map[int]YearInfo{}}
	sorted := slices.Clone(plans)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Year < sorted[j].Year })
	for _, p := range sorted {
		if err := c.addPlan(p); err != nil {
			return nil, err
		}
	}
	for _, a := range amendments {
		if err := c.addAmendment(a); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Calendar) addPlan(p YearPlan) error {
	if _, dup := c.years[p.Year]; dup {
		return fmt.Errorf("%d年的节假日安排重复", p.Year)
	}
	for _, pd := range p.Days {
		if prev, ok := c.days[pd.Date]; ok && (prev.Kind != pd.Kind || prev.Name != pd.Name) {
			return fmt.Errorf("%s 在“%s”与“%s”中的安排不一致", pd.Date.Chinese(), prev.Source, p.Title)
		}
		c.days[pd.Date] = Day{Date: pd.Date, Workday: pd.Kind.IsWorkday(), Kind: pd.Kind, Name: pd.Name, Source: p.Title}
	}
	c.years[p.Year] = YearInfo{Year: p.Year, Published: true,
		Notice: &NoticeRef{Title: p.Title, DocNo: p.DocNo, Issued: p.Issued}}
	return nil
}

func (c *Calendar) addAmendment(a Amendment) error {
	info, ok := c.years[a.Year]
	if !ok {
		return fmt.Errorf("“%s”修改的%d年节假日安排尚未载入", a.Title, a.Year)
	}
	for _, pd := range a.Days {
		if err := checkDayKind(pd); err != nil {
			return fmt.Errorf("“%s”：%w", a.Title, err)
		}
		c.days[pd.Date] = Day{Date: pd.Date, Workday: pd.Kind.IsWorkday(), Kind: pd.Kind, Name: pd.Name, Source: a.Title}
	}
	info.Amendments = append(info.Amendments, a.NoticeRef)
	c.years[a.Year] = info
	return nil
}

func checkDayKind(pd PlanDay) error {
	switch {
	case pd.Kind != KindHoliday && pd.Kind != KindAdjustedWorkday:
		return fmt.Errorf("%s 的类型只能是放假或调休上班：%q", pd.Date.Chinese(), pd.Kind)
	case pd.Kind == KindAdjustedWorkday && !pd.Date.IsWeekend():
		return fmt.Errorf("调休上班日 %s 不是周末", pd.Date.Chinese())
	case pd.Name == "":
		return fmt.Errorf("%s 缺少节日名称", pd.Date.Chinese())
	}
	return inRange(pd.Date)
}

func (c *Calendar) clone() *Calendar {
	return &Calendar{days: maps.Clone(c.days), years: maps.Clone(c.years), regions: slices.Clone(c.regions)}
}

// WithPlan returns a copy in which p replaces the plan for p.Year (used after
// an administrator imports a newly published notice). Amendments of that year
// are dropped with the old plan.
func (c *Calendar) WithPlan(p YearPlan) (*Calendar, error) {
	n := c.clone()
	if old, ok := n.years[p.Year]; ok {
		for d, day := range n.days {
			if day.Source == old.Notice.Title || isAmendmentOf(day.Source, old) {
				delete(n.days, d)
			}
		}
		delete(n.years, p.Year)
	}
	if err := n.addPlan(p); err != nil {
		return nil, err
	}
	return n, nil
}

func isAmendmentOf(source string, info YearInfo) bool {
	return slices.ContainsFunc(info.Amendments, func(a NoticeRef) bool { return a.Title == source })
}

func inRange(d Date) error {
	if d.Year < MinYear || d.Year > MaxYear {
		return &RangeError{d}
	}
	return nil
}

// Published reports whether the year's 部分节假日安排 is known.
func (c *Calendar) Published(year int) bool {
	_, ok := c.years[year]
	return ok
}

// Year tells where the year's days come from.
func (c *Calendar) Year(year int) (YearInfo, error) {
	if err := inRange(Date{year, 1, 1}); err != nil {
		return YearInfo{}, err
	}
	if info, ok := c.years[year]; ok {
		return info, nil
	}
	return YearInfo{Year: year, Note: EstimatedNote}, nil
}

// PublishedYears lists the years with a notice, ascending.
func (c *Calendar) PublishedYears() []int {
	return slices.Sorted(maps.Keys(c.years))
}

// Day classifies one date.
func (c *Calendar) Day(d Date) (Day, error) {
	if err := inRange(d); err != nil {
		return Day{}, err
	}
	day, ok := c.days[d]
	if !ok {
		day = Day{Date: d, Kind: KindWorkday, Workday: true}
		if d.IsWeekend() {
			day.Kind, day.Workday = KindWeekend, false
		}
	}
	day.Estimated = !c.Published(d.Year)
	return day, nil
}

// IsWorkday reports whether d counts as a working day.
func (c *Calendar) IsWorkday(d Date) (bool, error) {
	day, err := c.Day(d)
	return day.Workday, err
}

// Days lists every day of the year.
func (c *Calendar) Days(year int) ([]Day, error) {
	first := Date{year, 1, 1}
	if err := inRange(first); err != nil {
		return nil, err
	}
	var out []Day
	for d := first; d.Year == year; d = d.AddDays(1) {
		day, _ := c.Day(d)
		out = append(out, day)
	}
	return out, nil
}
