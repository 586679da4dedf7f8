package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/httpx"
)

// handleCalendarRuleOverride sets a region's own length for a rule.
func (s *Server) handleCalendarRuleOverride(w http.ResponseWriter, r *http.Request) {
	f := overrideForm{RegionCode: r.PostFormValue("region_code"), N: r.PostFormValue("n"), Unit: r.PostFormValue("unit"),
		Citation: r.PostFormValue("citation"), Note: r.PostFormValue("note")}
	s.ruleAction(w, r, f, func(id string) (string, error) {
		if _, ok := calendar.LookupRule(id); !ok {
			return "", httpx.ErrNotFound
		}
		n, err := strconv.Atoi(strings.TrimSpace(f.N))
		if err != nil {
			return "", httpx.Invalid("期限长度应为正整数")
		}
		o := deadline.Override{RegionCode: f.RegionCode, RuleID: id, N: n, Unit: calendar.Unit(f.Unit),
			Citation: f.Citation, Note: f.Note}
		return "地方期限已保存", s.Deadlines.SetRuleOverride(r.Context(), o)
	})
}

// handleCalendarRuleOverrideDelete returns a region to the national length.
func (s *Server) handleCalendarRuleOverrideDelete(w http.ResponseWriter, r *http.Request) {
	s.ruleAction(w, r, overrideForm{}, func(id string) (string, error) {
		return "已恢复全国规定", s.Deadlines.DeleteRuleOverride(r.Context(), r.PostFormValue("region_code"), id)
	})
}
