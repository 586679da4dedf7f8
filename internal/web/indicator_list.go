package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/indicator"
)

type indicatorListData struct {
	Nodes     []indicator.Node
	Counts    [indicator.MaxLevel + 1]int
	Total     float64
	TotalText string
	CanEdit   bool
	Errors    []string // problems of a refused import
}

// handleIndicators shows the indicator tree, with the import form for the
// 法治办.
func (s *Server) handleIndicators(w http.ResponseWriter, r *http.Request) {
	s.indicatorPage(w, r, http.StatusOK, nil)
}

func (s *Server) indicatorPage(w http.ResponseWriter, r *http.Request, status int, problems []string) {
	nodes, err := s.Indicator.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := indicatorListData{Nodes: nodes, Counts: indicator.Counts(nodes), Errors: problems,
		CanEdit: httpx.User(r).Can(auth.PermIndicatorEdit)}
	for _, n := range nodes {
		if n.Level == 1 {
			d.Total += n.MaxScore
		}
	}
	d.TotalText = indicator.Num(d.Total)
	v := s.view(r, "指标体系", d)
	if len(problems) > 0 {
		v.Error = "导入未完成：发现 " + itoa(len(problems)) + " 处问题，指标体系未作任何修改"
	}
	s.render(w, status, "indicator_list", v)
}
