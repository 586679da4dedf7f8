package calendar

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date (no time of day, no zone). Deadlines are counted in
// whole days, so a time.Time with a zone would only invite off-by-one errors.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date and an error if it does not exist (e.g. 2月30日).
func NewDate(year int, month time.Month, day int) (Date, error) {
	d := Date{year, month, day}
	if month < 1 || month > 12 || day < 1 || day > DaysIn(year, month) {
		return Date{}, fmt.Errorf("日期不存在：%d年%d月%d日", year, int(month), day)
	}
	return d, nil
}

// MustDate is NewDate for literals known to be valid; it panics otherwise.
func MustDate(year int, month time.Month, day int) Date {
	d, err := NewDate(year, month, day)
	if err != nil {
		panic(err)
	}
	return d
}

// ParseDate parses the ISO form "2024-09-27".
func ParseDate(s string) (Date, error) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("日期格式应为 YYYY-MM-DD：%q", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return Date{}, fmt.Errorf("日期格式应为 YYYY-MM-DD：%q", s)
		}
		n[i] = v
	}
	return NewDate(n[0], time.Month(n[1]), n[2])
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// DaysIn returns the number of days in the month.
func DaysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

func (d Date) time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns d moved by n days (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.time().AddDate(0, 0, n)) }

// AddMonths returns the corresponding day n months later; when that month has
// no such day the month's last day is used (民法典第202条).
func (d Date) AddMonths(n int) Date {
	total := d.Year*12 + int(d.Month) - 1 + n
	y, m := total/12, time.Month(total%12+1)
	day := min(d.Day, DaysIn(y, m))
	return Date{y, m, day}
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.time().Weekday() }

// IsWeekend reports whether d is a Saturday or Sunday.
func (d Date) IsWeekend() bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(int(d.Month) - int(o.Month))
	default:
		return sign(d.Day - o.Day)
	}
}

// DaysUntil returns the number of days from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int(o.time().Sub(d.time()).Hours() / 24)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// String returns the ISO form "2024-09-27".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Chinese returns "2024年9月27日".
func (d Date) Chinese() string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

var weekdayNames = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// WeekdayName returns "周一" … "周日".
func (d Date) WeekdayName() string { return weekdayNames[d.Weekday()] }

// MarshalJSON writes the ISO form.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte(`""`), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads the ISO form; "" is the zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// spanChinese renders a run of days compactly: "2024年10月1日至7日",
// "2024年9月29日至10月7日", or a single day.
func spanChinese(from, to Date) string {
	switch {
	case from == to:
		return from.Chinese()
	case from.Year != to.Year:
		return from.Chinese() + "至" + to.Chinese()
	case from.Month != to.Month:
		return fmt.Sprintf("%s至%d月%d日", from.Chinese(), int(to.Month), to.Day)
	default:
		return fmt.Sprintf("%s至%d日", from.Chinese(), to.Day)
	}
}
