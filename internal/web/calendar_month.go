package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/calendar"
	"fazhi/internal/httpx"
)

// calDayEntry is one holiday or adjusted working day listed under a grid.
type calDayEntry struct {
	Date    string // 2025年10月1日
	Weekday string
	Label   string // 国庆节放假 / 国庆节调休上班
	Kind    string // holiday | adjusted
	Source  string
}

type calendarMonthData struct {
	Tabs        []calTab
	Year, Month int
	Grid        template.HTML
	Info        calendar.YearInfo
	Days        []calDayEntry
	Prev, Next  string
	IsToday     bool
	Today       string
	Regions     []string
	Workdays    int
	CanEdit     bool
	Years       []int
	Months      []int
}

// calYearMonth reads ?year=&month= (defaults: the current month).
func calYearMonth(r *http.Request, today calendar.Date) (int, time.Month, error) {
	year, err := queryInt(r, "year", today.Year)
	if err != nil {
		return 0, 0, err
	}
	month, err := queryInt(r, "month", int(today.Month))
	if err != nil {
		return 0, 0, err
	}
	if year < calendar.MinYear || year > calendar.MaxYear {
		return 0, 0, httpx.Invalid(fmt.Sprintf("年份应在%d年至%d年之间", calendar.MinYear, calendar.MaxYear))
	}
	if month < 1 || month > 12 {
		return 0, 0, httpx.Invalid("月份应在1至12之间")
	}
	return year, time.Month(month), nil
}

// monthEntries lists the month's holidays and adjusted working days.
func monthEntries(c *calendar.Calendar, year int, month time.Month) (entries []calDayEntry, workdays int) {
	for day := 1; day <= calendar.DaysIn(year, month); day++ {
		d, err := c.Day(calendar.MustDate(year, month, day))
		if err != nil {
			continue
		}
		if d.Workday {
			workdays++
		}
		if e, ok := dayEntry(d); ok {
			entries = append(entries, e)
		}
	}
	return entries, workdays
}

func dayEntry(d calendar.Day) (calDayEntry, bool) {
	e := calDayEntry{Date: d.Date.Chinese(), Weekday: d.Date.WeekdayName(), Source: d.Source}
	switch d.Kind {
	case calendar.KindHoliday:
		e.Label, e.Kind = d.Name+"放假", "holiday"
	case calendar.KindAdjustedWorkday:
		e.Label, e.Kind = d.Name+"调休上班", "adjusted"
	default:
		return e, false
	}
	return e, true
}

// calendarYearOf resolves the requested year (and month) and loads the
// user's regional calendar and that year's information; on failure it has
// already answered the request and ok is false.
func (s *Server) calendarYearOf(w http.ResponseWriter, r *http.Request, today calendar.Date) (
	cal *calendar.Calendar, info calendar.YearInfo, year int, month time.Month, ok bool) {
	year, month, err := calYearMonth(r, today)
	if err == nil {
		cal, err = s.Deadlines.CalendarFor(r.Context(), s.userRegion(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, info, 0, 0, false
	}
	if info, err = cal.Year(year); err != nil {
		s.fail(w, r, httpx.Invalid(err.Error()))
		return nil, info, 0, 0, false
	}
	return cal, info, year, month, true
}

func (s *Server) handleCalendarMonth(w http.ResponseWriter, r *http.Request) {
	today := s.Deadlines.Today()
	cal, info, year, month, ok := s.calendarYearOf(w, r, today)
	if !ok {
		return
	}
	d := calendarMonthData{Tabs: s.calTabs(r, "/calendar"), Year: year, Month: int(month), Info: info,
		Grid: buildGrid(year, month, calendarClassifier(cal), today).html(), Today: today.Chinese(),
		IsToday: year == today.Year && month == today.Month, Regions: cal.Regions(),
		CanEdit: httpx.User(r).Can(auth.PermCalendarEdit), Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}
	d.Days, d.Workdays = monthEntries(cal, year, month)
	for i := range d.Days { // name only the sources other than the year's notice
		if info.Notice != nil && d.Days[i].Source == info.Notice.Title {
			d.Days[i].Source = ""
		}
	}
	first := calendar.MustDate(year, month, 1)
	if p := first.AddMonths(-1); p.Year >= calendar.MinYear {
		d.Prev = fmt.Sprintf("/calendar?year=%d&month=%d", p.Year, int(p.Month))
	}
	if n := first.AddMonths(1); n.Year <= calendar.MaxYear {
		d.Next = fmt.Sprintf("/calendar?year=%d&month=%d", n.Year, int(n.Month))
	}
	for y := max(calendar.MinYear, today.Year-3); y <= min(calendar.MaxYear, today.Year+2); y++ {
		d.Years = append(d.Years, y)
	}
	if !slices.Contains(d.Years, year) {
		d.Years = append(d.Years, year)
		slices.Sort(d.Years)
	}
	s.render(w, http.StatusOK, "calendar_month", s.view(r, fmt.Sprintf("工作日历 %d年%d月", year, int(month)), d))
}
