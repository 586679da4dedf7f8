package calendar

// DayKind classifies a day for deadline counting.
type DayKind string

// Day kinds. Weekends are rest days unless a notice declares them working days.
const (
	KindWorkday         DayKind = "workday"          // ordinary Monday–Friday
	KindWeekend         DayKind = "weekend"          // ordinary Saturday/Sunday
	KindHoliday         DayKind = "holiday"          // 放假 (statutory holiday or 调休 day off)
	KindAdjustedWorkday DayKind = "adjusted_workday" // 调休上班 on a weekend
)

// IsWorkday reports whether a day of this kind counts as a working day.
func (k DayKind) IsWorkday() bool {
	return k == KindWorkday || k == KindAdjustedWorkday
}

// Label is the Chinese label used in previews and trails.
func (k DayKind) Label() string {
	switch k {
	case KindWorkday:
		return "工作日"
	case KindWeekend:
		return "周末"
	case KindHoliday:
		return "放假"
	case KindAdjustedWorkday:
		return "调休上班日"
	}
	return string(k)
}

// EstimatedNote is attached to every result that touches a year whose
// 部分节假日安排 has not been published (only weekends are known).
const EstimatedNote = "该年度节假日安排尚未发布，结果为预估"

// Day is one calendar day as the calendar sees it.
type Day struct {
	Date      Date    `json:"date"`
	Workday   bool    `json:"workday"`
	Kind      DayKind `json:"kind"`
	Name      string  `json:"name,omitempty"`      // e.g. "春节" for holiday/adjusted days
	Source    string  `json:"source,omitempty"`    // notice or regional rule that set the day
	Estimated bool    `json:"estimated,omitempty"` // year not published: weekends only
}

// describe renders a day for a trail, e.g. "周六，调休上班日" or "国庆节放假".
func (d Day) describe() string {
	switch d.Kind {
	case KindHoliday:
		return d.Name + "放假"
	case KindAdjustedWorkday:
		return d.Date.WeekdayName() + "，" + d.Name + "调休上班日"
	default:
		return d.Date.WeekdayName()
	}
}
