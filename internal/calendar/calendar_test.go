package calendar

import (
	"errors"
	"testing"
	"time"
)

// Spot dates across the years, including the documents that amended a year.
func TestDefaultCalendarSpotDates(t *testing.T) {
	cases := []struct {
		date Date
		kind DayKind
		name string
	}{
		{d(2004, 1, 17), KindAdjustedWorkday, "春节"},
		{d(2005, 12, 31), KindAdjustedWorkday, "元旦"}, // set by the 2006 notice
		{d(2007, 12, 29), KindAdjustedWorkday, "元旦"}, // set by the 2008 notice
		{d(2008, 9, 27), KindAdjustedWorkday, "国庆节"}, // derived from 公休日调至
		{d(2009, 10, 8), KindHoliday, "国庆节、中秋节"},
		{d(2011, 12, 31), KindAdjustedWorkday, "元旦"},
		{d(2014, 4, 7), KindHoliday, "清明节"}, // 补休
		{d(2015, 9, 3), KindHoliday, "抗战胜利70周年纪念日"},
		{d(2015, 9, 6), KindAdjustedWorkday, "抗战胜利70周年纪念日"},
		{d(2015, 9, 27), KindHoliday, "中秋节"}, // a Sunday, no 补休
		{d(2019, 5, 2), KindHoliday, "劳动节"},  // 2019 adjustment
		{d(2019, 5, 5), KindAdjustedWorkday, "劳动节"},
		{d(2020, 1, 31), KindHoliday, "春节"}, // 2020 extension
		{d(2020, 2, 1), KindHoliday, "春节"},  // was a 调休上班日 before the extension
		{d(2020, 2, 2), KindHoliday, "春节"},
		{d(2020, 2, 3), KindWorkday, ""},
		{d(2022, 12, 31), KindHoliday, "元旦"}, // set by the 2023 notice
		{d(2024, 2, 4), KindAdjustedWorkday, "春节"},
		{d(2024, 2, 9), KindWorkday, ""}, // 除夕: only "鼓励" to rest
		{d(2024, 10, 12), KindAdjustedWorkday, "国庆节"},
		{d(2025, 1, 28), KindHoliday, "春节"},
		{d(2025, 10, 8), KindHoliday, "国庆节、中秋节"},
		{d(2026, 2, 23), KindHoliday, "春节"},
		{d(2026, 9, 20), KindAdjustedWorkday, "国庆节"},
		{d(2026, 11, 21), KindWeekend, ""},
	}
	for _, c := range cases {
		got, err := Default().Day(c.date)
		if err != nil {
			t.Fatal(err)
		}
		if got.Kind != c.kind || got.Name != c.name || got.Workday != c.kind.IsWorkday() || got.Estimated {
			t.Errorf("%s: got %+v, want %s %q", c.date, got, c.kind, c.name)
		}
	}
}

func TestUnpublishedYearIsEstimated(t *testing.T) {
	cal := Default()
	if cal.Published(2027) {
		t.Skip("2027 notice embedded; pick a later year")
	}
	day, err := cal.Day(d(2027, 10, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !day.Estimated || day.Kind != KindWorkday {
		t.Errorf("2027-10-01 = %+v, want estimated ordinary workday", day)
	}
	info, _ := cal.Year(2027)
	if info.Published || info.Note != EstimatedNote {
		t.Errorf("Year(2027) = %+v", info)
	}
	days, _ := cal.Days(2027)
	for _, d := range days {
		if !d.Estimated || d.Kind == KindHoliday {
			t.Fatalf("%+v", d)
		}
	}
}

func TestOutOfRange(t *testing.T) {
	for _, date := range []Date{d(2003, 12, 31), d(2101, 1, 1)} {
		_, err := Default().Day(date)
		var re *RangeError
		if !errors.As(err, &re) {
			t.Errorf("Day(%s) error = %v, want RangeError", date, err)
		}
	}
	if _, err := Default().Days(2101); err == nil {
		t.Error("Days(2101) succeeded")
	}
}

func TestDaysOfYear(t *testing.T) {
	days, err := Default().Days(2024)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[DayKind]int{}
	for _, d := range days {
		counts[d.Kind]++
	}
	// 2024: 366 days, 28 days off, 8 working weekends.
	if len(days) != 366 || counts[KindHoliday] != 28 || counts[KindAdjustedWorkday] != 8 {
		t.Errorf("2024: %d days, %v", len(days), counts)
	}
	if counts[KindWorkday]+counts[KindAdjustedWorkday] != 251 {
		t.Errorf("2024 working days = %d, want 251", counts[KindWorkday]+counts[KindAdjustedWorkday])
	}
}

func TestWithRegion(t *testing.T) {
	base := Default()
	r := Region{Code: "513400", Name: "凉山彝族自治州", Source: "凉山州人民政府办公室关于2011年部分节假日安排的通知",
		Days: []PlanDay{
			{d(2011, 7, 25), KindHoliday, "火把节"},
			{d(2011, 7, 31), KindAdjustedWorkday, "火把节"},
		}}
	cal, err := base.WithRegion(r)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := cal.Day(d(2011, 7, 25))
	if got.Kind != KindHoliday || got.Name != "火把节" || got.Source != r.Source {
		t.Errorf("regional day = %+v", got)
	}
	if orig, _ := base.Day(d(2011, 7, 25)); orig.Kind != KindWorkday {
		t.Errorf("WithRegion changed the base calendar: %+v", orig)
	}
	if w, _ := cal.IsWorkday(d(2011, 7, 31)); !w {
		t.Error("regional adjusted working Sunday is not a working day")
	}
	bad := Region{Name: "某县", Days: []PlanDay{{d(2011, 7, 27), KindAdjustedWorkday, "火把节"}}}
	if _, err := base.WithRegion(bad); err == nil {
		t.Error("accepted an adjusted working day on a Wednesday")
	}
}

func TestWithPlanReplacesYear(t *testing.T) {
	p, err := ParseNotice("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。")
	if err != nil {
		t.Fatal(err)
	}
	cal, err := Default().WithPlan(p)
	if err != nil {
		t.Fatal(err)
	}
	day, _ := cal.Day(d(2027, 1, 1))
	if day.Kind != KindHoliday || day.Estimated {
		t.Errorf("after import: %+v", day)
	}
	// Replacing 2020 drops the extension amendment with the old plan.
	p2020 := YearPlan{Year: 2020, Title: "测试", Days: []PlanDay{{d(2020, 5, 6), KindHoliday, "劳动节"}}}
	cal, err = Default().WithPlan(p2020)
	if err != nil {
		t.Fatal(err)
	}
	if day, _ := cal.Day(d(2020, 2, 1)); day.Kind != KindWeekend {
		t.Errorf("2020-02-01 after replacing 2020 = %+v", day)
	}
}

func TestNewRejectsConflicts(t *testing.T) {
	a := YearPlan{Year: 2030, Title: "A", Days: []PlanDay{{d(2030, 1, 1), KindHoliday, "元旦"}}}
	b := YearPlan{Year: 2031, Title: "B", Days: []PlanDay{{d(2030, 1, 1), KindAdjustedWorkday, "元旦"}}}
	if _, err := New([]YearPlan{a, b}, nil); err == nil {
		t.Error("conflicting plans accepted")
	}
	if _, err := New([]YearPlan{a, a}, nil); err == nil {
		t.Error("duplicate year accepted")
	}
	am := Amendment{NoticeRef: NoticeRef{Title: "X"}, Year: 2040}
	if _, err := New([]YearPlan{a}, []Amendment{am}); err == nil {
		t.Error("amendment of an unknown year accepted")
	}
}

func TestDateArithmetic(t *testing.T) {
	cases := []struct {
		from   Date
		months int
		want   Date
	}{
		{d(2024, 1, 31), 1, d(2024, 2, 29)},
		{d(2023, 1, 31), 1, d(2023, 2, 28)},
		{d(2023, 8, 31), 6, d(2024, 2, 29)},
		{d(2024, 12, 15), 1, d(2025, 1, 15)},
		{d(2024, 2, 29), 12, d(2025, 2, 28)},
		{d(2024, 3, 31), -1, d(2024, 2, 29)},
	}
	for _, c := range cases {
		if got := c.from.AddMonths(c.months); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.months, got, c.want)
		}
	}
	if _, err := NewDate(2023, time.February, 29); err == nil {
		t.Error("2023-02-29 accepted")
	}
	if got, err := ParseDate("2024-09-27"); err != nil || got != d(2024, 9, 27) {
		t.Errorf("ParseDate = %v, %v", got, err)
	}
	for _, bad := range []string{"2024/09/27", "24-9-27", "2024-13-01", ""} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if got := spanChinese(d(2024, 9, 29), d(2024, 10, 7)); got != "2024年9月29日至10月7日" {
		t.Errorf("spanChinese = %q", got)
	}
}
