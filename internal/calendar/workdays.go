package calendar

import "fmt"

// run is a stretch of consecutive days that the trail reports as one line:
// ordinary working days counted together, or rest days of one kind skipped.
type run struct {
	from, to   Date
	counted    bool
	firstCount int    // index of the first working day in the run
	label      string // "国庆节放假" or "周末" for skipped runs
	single     string // describe() of a lone adjusted working day
}

// countWorkdays finds the n-th working day after start. Adjusted working days
// (调休上班) count; weekends and holidays do not.
func (k *counter) countWorkdays(start Date, n int) (Date, error) {
	var cur *run
	count := 0
	d := start
	for count < n {
		d = d.AddDays(1)
		day, err := k.day(d)
		if err != nil {
			return Date{}, err
		}
		if day.Workday {
			count++
		}
		next := runFor(day, count)
		if cur != nil && cur.joins(next) {
			cur.to = d
			continue
		}
		k.flush(cur)
		cur = &next
	}
	k.flush(cur)
	return d, nil
}

func runFor(day Day, count int) run {
	r := run{from: day.Date, to: day.Date, counted: day.Workday, firstCount: count}
	switch {
	case day.Kind == KindAdjustedWorkday:
		r.single = day.describe()
	case day.Kind == KindHoliday:
		r.label = day.Name + "放假"
	case day.Kind == KindWeekend:
		r.label = "周末"
	}
	return r
}

// joins reports whether next continues r: ordinary working days join each
// other, skipped days join days of the same label; adjusted days stand alone.
func (r *run) joins(next run) bool {
	if r.single != "" || next.single != "" || r.counted != next.counted {
		return false
	}
	return r.counted || r.label == next.label
}

func (k *counter) flush(r *run) {
	switch {
	case r == nil:
	case !r.counted:
		k.say("%s %s，不计", spanChinese(r.from, r.to), r.label)
	case r.single != "":
		k.say("第%d个工作日：%s（%s）", r.firstCount, r.from.Chinese(), r.single)
	case r.from == r.to:
		k.say("第%d个工作日：%s", r.firstCount, r.from.Chinese())
	default:
		last := r.firstCount + r.from.DaysUntil(r.to)
		k.say("第%d至%d个工作日：%s", r.firstCount, last, spanChinese(r.from, r.to))
	}
}

// String renders a result as readable Chinese text.
func (r Result) String() string {
	s := fmt.Sprintf("起算日：%s\n期限：%d%s", r.Start.Chinese(), r.Period.N, r.Period.Unit.Label())
	if r.Rule != nil {
		s += fmt.Sprintf("（%s，%s）", r.Rule.Name, r.Rule.Citation)
	}
	s += fmt.Sprintf("\n届满日：%s（%s）\n计算过程：\n", r.Due.Chinese(), r.Due.WeekdayName())
	for i, t := range r.Trail {
		s += fmt.Sprintf("  %d. %s\n", i+1, t)
	}
	return s
}
