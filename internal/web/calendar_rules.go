package web

import (
	"net/http"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
)

// ruleRow is one line of the catalogue list.
type ruleRow struct {
	deadline.EffectiveRule
	Length      string
	StatusLabel string
	StatusClass string
}

// ruleLength is the rule's length as it applies, in words.
func ruleLength(r deadline.EffectiveRule) string {
	if r.Override != nil {
		return r.LengthText
	}
	return deadline.LengthLabel(r.Rule)
}

// ruleStatus labels a rule's status for the list and the detail page.
func ruleStatus(r deadline.EffectiveRule) (label, class string) {
	switch {
	case r.Confirmation != nil:
		return "已确认启用", "green"
	case r.Status == calendar.StatusDisabled:
		return "未核实，停用", "red"
	case r.Status == calendar.StatusRegional:
		return "地方惯例，可调整", "yellow"
	}
	return "有效", "green"
}

var ruleStatusFilters = []valueLabel{{"", "全部"}, {"active", "有效"}, {"regional", "地方惯例"},
	{"disabled", "未核实（停用）"}, {"confirmed", "已确认启用"}, {"override", "本地区另有规定"}}

func keepRule(r deadline.EffectiveRule, chapter, status string) bool {
	if chapter != "" && r.Chapter != chapter {
		return false
	}
	switch status {
	case "active":
		return r.Status == calendar.StatusActive
	case "regional":
		return r.Status == calendar.StatusRegional
	case "disabled":
		return r.Status == calendar.StatusDisabled
	case "confirmed":
		return r.Confirmation != nil
	case "override":
		return r.Override != nil
	}
	return true
}

type calendarRulesData struct {
	Tabs            []calTab
	Rows            []ruleRow
	Chapters        []string
	Statuses        []valueLabel
	Chapter, Status string
	Region          string
	Total           int
}

func (s *Server) handleCalendarRules(w http.ResponseWriter, r *http.Request) {
	region := s.userRegion(r)
	rules, err := s.Deadlines.Rules(r.Context(), region)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	d := calendarRulesData{Tabs: s.calTabs(r, "/calendar/rules"), Statuses: ruleStatusFilters,
		Chapter: q.Get("chapter"), Status: q.Get("status"), Region: region, Total: len(rules)}
	for _, rule := range rules {
		if len(d.Chapters) == 0 || d.Chapters[len(d.Chapters)-1] != rule.Chapter {
			d.Chapters = append(d.Chapters, rule.Chapter)
		}
		if !keepRule(rule, d.Chapter, d.Status) {
			continue
		}
		label, class := ruleStatus(rule)
		d.Rows = append(d.Rows, ruleRow{EffectiveRule: rule, Length: ruleLength(rule), StatusLabel: label, StatusClass: class})
	}
	s.render(w, http.StatusOK, "calendar_rules", s.view(r, "期限规则", d))
}
