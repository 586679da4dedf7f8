package calendar

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// PreviewText renders a parsed notice for a person to check before it is
// applied: the sections as understood, then a month grid of every month the
// notice touches (休 = 放假, 班 = 调休上班).
func (p YearPlan) PreviewText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", p.Title)
	if p.DocNo != "" {
		fmt.Fprintf(&b, "文号：%s\n", p.DocNo)
	}
	if p.Issued.IsZero() {
		b.WriteString("成文日期：未载明\n")
	} else {
		fmt.Fprintf(&b, "成文日期：%s\n", p.Issued.Chinese())
	}
	holidays, workdays := 0, 0
	for _, d := range p.Days {
		if d.Kind == KindHoliday {
			holidays++
		} else {
			workdays++
		}
	}
	fmt.Fprintf(&b, "共 %d 个条目，放假 %d 天，调休上班 %d 天\n\n", len(p.Sections), holidays, workdays)
	for _, s := range p.Sections {
		writeSection(&b, s)
	}
	for _, m := range p.months() {
		b.WriteString("\n")
		p.writeMonth(&b, m.Year, m.Month)
	}
	b.WriteString("\n图例：休 = 放假，班 = 调休上班\n")
	return b.String()
}

func writeSection(b *strings.Builder, s Section) {
	fmt.Fprintf(b, "%s、%s：%s 放假，共 %d 天", s.Ordinal, s.Name, spanChinese(s.From, s.To), len(s.Holidays))
	if s.StatedDays > 0 {
		fmt.Fprintf(b, "（通知写明共%d天，核对一致）", s.StatedDays)
	}
	if extra := len(s.Holidays) - (s.From.DaysUntil(s.To) + 1); extra > 0 {
		fmt.Fprintf(b, "（含补休 %d 天）", extra)
	}
	b.WriteString("\n")
	if len(s.Workdays) > 0 {
		parts := make([]string, len(s.Workdays))
		for i, d := range s.Workdays {
			parts[i] = fmt.Sprintf("%s（%s）", d.Chinese(), d.WeekdayName())
		}
		fmt.Fprintf(b, "    调休上班：%s\n", strings.Join(parts, "、"))
	}
	for _, n := range s.Notes {
		fmt.Fprintf(b, "    说明：%s\n", n)
	}
}

// months lists the distinct months of the plan's days, in order.
func (p YearPlan) months() []Date {
	var out []Date
	for _, d := range p.Days {
		m := Date{d.Date.Year, d.Date.Month, 1}
		if len(out) == 0 || out[len(out)-1] != m {
			out = append(out, m)
		}
	}
	return out
}

// writeMonth draws one month, Monday first. Each cell is five columns wide:
// the day number right-aligned in three, then a full-width mark or spaces.
func (p YearPlan) writeMonth(b *strings.Builder, year int, month time.Month) {
	marks := map[Date]string{}
	for _, d := range p.Days {
		marks[d.Date] = map[DayKind]string{KindHoliday: "休", KindAdjustedWorkday: "班"}[d.Kind]
	}
	fmt.Fprintf(b, "%d年%d月\n", year, int(month))
	b.WriteString(" 一   二   三   四   五   六   日\n")
	var line strings.Builder
	col := (int(Date{year, month, 1}.Weekday()) + 6) % 7
	line.WriteString(strings.Repeat("     ", col))
	for day := 1; day <= DaysIn(year, month); day++ {
		mark := marks[Date{year, month, day}]
		if mark == "" {
			mark = "  "
		}
		fmt.Fprintf(&line, "%3d%s", day, mark)
		if col = (col + 1) % 7; col == 0 || day == DaysIn(year, month) {
			b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
			line.Reset()
		}
	}
}

// PreviewJSON renders the parsed notice as indented JSON.
func (p YearPlan) PreviewJSON() ([]byte, error) {
	return json.MarshalIndent(p, "", "  ")
}
