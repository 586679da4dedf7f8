package web

import (
	"net/http"

	"fazhi/internal/httpx"
	"fazhi/internal/metric"
)

type metricListData struct {
	Year   int
	Years  []int
	Scope  string
	Groups []metricGroup
}

type metricGroup struct {
	Name string
	Rows []metricRow
}

type metricRow struct {
	metric.Info
	Value metric.Value
}

// handleMetrics lists the metric registry: every figure with its unit,
// documentation and source, and its value for the user's scope in a year.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	year, err := s.ledgerYear(r.URL.Query().Get("year"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := metricListData{Year: year, Years: s.ledgerYears(year), Scope: httpx.User(r).ScopeName}
	if s.Metrics == nil {
		s.render(w, http.StatusOK, "metric_list", s.view(r, "指标目录", d))
		return
	}
	root := ledgerScopeRoot(r)
	index := map[string]int{}
	for _, info := range s.Metrics.List() {
		v, err := s.Metrics.Value(r.Context(), info.Key, root, metric.Year(year))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		g := info.Group
		if g == "" {
			g = "其他"
		}
		i, ok := index[g]
		if !ok {
			i = len(d.Groups)
			index[g] = i
			d.Groups = append(d.Groups, metricGroup{Name: g})
		}
		d.Groups[i].Rows = append(d.Groups[i].Rows, metricRow{Info: info, Value: v})
	}
	s.render(w, http.StatusOK, "metric_list", s.view(r, "指标目录", d))
}
