package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/httpx"
)

// CalendarDeps are the calendar and deadline services the calendar pages use.
type CalendarDeps struct {
	Deadlines *deadline.Service
}

// calendarRoutes are the calendar pages: month and year views, deadline
// calculator, holiday notice import, rule catalogue, regional holidays and
// the user's deadlines. Without the deadline service there are none.
func (s *Server) calendarRoutes() []httpx.Route {
	if s.Deadlines == nil {
		return nil
	}
	view, edit := auth.PermCalendarView, auth.PermCalendarEdit
	return []httpx.Route{
		{Method: "GET", Pattern: "/calendar", Perm: view, Handler: s.handleCalendarMonth},
		{Method: "GET", Pattern: "/calendar/year", Perm: view, Handler: s.handleCalendarYear},
		{Method: "GET", Pattern: "/calendar/calc", Perm: view, Handler: s.handleCalendarCalc},
		{Method: "GET", Pattern: "/calendar/import", Perm: edit, Handler: s.handleCalendarImportForm},
		{Method: "POST", Pattern: "/calendar/import/preview", Perm: edit, Handler: s.handleCalendarImportPreview},
		{Method: "POST", Pattern: "/calendar/import", Perm: edit, Handler: s.handleCalendarImport},
		{Method: "GET", Pattern: "/calendar/rules", Perm: view, Handler: s.handleCalendarRules},
		{Method: "GET", Pattern: "/calendar/rules/{id}", Perm: view, Handler: s.handleCalendarRule},
		{Method: "POST", Pattern: "/calendar/rules/{id}/confirm", Perm: edit, Handler: s.handleCalendarRuleConfirm},
		{Method: "POST", Pattern: "/calendar/rules/{id}/revoke", Perm: edit, Handler: s.handleCalendarRuleRevoke},
		{Method: "POST", Pattern: "/calendar/rules/{id}/override", Perm: edit, Handler: s.handleCalendarRuleOverride},
		{Method: "POST", Pattern: "/calendar/rules/{id}/override/delete", Perm: edit, Handler: s.handleCalendarRuleOverrideDelete},
		{Method: "GET", Pattern: "/calendar/regions", Perm: view, Handler: s.handleCalendarRegions},
		{Method: "POST", Pattern: "/calendar/regions", Perm: edit, Handler: s.handleCalendarRegionSave},
		{Method: "GET", Pattern: "/deadlines", Perm: view, Handler: s.handleDeadlines},
	}
}

// userRegion is the division code of the user's unit (or its nearest
// ancestor with one): its regional holidays and rule lengths apply.
func (s *Server) userRegion(r *http.Request) string {
	code, err := s.Deadlines.RegionOfUnit(r.Context(), httpx.User(r).UnitID)
	if err != nil {
		s.Log.Warn("region of user's unit", "err", err)
		return ""
	}
	return code
}

// queryInt reads a non-negative integer query parameter; empty is def.
func queryInt(r *http.Request, name string, def int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return def, httpx.Invalid("“" + v + "”不是有效的非负整数")
	}
	return n, nil
}

// calTab is one entry of the tab bar shared by the calendar pages.
type calTab struct {
	Label, Href string
	Active      bool
}

// calTabs lists the calendar pages the user may open, marking active.
func (s *Server) calTabs(r *http.Request, active string) []calTab {
	u := httpx.User(r)
	tabs := []calTab{{"月历", "/calendar", false}, {"全年", "/calendar/year", false}, {"期限计算器", "/calendar/calc", false},
		{"我的期限", "/deadlines", false}, {"期限规则", "/calendar/rules", false}, {"地方节假日", "/calendar/regions", false}}
	if u.Can(auth.PermCalendarEdit) {
		tabs = append(tabs, calTab{"导入放假通知", "/calendar/import", false})
	}
	for i := range tabs {
		tabs[i].Active = tabs[i].Href == active
	}
	return tabs
}
