package plan

import (
	"slices"
	"testing"
)

func TestOccurrences(t *testing.T) {
	rec := func(p Period, every int, due string) Deadline {
		return Deadline{Kind: Recurring, Period: p, Every: every, Due: due}
	}
	for _, c := range []struct {
		name     string
		d        Deadline
		from, to string
		want     []string
	}{
		{"每季度 from mid-quarter", rec(PeriodQuarter, 1, ""), "2026-02-10", "2026-12-31",
			[]string{"2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"}},
		{"每季度 from a quarter's last day excludes it", rec(PeriodQuarter, 1, ""), "2026-03-31", "2026-09-30",
			[]string{"2026-06-30", "2026-09-30"}},
		{"每年第一季度 across years", rec(PeriodYear, 1, "Q1"), "2025-05-01", "2027-12-31",
			[]string{"2026-03-31", "2027-03-31"}},
		{"每年3月底前", rec(PeriodYear, 1, "03-31"), "2026-01-01", "2027-03-31",
			[]string{"2026-03-31", "2027-03-31"}},
		{"每年 ends on 31 December", rec(PeriodYear, 1, ""), "2026-12-31", "2028-06-30",
			[]string{"2027-12-31"}},
		{"每两年 counted from the first year", rec(PeriodYear, 2, ""), "2026-01-05", "2030-12-31",
			[]string{"2026-12-31", "2028-12-31", "2030-12-31"}},
		{"每半年", rec(PeriodHalfYear, 1, ""), "2026-06-30", "2027-06-30",
			[]string{"2026-12-31", "2027-06-30"}},
		{"每月 includes leap February", rec(PeriodMonth, 1, ""), "2028-01-15", "2028-03-31",
			[]string{"2028-01-31", "2028-02-29", "2028-03-31"}},
		{"02-29 in a common year is 28 February", rec(PeriodYear, 1, "02-29"), "2026-01-01", "2026-12-31",
			[]string{"2026-02-28"}},
		{"每年上半年", rec(PeriodYear, 1, "H1"), "2026-07-01", "2027-12-31", []string{"2027-06-30"}},
		{"每周 is not monitored", rec(PeriodWeek, 1, ""), "2026-01-01", "2026-12-31", nil},
		{"a milestone is not recurring", Deadline{Kind: Milestone, Date: "2026-12-31"}, "2026-01-01", "2026-12-31", nil},
		{"unreadable due point", rec(PeriodYear, 1, "x"), "2026-01-01", "2026-12-31", nil},
		{"empty window", rec(PeriodQuarter, 1, ""), "2026-12-31", "2026-01-01", nil},
	} {
		if got := Occurrences(c.d, c.from, c.to); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}
