package web

import (
	"encoding/json"
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type reviewResultsData struct {
	enforcement.ReviewResults
	ChartJSON string // read by /static/enf_review.js (no inline script under the CSP)
}

// reviewChart is what the results chart draws per ranked unit.
type reviewChart struct {
	Names     []string   `json:"names"`
	Average   []float64  `json:"average"`
	GoodRate  []*float64 `json:"goodRate"`
	Excellent []int      `json:"excellent"`
	Good      []int      `json:"good"`
	Pass      []int      `json:"pass"`
	Fail      []int      `json:"fail"`
}

// handleReviewResults shows a round's ranking: per unit the files reviewed,
// the average score, counts by grade and 优良率, with a chart.
func (s *Server) handleReviewResults(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Enforcement.ReviewResultsOf(r.Context(), httpx.User(r).ScopePath, id, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var c reviewChart
	for _, u := range res.Units {
		if u.Scored == 0 {
			continue
		}
		c.Names, c.Average = append(c.Names, u.UnitName), append(c.Average, u.Average())
		var rate *float64
		if v, ok := u.GoodRate(); ok {
			rate = &v
		}
		c.GoodRate = append(c.GoodRate, rate)
		c.Excellent, c.Good, c.Pass, c.Fail = append(c.Excellent, u.Excellent), append(c.Good, u.Good), append(c.Pass, u.Pass), append(c.Fail, u.Fail)
	}
	b, err := json.Marshal(c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "enf_review_results", s.view(r, res.Round.Title+" · 结果", reviewResultsData{ReviewResults: res, ChartJSON: string(b)}))
}
