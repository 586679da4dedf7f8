package supervise

import (
	"slices"
	"testing"
	"time"
)

func TestValidPeriod(t *testing.T) {
	for _, tc := range []struct {
		p  string
		ok bool
	}{
		{"2026年11月", true}, {"2026年1月", true}, {"2026年第4季度", true}, {"2026年上半年", true},
		{"2026年下半年", true}, {"2026年度", true},
		{"2026年13月", false}, {"2026年01月", false}, {"2026年第5季度", false}, {"2026", false},
		{"1999年度", false}, {"2026年11月 ", false}, {"", false},
	} {
		if got := ValidPeriod(tc.p); got != tc.ok {
			t.Errorf("ValidPeriod(%q) = %v, want %v", tc.p, got, tc.ok)
		}
	}
}

func TestPeriodChoices(t *testing.T) {
	got := PeriodChoices(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
	want := []string{"2026年1月", "2025年12月", "2026年第1季度", "2025年第4季度", "2026年上半年", "2026年度"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, p := range PeriodChoices(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)) {
		if !ValidPeriod(p) {
			t.Errorf("choice %q is not valid", p)
		}
	}
}

func TestNextMonth(t *testing.T) {
	for in, want := range map[string]string{"2026-11": "2026-12", "2026-12": "2027-01", "bad": "9999-12"} {
		if got := nextMonth(in); got != want {
			t.Errorf("nextMonth(%q) = %q, want %q", in, got, want)
		}
	}
}
