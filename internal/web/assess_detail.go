package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/indicator"
)

type assessStandingRow struct {
	indicator.Standing
	Subtotals []string
	Total     string
}

type assessDetailData struct {
	Result   indicator.Result
	Tops     []indicator.Node
	Rows     []assessStandingRow
	CanClose bool
}

// handleAssessment shows a round's result: units × level-1 subtotals, the
// total and the rank.
func (s *Server) handleAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.Indicator.Results(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := assessDetailData{Result: res, Tops: res.Tops,
		CanClose: res.Round.Status == "open" && httpx.User(r).Can(auth.PermIndicatorEdit)}
	for _, st := range res.Standings {
		row := assessStandingRow{Standing: st, Total: indicator.Num(st.Total)}
		for _, v := range st.Subtotals {
			row.Subtotals = append(row.Subtotals, indicator.Num(v))
		}
		d.Rows = append(d.Rows, row)
	}
	s.render(w, http.StatusOK, "assess_detail", s.view(r, res.Round.Title, d))
}
