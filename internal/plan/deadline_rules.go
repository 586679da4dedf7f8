package plan

import (
	"fmt"
	"strings"
	"time"
)

// The normalisers below read the submatches of the rules in deadlineRules.

func yearEnd(m []string, _ int) (Deadline, bool) {
	return milestone(atoi(m[1]), 12, 31), true
}

func bareYear(m []string, _ int) (Deadline, bool) {
	return milestone(atoi(m[2]), 12, 31), true
}

func exactDay(m []string, _ int) (Deadline, bool) {
	y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo) {
		return Deadline{}, false
	}
	return milestone(y, mo, d), true
}

// monthEnd reads "6月底前" (end of June) and "6月前" (before June: end of May).
func monthEnd(m []string, year int) (Deadline, bool) {
	y, ok := pickYear(m[1], year)
	mo := atoi(m[2])
	if !ok || mo < 1 || mo > 12 {
		return Deadline{}, false
	}
	if !strings.HasPrefix(m[3], "底") && !strings.HasPrefix(m[3], "末") {
		if mo--; mo == 0 {
			y, mo = y-1, 12
		}
	}
	return milestone(y, mo, lastDay(y, mo)), true
}

// partOfYear reads 上半年, 下半年, 第三季度 and 年底前 of a year.
func partOfYear(m []string, year int) (Deadline, bool) {
	y, ok := pickYear(m[1], year)
	if !ok {
		return Deadline{}, false
	}
	switch part := m[2]; {
	case part == "上半年":
		return milestone(y, 6, 30), true
	case part == "下半年", strings.HasPrefix(part, "年"):
		return milestone(y, 12, 31), true
	default:
		q := quarterNumber(part)
		return milestone(y, q*3, lastDay(y, q*3)), q > 0
	}
}

// everyYear reads 每年, 每年度 and 每年第一季度 / 每年3月底前 / 每年年底前.
func everyYear(m []string, _ int) (Deadline, bool) {
	d := Deadline{Kind: Recurring, Period: PeriodYear, Every: 1}
	switch within := m[1]; {
	case within == "":
	case within == "上半年":
		d.Due = "H1"
	case within == "下半年":
		d.Due = "H2"
	case strings.HasPrefix(within, "年"):
		d.Due = "12-31"
	case strings.Contains(within, "季度"):
		d.Due = fmt.Sprintf("Q%d", quarterNumber(within))
	default:
		month, ok := monthEnd([]string{"", "2001", strings.Split(within, "月")[0], strings.SplitN(within, "月", 2)[1]}, 0)
		if !ok {
			return Deadline{}, false
		}
		t, _ := time.Parse("2006-01-02", month.Date)
		d.Due = t.Format("01-02")
	}
	return d, true
}

func everyPeriod(m []string, _ int) (Deadline, bool) {
	d := Deadline{Kind: Recurring, Every: 1}
	switch m[1] {
	case "半年":
		d.Period = PeriodHalfYear
	case "季度", "季":
		d.Period = PeriodQuarter
	case "月":
		d.Period = PeriodMonth
	case "周", "星期":
		d.Period = PeriodWeek
	case "两年", "二年":
		d.Period, d.Every = PeriodYear, 2
	case "三年":
		d.Period, d.Every = PeriodYear, 3
	default:
		return Deadline{}, false
	}
	return d, true
}

func quarterNumber(s string) int {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "第"), "季度")
	switch s {
	case "一", "1":
		return 1
	case "二", "2":
		return 2
	case "三", "3":
		return 3
	case "四", "4":
		return 4
	}
	return 0
}
