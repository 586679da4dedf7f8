package calendar

import (
	"fmt"
	"slices"
	"strings"
)

// finish turns what the sentences said into the section's days and checks
// that the statements agree with each other and with the calendar.
func (p *sectionParse) finish() error {
	s := &p.sec
	n := s.From.DaysUntil(s.To) + 1
	if n < 1 || n > maxSpanDays {
		return fmt.Errorf("放假起止日期不合理：%s", spanChinese(s.From, s.To))
	}
	year := p.sc.year
	if s.From.Year < year-1 || s.To.Year > year {
		return fmt.Errorf("放假日期不在%d年通知的范围内：%s", year, spanChinese(s.From, s.To))
	}
	for d := s.From; !d.After(s.To); d = d.AddDays(1) {
		s.Holidays = append(s.Holidays, d)
	}
	for _, d := range p.extra {
		if slices.Contains(s.Holidays, d) || d.IsWeekend() {
			return fmt.Errorf("补休日期不合理：%s（%s）", d.Chinese(), d.WeekdayName())
		}
		s.Holidays = append(s.Holidays, d)
	}
	slices.SortFunc(s.Holidays, Date.Compare)
	if s.StatedDays != 0 && s.StatedDays != len(s.Holidays) {
		return fmt.Errorf("天数不符：通知写明共%d天，但%s共%d天", s.StatedDays, spanChinese(s.From, s.To), len(s.Holidays))
	}
	if err := p.checkStatements(); err != nil {
		return err
	}
	work, err := p.workdays()
	if err != nil {
		return err
	}
	s.Workdays = work
	return nil
}

// checkStatements verifies the 其中 clauses of the older notices.
func (p *sectionParse) checkStatements() error {
	h := p.sec.Holidays
	for _, d := range p.legal {
		if !slices.Contains(h, d) {
			return fmt.Errorf("法定假日 %s 不在放假期间内", d.Chinese())
		}
	}
	for _, d := range p.rest {
		if !d.IsWeekend() || !slices.Contains(h, d) {
			return fmt.Errorf("公休日 %s（%s）不是放假期间内的周末", d.Chinese(), d.WeekdayName())
		}
	}
	for _, d := range p.moveFrom {
		if !d.IsWeekend() {
			return fmt.Errorf("调出的公休日 %s 不是周末（%s）", d.Chinese(), d.WeekdayName())
		}
	}
	for _, d := range p.moveTo {
		if !slices.Contains(h, d) || d.IsWeekend() {
			return fmt.Errorf("公休日调至 %s，但该日不是放假期间内的工作日", d.Chinese())
		}
	}
	return nil
}

// workdays returns the adjusted working days. A 公休日 moved into the holiday
// from outside it is a working day even when the notice does not say 上班
// (2008 国庆节); when it does say so, both accounts must agree.
func (p *sectionParse) workdays() ([]Date, error) {
	var derived []Date
	for _, d := range p.moveFrom {
		if !slices.Contains(p.sec.Holidays, d) && !slices.Contains(derived, d) {
			derived = append(derived, d)
		}
	}
	work := slices.Clone(p.work)
	slices.SortFunc(work, Date.Compare)
	work = slices.Compact(work)
	slices.SortFunc(derived, Date.Compare)
	if len(work) > 0 && len(derived) > 0 && !slices.Equal(work, derived) {
		return nil, fmt.Errorf("上班日期（%s）与公休日调整说明（%s）不一致", dateList(work), dateList(derived))
	}
	if len(work) == 0 {
		work = derived
	}
	for _, d := range work {
		if !d.IsWeekend() {
			return nil, fmt.Errorf("调休上班日 %s 不是周末（%s）", d.Chinese(), d.WeekdayName())
		}
		if slices.Contains(p.sec.Holidays, d) {
			return nil, fmt.Errorf("%s 既是放假日又是上班日", d.Chinese())
		}
	}
	return work, nil
}

func dateList(ds []Date) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Chinese()
	}
	return strings.Join(parts, "、")
}
