package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"fazhi/internal/calendar"
)

type calendarYearData struct {
	Tabs       []calTab
	Year       int
	Info       calendar.YearInfo
	Grids      []template.HTML
	Days       []calDayEntry
	Workdays   int
	Prev, Next int
	Regions    []string
}

func (s *Server) handleCalendarYear(w http.ResponseWriter, r *http.Request) {
	today := s.Deadlines.Today()
	cal, info, year, _, ok := s.calendarYearOf(w, r, today)
	if !ok {
		return
	}
	d := calendarYearData{Tabs: s.calTabs(r, "/calendar/year"), Year: year, Info: info, Regions: cal.Regions()}
	if year > calendar.MinYear {
		d.Prev = year - 1
	}
	if year < calendar.MaxYear {
		d.Next = year + 1
	}
	for m := time.January; m <= time.December; m++ {
		g := buildGrid(year, m, calendarClassifier(cal), today)
		g.Compact, g.Link = true, fmt.Sprintf("/calendar?year=%d&month=%d", year, int(m))
		d.Grids = append(d.Grids, g.html())
		days, work := monthEntries(cal, year, m)
		d.Days, d.Workdays = append(d.Days, days...), d.Workdays+work
	}
	s.render(w, http.StatusOK, "calendar_year", s.view(r, fmt.Sprintf("%d年工作日历", year), d))
}
