package plan

import (
	"fmt"
	"time"
)

// Occurrences lists the due dates (ISO) of a recurring obligation that fall
// after from and on or before to (both ISO dates): 每季度 → the last day of
// each quarter, 每年第一季度 → 31 March, 每年3月底前 → 31 March, 每年 → 31
// December, 每半年 → 30 June and 31 December, 每两年 → every other 31
// December counted from from's year. A weekly cycle gives nothing: a plan's
// 每周 is a working habit, not a deadline to monitor. A due point that cannot
// be read gives nothing either (the task page still shows the phrase).
func Occurrences(d Deadline, from, to string) []string {
	if d.Kind != Recurring {
		return nil
	}
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || t.Before(f) {
		return nil
	}
	every := max(d.Every, 1)
	var out []string
	keep := func(day time.Time) {
		if day.After(f) && !day.After(t) {
			out = append(out, day.Format(time.DateOnly))
		}
	}
	for y := f.Year(); y <= t.Year(); y++ {
		switch d.Period {
		case PeriodYear:
			if (y-f.Year())%every != 0 {
				continue
			}
			day, ok := yearlyDue(y, d.Due)
			if !ok {
				return nil
			}
			keep(day)
		case PeriodHalfYear:
			keep(monthEndOf(y, 6))
			keep(monthEndOf(y, 12))
		case PeriodQuarter:
			for m := 3; m <= 12; m += 3 {
				keep(monthEndOf(y, time.Month(m)))
			}
		case PeriodMonth:
			for m := time.January; m <= time.December; m++ {
				keep(monthEndOf(y, m))
			}
		default:
			return nil
		}
	}
	return out
}

// yearlyDue is the due day in year y of a yearly obligation's due point.
func yearlyDue(y int, due string) (time.Time, bool) {
	switch due {
	case "":
		return monthEndOf(y, 12), true
	case "H1":
		return monthEndOf(y, 6), true
	case "H2":
		return monthEndOf(y, 12), true
	case "Q1", "Q2", "Q3", "Q4":
		return monthEndOf(y, time.Month(3*int(due[1]-'0'))), true
	}
	var m, day int
	if _, err := fmt.Sscanf(due, "%d-%d", &m, &day); err != nil || m < 1 || m > 12 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(m) { // 02-29 in a common year: the month's last day
		t = monthEndOf(y, time.Month(m))
	}
	return t, true
}

func monthEndOf(y int, m time.Month) time.Time {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
}
