package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/httpx"
)

// calcForm is the calculator's form as typed, echoed back on the page.
type calcForm struct {
	Rule, N, Unit, Start, Suspend, Extend string
	Before                                bool
}

type ruleOption struct {
	ID, Label string
}

// ruleGroup is one <optgroup>: the rules of a chapter.
type ruleGroup struct {
	Chapter string
	Rules   []ruleOption
}

type valueLabel struct{ Value, Label string }

type calendarCalcData struct {
	Tabs       []calTab
	Form       calcForm
	Groups     []ruleGroup
	Units      []valueLabel
	Result     *deadline.Computed
	Region     string
	Weekday    string
	RuleLength string
}

var calcUnits = []valueLabel{{"workday", "个工作日"}, {"day", "日（自然日）"}, {"month", "个月"}, {"year", "年"}}

// ruleGroups offers the rules that can compute a due date, by chapter.
func ruleGroups(rules []deadline.EffectiveRule) []ruleGroup {
	var out []ruleGroup
	for _, r := range rules {
		if !r.Countable() {
			continue
		}
		if len(out) == 0 || out[len(out)-1].Chapter != r.Chapter {
			out = append(out, ruleGroup{Chapter: r.Chapter})
		}
		label := r.Name + "（" + strconv.Itoa(r.N) + r.Unit.Label()
		if r.Before {
			label += "前"
		}
		g := &out[len(out)-1]
		g.Rules = append(g.Rules, ruleOption{ID: r.ID, Label: label + "）"})
	}
	return out
}

// calcFrom turns the submitted form into a computation.
func calcFrom(f calcForm, region string) (c deadline.Calc, err error) {
	c = deadline.Calc{RegionCode: region, RuleID: f.Rule, Before: f.Before && f.Rule == ""}
	if c.Start, err = calendar.ParseDate(f.Start); err != nil {
		return c, httpx.Invalid("起算日期" + strings.TrimPrefix(err.Error(), "日期"))
	}
	num := func(s, what string) (int, error) {
		if strings.TrimSpace(s) == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 || n > 36500 {
			return 0, httpx.Invalid(what + "应为0至36500之间的整数")
		}
		return n, nil
	}
	if c.SuspendDays, err = num(f.Suspend, "中止天数"); err != nil {
		return c, err
	}
	if c.ExtendN, err = num(f.Extend, "延长期限"); err != nil {
		return c, err
	}
	if f.Rule != "" {
		return c, nil
	}
	if c.N, err = num(f.N, "期限长度"); err != nil || c.N == 0 {
		return c, httpx.Invalid("请选择期限规则，或填写期限长度（正整数）和单位")
	}
	if c.Unit, err = calendar.ParseUnit(f.Unit); err != nil {
		return c, httpx.Invalid("请选择期限单位")
	}
	return c, nil
}

func (s *Server) handleCalendarCalc(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := calcForm{Rule: q.Get("rule"), N: q.Get("n"), Unit: q.Get("unit"), Start: q.Get("start"),
		Suspend: q.Get("suspend"), Extend: q.Get("extend"), Before: q.Get("before") == "1"}
	region := s.userRegion(r)
	rules, err := s.Deadlines.Rules(r.Context(), region)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := calendarCalcData{Tabs: s.calTabs(r, "/calendar/calc"), Form: f, Groups: ruleGroups(rules), Units: calcUnits, Region: region}
	if !q.Has("start") {
		d.Form.Start, d.Form.Unit = s.Deadlines.Today().String(), "workday"
		s.render(w, http.StatusOK, "calendar_calc", s.view(r, "期限计算器", d))
		return
	}
	res, err := s.calcResult(r, f, region)
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		v := s.view(r, "期限计算器", d)
		v.Error = ae.Message
		s.render(w, ae.Status, "calendar_calc", v)
		return
	}
	d.Result, d.Weekday = &res, res.Due.WeekdayName()
	if res.Rule != nil {
		d.RuleLength = ruleLength(*res.Rule)
	}
	s.render(w, http.StatusOK, "calendar_calc", s.view(r, "期限计算器", d))
}

func (s *Server) calcResult(r *http.Request, f calcForm, region string) (deadline.Computed, error) {
	c, err := calcFrom(f, region)
	if err != nil {
		return deadline.Computed{}, err
	}
	return s.Deadlines.Compute(r.Context(), c)
}
