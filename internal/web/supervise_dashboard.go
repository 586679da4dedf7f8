package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/httpx"
	"fazhi/internal/plan"
	"fazhi/internal/supervise"
)

type dashboardData struct {
	supervise.Dashboard
	Plans     []plan.Plan
	PlanID    int64
	Year      int   // 0: as things stand today
	Years     []int // the years to choose from, newest first
	AsOf      string
	ChartJSON string // read by /static/supervise.js from a JSON script block
	ScopeName string
}

// chartSeries is what the charts need: names, rates and drill-down links.
type chartSeries struct {
	Names      []string   `json:"names"`
	Completion []*float64 `json:"completion"`
	OnTime     []*float64 `json:"onTime"`
	Links      []string   `json:"links"`
}

type chartData struct {
	Units    chartSeries `json:"units"`
	Chapters chartSeries `json:"chapters"`
	Months   struct {
		Names     []string `json:"names"`
		Submitted []int    `json:"submitted"`
		Accepted  []int    `json:"accepted"`
	} `json:"months"`
}

// handleSuperviseDashboard draws completion and on-time rates by unit and
// by chapter and the reports over time, for the user's scope: as things
// stand today, or with ?year= as they stood at the end of that year (the
// figures the year's report and 考核 cite, which link here).
func (s *Server) handleSuperviseDashboard(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	q := r.URL.Query()
	planID, _ := strconv.ParseInt(q.Get("plan"), 10, 64)
	now := time.Now().In(cst)
	d := dashboardData{PlanID: planID, ScopeName: u.ScopeName}
	for y := now.Year(); y > now.Year()-6; y-- {
		d.Years = append(d.Years, y)
	}
	var err error
	if ys := q.Get("year"); ys != "" {
		y, perr := strconv.Atoi(ys)
		if perr != nil || y < 2000 || y > now.Year() {
			s.fail(w, r, httpx.Invalid(fmt.Sprintf("年度“%s”无效：请选择2000年至%d年之间的年度", ys, now.Year())))
			return
		}
		d.Year = y
		if y < d.Years[len(d.Years)-1] {
			d.Years = append(d.Years, y)
		}
		d.AsOf = fmt.Sprintf("%d年12月31日", y)
		if y == now.Year() {
			d.AsOf = now.Format("2006年1月2日")
		}
		d.Dashboard, err = s.Tasks.YearStats(r.Context(), u.ScopePath, planID, y)
	} else {
		d.Dashboard, err = s.Tasks.Stats(r.Context(), u.ScopePath, planID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st := d.Dashboard
	if s.Plans != nil {
		if d.Plans, err = s.Plans.List(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	b, err := json.Marshal(chartsOf(st, planID))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.ChartJSON = string(b)
	s.render(w, http.StatusOK, "supervise_dashboard", s.view(r, "督办统计", d))
}

func chartsOf(st supervise.Dashboard, planID int64) chartData {
	var c chartData
	suffix := ""
	if planID != 0 {
		suffix = "&plan=" + itoa(planID)
	}
	add := func(s *chartSeries, rt supervise.Rate, link string) {
		s.Names = append(s.Names, rt.Name)
		s.Completion, s.OnTime = append(s.Completion, rt.CompletionPct()), append(s.OnTime, rt.OnTimePct())
		s.Links = append(s.Links, link)
	}
	for _, rt := range st.ByUnit {
		add(&c.Units, rt, "/tasks?unit="+rt.Key+suffix)
	}
	for _, rt := range st.ByChapter {
		add(&c.Chapters, rt, "")
	}
	for _, m := range st.Months {
		c.Months.Names = append(c.Months.Names, m.Month)
		c.Months.Submitted = append(c.Months.Submitted, m.Submitted)
		c.Months.Accepted = append(c.Months.Accepted, m.Accepted)
	}
	return c
}
