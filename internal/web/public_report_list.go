package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/report"
)

type publicReportsData struct {
	List  []report.Publication
	Years []int
	Year  int
	Unit  string
}

// handlePublicReports lists the published annual reports by year and unit
// (no login; drafts and withdrawn texts never appear).
func (s *Server) handlePublicReports(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	f := report.PublicFilter{Year: year, Unit: strings.TrimSpace(q.Get("unit"))}
	list, err := s.Reports.PublicList(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	years, err := s.Reports.PublicYears(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "public_report_list", s.view(r, "法治政府建设年度报告",
		publicReportsData{List: list, Years: years, Year: year, Unit: f.Unit}))
}
