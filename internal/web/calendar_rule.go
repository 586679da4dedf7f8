package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/httpx"
)

// overrideForm is the regional length form as typed.
type overrideForm struct {
	RegionCode, N, Unit, Citation, Note string
}

type calendarRuleData struct {
	Tabs        []calTab
	Rule        deadline.EffectiveRule
	Length      string
	Default     string
	StatusLabel string
	StatusClass string
	Overrides   []deadline.Override
	RegionNames map[string]string
	Regions     []valueLabel
	Units       []valueLabel
	Form        overrideForm
	CanEdit     bool
	CanOverride bool
}

func (s *Server) handleCalendarRule(w http.ResponseWriter, r *http.Request) {
	region := s.userRegion(r)
	s.rulePage(w, r, http.StatusOK, nil, overrideForm{RegionCode: region, Unit: "workday"})
}

// rulePage shows one rule with its confirmation and regional lengths, and
// the forms to change them; err is shown above the forms.
func (s *Server) rulePage(w http.ResponseWriter, r *http.Request, status int, err error, form overrideForm) {
	rule, lerr := s.Deadlines.Rule(r.Context(), s.userRegion(r), r.PathValue("id"))
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	overrides, lerr := s.Deadlines.Overrides(r.Context(), rule.ID)
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	regions, lerr := s.Org.ListRegions(r.Context())
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	d := calendarRuleData{Tabs: s.calTabs(r, "/calendar/rules"), Rule: rule, Length: ruleLength(rule),
		Default: deadline.LengthLabel(rule.Default), Overrides: overrides, RegionNames: map[string]string{},
		Units: calcUnits, Form: form, CanEdit: httpx.User(r).Can(auth.PermCalendarEdit),
		CanOverride: rule.Default.N > 0 && rule.Default.Unit != "hour"}
	d.StatusLabel, d.StatusClass = ruleStatus(rule)
	for _, rg := range regions {
		d.RegionNames[rg.Code] = rg.Name
		d.Regions = append(d.Regions, valueLabel{rg.Code, rg.Name + "（" + rg.Code + "）"})
	}
	v := s.view(r, rule.Name, d)
	if err != nil {
		v.Error = httpx.Classify(err).Message
	}
	s.render(w, status, "calendar_rule", v)
}

// ruleAction runs one change on the rule of the path and reports the result
// on the rule's page.
func (s *Server) ruleAction(w http.ResponseWriter, r *http.Request, form overrideForm, do func(id string) (string, error)) {
	id := r.PathValue("id")
	msg, err := do(id)
	if err != nil {
		ae := httpx.Classify(err)
		if ae.Status >= 500 || ae.Status == http.StatusNotFound {
			s.fail(w, r, err)
			return
		}
		s.rulePage(w, r, ae.Status, err, form)
		return
	}
	flashRedirect(w, r, "/calendar/rules/"+id, msg)
}
