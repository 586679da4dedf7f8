package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"fazhi/internal/httpx"
	"fazhi/internal/plan"
	"fazhi/internal/supervise"
)

type dashboardData struct {
	supervise.Dashboard
	Plans     []plan.Plan
	PlanID    int64
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
// by chapter and the reports over time, for the user's scope.
func (s *Server) handleSuperviseDashboard(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	planID, _ := strconv.ParseInt(r.URL.Query().Get("plan"), 10, 64)
	st, err := s.Tasks.Stats(r.Context(), u.ScopePath, planID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := dashboardData{Dashboard: st, PlanID: planID, ScopeName: u.ScopeName}
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
