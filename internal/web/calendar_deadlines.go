package web

import (
	"fmt"
	"net/http"
	"slices"

	"fazhi/internal/deadline"
	"fazhi/internal/httpx"
)

// deadlineRow is one item of the user's deadline list.
type deadlineRow struct {
	deadline.Item
	Left string // 剩余3个工作日 / 逾期5日
}

type calendarDeadlinesData struct {
	Tabs    []calTab
	Overdue []deadlineRow
	Soon    []deadlineRow
	Within  int
	Withins []int
	Scope   string
	Today   string
	Horizon string
}

var deadlineWithins = []int{3, 5, 10, 20, 60}

// handleDeadlines lists the open deadlines of the user's scope that are
// overdue or due within the chosen number of working days.
func (s *Server) handleDeadlines(w http.ResponseWriter, r *http.Request) {
	within, err := queryInt(r, "within", 10)
	if err != nil || !slices.Contains(deadlineWithins, within) {
		within = 10
	}
	u := httpx.User(r)
	scope := deadline.Scope{UnitPath: u.ScopePath}
	today := s.Deadlines.Today()
	cal, err := s.Deadlines.Calendar(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	overdue, err := s.Deadlines.Overdue(r.Context(), scope, today)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	soon, err := s.Deadlines.DueFor(r.Context(), scope, within, today)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	horizon, err := s.Deadlines.WorkdaysAhead(r.Context(), today, within)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := calendarDeadlinesData{Tabs: s.calTabs(r, "/deadlines"), Within: within, Withins: deadlineWithins,
		Scope: u.ScopeName, Today: today.Chinese(), Horizon: horizon.Chinese()}
	for _, it := range overdue {
		d.Overdue = append(d.Overdue, deadlineRow{Item: it, Left: fmt.Sprintf("逾期%d日", it.Due.DaysUntil(today))})
	}
	for _, it := range soon {
		left := "今日届满"
		if it.Due != today {
			left = fmt.Sprintf("剩余%d个工作日", deadline.WorkdaysBetween(cal, today, it.Due))
		}
		d.Soon = append(d.Soon, deadlineRow{Item: it, Left: left})
	}
	s.render(w, http.StatusOK, "calendar_deadlines", s.view(r, "我的期限", d))
}
