package supervise

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// rePeriod is a reporting period as written on the form: 2026年11月,
// 2026年第4季度, 2026年上半年, 2026年度.
var rePeriod = regexp.MustCompile(`^(\d{4})年(?:(\d{1,2})月|第([1-4])季度|(上半年|下半年)|(度))$`)

// ValidPeriod reports whether p names a month, quarter, half-year or year
// between 2000 and 2100.
func ValidPeriod(p string) bool {
	m := rePeriod.FindStringSubmatch(p)
	if m == nil {
		return false
	}
	if y, _ := strconv.Atoi(m[1]); y < 2000 || y > 2100 {
		return false
	}
	if m[2] != "" {
		mo, _ := strconv.Atoi(m[2])
		return mo >= 1 && mo <= 12 && m[2][0] != '0'
	}
	return true
}

// PeriodChoices are the periods a report form offers on a day: this and the
// previous month, this and the previous quarter, the half-year and the year.
func PeriodChoices(today time.Time) []string {
	y, mo := today.Year(), int(today.Month())
	prevY, prevM := y, mo-1
	if prevM == 0 {
		prevY, prevM = y-1, 12
	}
	q := (mo-1)/3 + 1
	prevQY, prevQ := y, q-1
	if prevQ == 0 {
		prevQY, prevQ = y-1, 4
	}
	half := "上半年"
	if mo > 6 {
		half = "下半年"
	}
	return []string{
		fmt.Sprintf("%d年%d月", y, mo), fmt.Sprintf("%d年%d月", prevY, prevM),
		fmt.Sprintf("%d年第%d季度", y, q), fmt.Sprintf("%d年第%d季度", prevQY, prevQ),
		fmt.Sprintf("%d年%s", y, half), fmt.Sprintf("%d年度", y),
	}
}

// PeriodRange is the first and last day (ISO) of a valid period.
func PeriodRange(p string) (from, to string, ok bool) {
	if !ValidPeriod(p) {
		return "", "", false
	}
	m := rePeriod.FindStringSubmatch(p)
	y, _ := strconv.Atoi(m[1])
	first, last := 1, 12
	switch {
	case m[2] != "":
		first, _ = strconv.Atoi(m[2])
		last = first
	case m[3] != "":
		q, _ := strconv.Atoi(m[3])
		first, last = 3*q-2, 3*q
	case m[4] == "上半年":
		last = 6
	case m[4] == "下半年":
		first = 7
	}
	start := time.Date(y, time.Month(first), 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(y, time.Month(last)+1, 0, 0, 0, 0, 0, time.UTC)
	return start.Format(time.DateOnly), end.Format(time.DateOnly), true
}
