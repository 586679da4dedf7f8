package deadline

import (
	"context"
	"fmt"

	"fazhi/internal/calendar"
)

// Calc is one deadline computation: a catalogue rule or a custom period, a
// start date, and what happened in the case (extension, suspension).
type Calc struct {
	RegionCode  string // whose holidays and rule lengths apply; "" for national
	RuleID      string // a catalogue rule, or "" for the custom period below
	N           int
	Unit        calendar.Unit
	Before      bool // custom period counted back from Start
	Start       calendar.Date
	ExtendN     int
	SuspendDays int
}

// Computed is a due date with its explanation and the rule it came from.
type Computed struct {
	calendar.Result
	Rule     *EffectiveRule // nil for a custom period
	Citation string
}

// Compute works out a due date as the region's calendar and catalogue say.
func (s *Service) Compute(ctx context.Context, c Calc) (Computed, error) {
	sn, err := s.current(ctx)
	if err != nil {
		return Computed{}, err
	}
	return sn.compute(c)
}

func (sn *snapshot) compute(c Calc) (Computed, error) {
	if c.Start.IsZero() {
		return Computed{}, invalid("start", "请填写起算日期")
	}
	cal, err := sn.calendarFor(c.RegionCode)
	if err != nil {
		return Computed{}, err
	}
	if c.RuleID == "" && c.Unit == UnitFixedDate {
		return fixedDate(c), nil
	}
	if c.RuleID == "" {
		if c.Unit == calendar.UnitHour {
			return Computed{}, invalid("unit", "按小时计算的期限不适用日历计算")
		}
		res, err := cal.Add(c.Start, calendar.Period{N: c.N, Unit: c.Unit, Before: c.Before,
			ExtendN: c.ExtendN, SuspendDays: c.SuspendDays})
		if err != nil {
			return Computed{}, asInvalid("n", err)
		}
		return Computed{Result: res}, nil
	}
	def, ok := calendar.LookupRule(c.RuleID)
	if !ok {
		return Computed{}, invalid("rule", "期限规则“%s”不存在", c.RuleID)
	}
	r := sn.effective(def, c.RegionCode)
	if r.Unit == calendar.UnitHour {
		return Computed{}, invalid("rule", "规则“%s”按小时计算（%s），不适用日历计算", r.Name, r.LengthText)
	}
	res, err := cal.AddWithRule(c.Start, r.Rule, calendar.Adjust{ExtendN: c.ExtendN, SuspendDays: c.SuspendDays})
	if err != nil {
		return Computed{}, asInvalid("rule", err)
	}
	if o := r.Override; o != nil {
		note := fmt.Sprintf("本地区（%s）另有规定；全国规定为%s，依据：%s", o.RegionCode, LengthLabel(def), def.Citation)
		res.Trail = append(res.Trail[:1:1], append([]string{note}, res.Trail[1:]...)...)
	}
	return Computed{Result: res, Rule: &r, Citation: r.Citation}, nil
}

// fixedDate is the "computation" of a date a document fixes: the date itself,
// later only by an approved extension or a suspension (natural days).
func fixedDate(c Calc) Computed {
	due := c.Start.AddDays(c.ExtendN + c.SuspendDays)
	trail := []string{fmt.Sprintf("期限为文件规定的日期：%s（%s）", c.Start.Chinese(), c.Start.WeekdayName()),
		"不属于法定期间，不另行计算，也不因节假日顺延"}
	if c.ExtendN > 0 {
		trail = append(trail, fmt.Sprintf("经批准延长 %d 日", c.ExtendN))
	}
	if c.SuspendDays > 0 {
		trail = append(trail, fmt.Sprintf("中止 %d 日不计入", c.SuspendDays))
	}
	trail = append(trail, fmt.Sprintf("届满日 %s（%s）", due.Chinese(), due.WeekdayName()))
	return Computed{Result: calendar.Result{Start: c.Start, Due: due, Trail: trail}}
}
