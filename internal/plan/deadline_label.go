package plan

import (
	"fmt"
	"strings"
)

var periodNames = map[Period]string{
	PeriodYear: "年", PeriodHalfYear: "半年", PeriodQuarter: "季度", PeriodMonth: "月", PeriodWeek: "周",
}

// Label says in Chinese what the deadline means: "2022年12月31日前" for a
// milestone, "每年第一季度" for a recurring obligation.
func (d Deadline) Label() string {
	if d.Kind == Milestone {
		var y, m, day int
		if _, err := fmt.Sscanf(d.Date, "%d-%d-%d", &y, &m, &day); err != nil {
			return d.Phrase
		}
		return fmt.Sprintf("%d年%d月%d日前", y, m, day)
	}
	name, ok := periodNames[d.Period]
	if !ok {
		return d.Phrase
	}
	every := "每"
	if d.Every > 1 {
		every = fmt.Sprintf("每%d", d.Every)
	}
	return every + name + dueLabel(d.Due)
}

// dueLabel reads the due point within a cycle: Q1, H2, MM-DD.
func dueLabel(due string) string {
	quarters := []string{"", "一", "二", "三", "四"}
	switch {
	case due == "":
		return ""
	case due == "H1":
		return "上半年"
	case due == "H2":
		return "下半年"
	case strings.HasPrefix(due, "Q") && len(due) == 2 && due[1] >= '1' && due[1] <= '4':
		return "第" + quarters[due[1]-'0'] + "季度"
	}
	var m, day int
	if _, err := fmt.Sscanf(due, "%d-%d", &m, &day); err != nil {
		return due
	}
	return fmt.Sprintf("%d月%d日前", m, day)
}

// Recurring reports whether the deadline is a recurring obligation.
func (d Deadline) Recurring() bool { return d.Kind == Recurring }
