package metric

import (
	"fmt"
	"time"
)

// Period is a calendar year, or a half or a quarter of one.
type Period struct {
	Year    int
	Half    int // 1 or 2; 0 when not a half year
	Quarter int // 1–4; 0 when not a quarter
}

// Year returns the whole calendar year y.
func Year(y int) Period { return Period{Year: y} }

// WholeYear reports whether p is a calendar year.
func (p Period) WholeYear() bool { return p.Half == 0 && p.Quarter == 0 }

// Valid reports whether p names a real period.
func (p Period) Valid() bool {
	if p.Year < 1949 || p.Year > 9999 || (p.Half != 0 && p.Quarter != 0) {
		return false
	}
	return p.Half >= 0 && p.Half <= 2 && p.Quarter >= 0 && p.Quarter <= 4
}

// Bounds returns the first day of the period and the first day after it.
func (p Period) Bounds() (from, to time.Time) {
	start, months := 1, 12
	switch {
	case p.Half > 0:
		start, months = (p.Half-1)*6+1, 6
	case p.Quarter > 0:
		start, months = (p.Quarter-1)*3+1, 3
	}
	from = time.Date(p.Year, time.Month(start), 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, months, 0)
}

var quarterNames = []string{"", "第一季度", "第二季度", "第三季度", "第四季度"}

// String is the period in Chinese: 2025年, 2025年上半年, 2025年第三季度.
func (p Period) String() string {
	switch {
	case p.Half == 1:
		return fmt.Sprintf("%d年上半年", p.Year)
	case p.Half == 2:
		return fmt.Sprintf("%d年下半年", p.Year)
	case p.Quarter > 0 && p.Quarter <= 4:
		return fmt.Sprintf("%d年%s", p.Year, quarterNames[p.Quarter])
	}
	return fmt.Sprintf("%d年", p.Year)
}
