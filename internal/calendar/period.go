package calendar

import (
	"errors"
	"fmt"
	"strings"
)

// Unit is the unit a statutory period is written in.
type Unit string

// Units. A law's own counting article decides whether its "日" are working
// days (e.g. 行政处罚法第85条, 行政许可法第82条); see the rule catalogue.
const (
	UnitWorkday Unit = "workday" // 工作日
	UnitDay     Unit = "day"     // 日（自然日）
	UnitMonth   Unit = "month"   // 月
	UnitYear    Unit = "year"    // 年
	UnitHour    Unit = "hour"    // 小时: not counted on the calendar
)

// ParseUnit accepts the API names and the short forms WD, CD, M, Y.
func ParseUnit(s string) (Unit, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "workday", "wd":
		return UnitWorkday, nil
	case "day", "cd":
		return UnitDay, nil
	case "month", "m":
		return UnitMonth, nil
	case "year", "y":
		return UnitYear, nil
	}
	return "", fmt.Errorf("期限单位应为 workday、day、month 或 year：%q", s)
}

// Label returns the Chinese unit, e.g. "个工作日".
func (u Unit) Label() string {
	switch u {
	case UnitWorkday:
		return "个工作日"
	case UnitDay:
		return "日"
	case UnitMonth:
		return "个月"
	case UnitYear:
		return "年"
	case UnitHour:
		return "小时"
	}
	return string(u)
}

// Period is a statutory period as applied to one case.
type Period struct {
	N           int  `json:"n"`
	Unit        Unit `json:"unit"`
	ExtendN     int  `json:"extend_n,omitempty"`     // approved extension (延长), same unit
	SuspendDays int  `json:"suspend_days,omitempty"` // 中止/不计入期间 (听证、鉴定、公告 …), natural days
	Before      bool `json:"before,omitempty"`       // "…日前": counted back from the anchor date
}

// Result is a computed deadline with the reasoning behind it.
type Result struct {
	Start     Date     `json:"start"`
	Due       Date     `json:"due"`
	Period    Period   `json:"period"`
	Estimated bool     `json:"estimated"`
	Note      string   `json:"note,omitempty"`
	Trail     []string `json:"trail"`
	Rule      *Rule    `json:"rule,omitempty"`
}

const maxPeriodDays = 40000 // ~110 years; guards the day-by-day loops

func (p Period) validate() error {
	switch {
	case p.Unit == UnitHour:
		return errors.New("按小时计算的期限不适用日历计算")
	case p.Unit != UnitWorkday && p.Unit != UnitDay && p.Unit != UnitMonth && p.Unit != UnitYear:
		return fmt.Errorf("未知的期限单位：%q", p.Unit)
	case p.N < 1:
		return errors.New("期限长度必须为正整数")
	case p.ExtendN < 0 || p.SuspendDays < 0:
		return errors.New("延长期限和中止天数不能为负数")
	case p.Before && (p.ExtendN > 0 || p.SuspendDays > 0):
		return errors.New("倒推计算的期限不能延长或中止")
	case p.N+p.ExtendN > maxPeriodDays || p.SuspendDays > maxPeriodDays:
		return errors.New("期限过长")
	}
	return nil
}

// counter walks the calendar for one computation and records the trail.
type counter struct {
	cal       *Calendar
	trail     []string
	estimated bool
}

func (k *counter) day(d Date) (Day, error) {
	day, err := k.cal.Day(d)
	if err != nil {
		return Day{}, err
	}
	k.estimated = k.estimated || day.Estimated
	return day, nil
}

func (k *counter) say(format string, args ...any) {
	k.trail = append(k.trail, fmt.Sprintf(format, args...))
}

// Add computes the last day of period p started by an event on start, as
// Chinese administrative law counts it (民法典第201–203条，民事诉讼法第85条).
func (c *Calendar) Add(start Date, p Period) (Result, error) {
	if err := p.validate(); err != nil {
		return Result{}, err
	}
	if err := inRange(start); err != nil {
		return Result{}, err
	}
	k := &counter{cal: c}
	var due Date
	var err error
	if p.Before {
		due, err = k.before(start, p)
	} else {
		due, err = k.forward(start, p)
	}
	if err != nil {
		return Result{}, err
	}
	last, err := k.day(due)
	if err != nil {
		return Result{}, err
	}
	k.say("届满日 %s（%s）", due.Chinese(), last.describe())
	r := Result{Start: start, Due: due, Period: p, Estimated: k.estimated, Trail: k.trail}
	if r.Estimated {
		r.Note = EstimatedNote
		r.Trail = append(r.Trail, "注意："+EstimatedNote)
	}
	return r, nil
}

func (k *counter) forward(start Date, p Period) (Date, error) {
	k.say("起算日 %s 不计入，自次日起算（民法典第201条）", start.Chinese())
	total := p.N + p.ExtendN
	if p.ExtendN > 0 {
		k.say("期限 %d%s，经批准延长 %d%s，合计 %d%s", p.N, p.Unit.Label(), p.ExtendN, p.Unit.Label(), total, p.Unit.Label())
	}
	var end Date
	var err error
	switch p.Unit {
	case UnitWorkday:
		end, err = k.countWorkdays(start, total)
	case UnitDay:
		end = start.AddDays(total)
		k.say("第%d日为 %s", total, end.Chinese())
	default:
		end = k.calendarMonths(start, total, p.Unit)
	}
	if err != nil {
		return Date{}, err
	}
	if p.SuspendDays > 0 {
		end = end.AddDays(p.SuspendDays)
		k.say("中止（不计入期限）的期间共 %d 日，届满日相应顺延至 %s", p.SuspendDays, end.Chinese())
	}
	if p.Unit == UnitWorkday && p.SuspendDays == 0 {
		return end, nil // the N-th working day is itself a working day
	}
	return k.rollForward(end)
}

// calendarMonths applies 民法典第202条: the corresponding day of the month,
// or the month's last day when there is none.
func (k *counter) calendarMonths(start Date, n int, u Unit) Date {
	months := n
	if u == UnitYear {
		months = n * 12
	}
	end := start.AddMonths(months)
	if end.Day != start.Day {
		k.say("%d%s后的到期月没有对应日，以月末日 %s 为期间的最后一日（民法典第202条）", n, u.Label(), end.Chinese())
	} else {
		k.say("%d%s后到期月的对应日 %s 为期间的最后一日（民法典第202条）", n, u.Label(), end.Chinese())
	}
	return end
}

// rollForward moves a last day that is a rest day (weekend or holiday) to the
// next working day (民法典第203条第1款，民事诉讼法第85条第3款).
func (k *counter) rollForward(end Date) (Date, error) {
	day, err := k.day(end)
	if err != nil {
		return Date{}, err
	}
	if day.Workday {
		return end, nil
	}
	next := end
	for i := 0; ; i++ {
		next = next.AddDays(1)
		d, err := k.day(next)
		if err != nil {
			return Date{}, err
		}
		if d.Workday {
			break
		}
		if i > 60 {
			return Date{}, errors.New("连续六十日没有工作日，请检查节假日数据")
		}
	}
	k.say("期间最后一日 %s（%s）为法定休假日，顺延至其后第一个工作日 %s（民法典第203条）",
		end.Chinese(), day.describe(), next.Chinese())
	return next, nil
}

// before counts back from an anchor such as a hearing date ("听证的七日前").
// A day so found that is a rest day moves to the previous working day, so
// that a notice given on it is never late.
func (k *counter) before(anchor Date, p Period) (Date, error) {
	k.say("以 %s 为基准向前计算 %d%s，基准日不计入", anchor.Chinese(), p.N, p.Unit.Label())
	var d Date
	switch p.Unit {
	case UnitWorkday:
		return k.countWorkdaysBack(anchor, p.N)
	case UnitDay:
		d = anchor.AddDays(-p.N)
	case UnitMonth:
		d = anchor.AddMonths(-p.N)
	case UnitYear:
		d = anchor.AddMonths(-12 * p.N)
	}
	day, err := k.day(d)
	if err != nil || day.Workday {
		return d, err
	}
	prev := d
	for {
		prev = prev.AddDays(-1)
		pd, err := k.day(prev)
		if err != nil {
			return Date{}, err
		}
		if pd.Workday {
			break
		}
	}
	k.say("%s（%s）为休假日，提前至此前最后一个工作日 %s", d.Chinese(), day.describe(), prev.Chinese())
	return prev, nil
}

func (k *counter) countWorkdaysBack(anchor Date, n int) (Date, error) {
	d := anchor
	for count := 0; count < n; {
		d = d.AddDays(-1)
		day, err := k.day(d)
		if err != nil {
			return Date{}, err
		}
		if day.Workday {
			count++
		}
	}
	k.say("此前第%d个工作日为 %s", n, d.Chinese())
	return d, nil
}
