package web

import "net/http"

// handleCalendarRuleConfirm enables an unverified (U) rule.
func (s *Server) handleCalendarRuleConfirm(w http.ResponseWriter, r *http.Request) {
	s.ruleAction(w, r, overrideForm{}, func(id string) (string, error) {
		return "规则已确认启用", s.Deadlines.ConfirmRule(r.Context(), id, r.PostFormValue("note"))
	})
}

// handleCalendarRuleRevoke disables a confirmed U rule again.
func (s *Server) handleCalendarRuleRevoke(w http.ResponseWriter, r *http.Request) {
	s.ruleAction(w, r, overrideForm{}, func(id string) (string, error) {
		return "已撤销启用，规则恢复为停用", s.Deadlines.RevokeRule(r.Context(), id, r.PostFormValue("note"))
	})
}
