package calendar

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestAdd(t *testing.T) {
	cases := []struct {
		name      string
		start     Date
		p         Period
		due       Date
		estimated bool
	}{
		{"7 WD over 国庆 with two working weekends", d(2024, 9, 27), Period{N: 7, Unit: UnitWorkday}, d(2024, 10, 12), false},
		{"WD starting on a holiday", d(2024, 10, 3), Period{N: 3, Unit: UnitWorkday}, d(2024, 10, 10), false},
		{"WD over 春节 2025", d(2025, 1, 24), Period{N: 5, Unit: UnitWorkday}, d(2025, 2, 7), false},
		{"WD over the extended 2020 春节", d(2020, 1, 23), Period{N: 1, Unit: UnitWorkday}, d(2020, 2, 3), false},
		{"days ending on a workday", d(2024, 9, 23), Period{N: 15, Unit: UnitDay}, d(2024, 10, 8), false},
		{"days ending in 国庆 move to 10月8日", d(2024, 9, 20), Period{N: 15, Unit: UnitDay}, d(2024, 10, 8), false},
		{"days ending on a Saturday move to Monday", d(2024, 11, 6), Period{N: 10, Unit: UnitDay}, d(2024, 11, 18), false},
		{"days ending on a working Saturday stay", d(2024, 9, 28), Period{N: 14, Unit: UnitDay}, d(2024, 10, 12), false},
		{"days crossing the year end onto 元旦", d(2024, 12, 2), Period{N: 30, Unit: UnitDay}, d(2025, 1, 2), false},
		{"1月31日 + 1 month (common year)", d(2023, 1, 31), Period{N: 1, Unit: UnitMonth}, d(2023, 2, 28), false},
		{"1月31日 + 1 month (leap year)", d(2024, 1, 31), Period{N: 1, Unit: UnitMonth}, d(2024, 2, 29), false},
		{"8月31日 + 6 months", d(2023, 8, 31), Period{N: 6, Unit: UnitMonth}, d(2024, 2, 29), false},
		{"months ending in 国庆", d(2024, 4, 6), Period{N: 6, Unit: UnitMonth}, d(2024, 10, 8), false},
		{"2月29日 + 1 year", d(2024, 2, 29), Period{N: 1, Unit: UnitYear}, d(2025, 2, 28), false},
		{"years ending in 国庆", d(2022, 10, 1), Period{N: 2, Unit: UnitYear}, d(2024, 10, 8), false},
		{"unpublished year is estimated", d(2026, 12, 25), Period{N: 10, Unit: UnitDay}, d(2027, 1, 4), true},
		{"suspension days added then moved", d(2024, 9, 27), Period{N: 7, Unit: UnitWorkday, SuspendDays: 1}, d(2024, 10, 14), false},
		{"extension ending on a working Sunday", d(2024, 7, 1), Period{N: 60, Unit: UnitDay, ExtendN: 30}, d(2024, 9, 29), false},
		{"WD before a hearing", d(2024, 10, 8), Period{N: 7, Unit: UnitWorkday, Before: true}, d(2024, 9, 23), false},
		{"days before, landing in 国庆, move earlier", d(2024, 11, 4), Period{N: 30, Unit: UnitDay, Before: true}, d(2024, 9, 30), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Default().Add(c.start, c.p)
			if err != nil {
				t.Fatal(err)
			}
			if r.Due != c.due || r.Estimated != c.estimated {
				t.Errorf("due %s estimated %v, want %s %v\n%s", r.Due, r.Estimated, c.due, c.estimated, r)
			}
			if (r.Note == EstimatedNote) != c.estimated {
				t.Errorf("note %q", r.Note)
			}
		})
	}
}

func TestAddTrail(t *testing.T) {
	r, err := Default().Add(d(2024, 9, 27), Period{N: 7, Unit: UnitWorkday})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"起算日 2024年9月27日 不计入，自次日起算（民法典第201条）",
		"2024年9月28日 周末，不计",
		"第1个工作日：2024年9月29日（周日，国庆节调休上班日）",
		"第2个工作日：2024年9月30日",
		"2024年10月1日至7日 国庆节放假，不计",
		"第3至6个工作日：2024年10月8日至11日",
		"第7个工作日：2024年10月12日（周六，国庆节调休上班日）",
		"届满日 2024年10月12日（周六，国庆节调休上班日）",
	}
	if !slices.Equal(r.Trail, want) {
		t.Errorf("trail:\n%s", strings.Join(r.Trail, "\n"))
	}
	r, _ = Default().Add(d(2024, 9, 20), Period{N: 15, Unit: UnitDay})
	if !slices.Contains(r.Trail, "期间最后一日 2024年10月5日（国庆节放假）为法定休假日，顺延至其后第一个工作日 2024年10月8日（民法典第203条）") {
		t.Errorf("trail:\n%s", strings.Join(r.Trail, "\n"))
	}
	r, _ = Default().Add(d(2023, 1, 31), Period{N: 1, Unit: UnitMonth})
	if !slices.Contains(r.Trail, "1个月后的到期月没有对应日，以月末日 2023年2月28日 为期间的最后一日（民法典第202条）") {
		t.Errorf("trail:\n%s", strings.Join(r.Trail, "\n"))
	}
}

func TestAddErrors(t *testing.T) {
	cases := []struct {
		name  string
		start Date
		p     Period
	}{
		{"zero length", d(2024, 1, 1), Period{N: 0, Unit: UnitDay}},
		{"hours", d(2024, 1, 1), Period{N: 24, Unit: UnitHour}},
		{"unknown unit", d(2024, 1, 1), Period{N: 1, Unit: "week"}},
		{"negative suspension", d(2024, 1, 1), Period{N: 1, Unit: UnitDay, SuspendDays: -1}},
		{"extension of a before-period", d(2024, 1, 1), Period{N: 1, Unit: UnitDay, Before: true, ExtendN: 1}},
		{"start before 2004", d(2003, 12, 31), Period{N: 1, Unit: UnitDay}},
	}
	for _, c := range cases {
		if _, err := Default().Add(c.start, c.p); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	_, err := Default().Add(d(2100, 12, 20), Period{N: 30, Unit: UnitDay})
	var re *RangeError
	if !errors.As(err, &re) {
		t.Errorf("due after 2100: error = %v, want RangeError", err)
	}
}

func TestParseUnit(t *testing.T) {
	for in, want := range map[string]Unit{"workday": UnitWorkday, "WD": UnitWorkday, "day": UnitDay, "CD": UnitDay, "month": UnitMonth, "year": UnitYear} {
		if got, err := ParseUnit(in); err != nil || got != want {
			t.Errorf("ParseUnit(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseUnit("week"); err == nil {
		t.Error("week accepted")
	}
}
