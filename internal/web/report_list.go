package web

import (
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/org"
	"fazhi/internal/report"
)

// reportRow is a report in the list with the state of its two dates.
type reportRow struct {
	report.Report
	Submit, Publish report.DateState
}

// reportYear is one year's reports in the list.
type reportYear struct {
	Year int
	Rows []reportRow
}

type reportListData struct {
	ByYear  []reportYear
	Years   []int
	Year    int
	CanEdit bool
	CanSet  bool
	Units   []unitChoice // the scope's governments, departments and townships
	Form    reportCreateForm
}

type reportCreateForm struct {
	UnitID int64
	Year   int
}

// handleReports lists the annual reports of the user's scope by year with
// their 报送 and 公开 dates (overdue ones flagged) and the drafting form.
func (s *Server) handleReports(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	s.reportListPage(w, r, http.StatusOK, "", year, reportCreateForm{})
}

func (s *Server) reportListPage(w http.ResponseWriter, r *http.Request, status int, msg string, year int, form reportCreateForm) {
	ctx := r.Context()
	u := httpx.User(r)
	all, err := s.Reports.List(ctx, report.ListFilter{Scope: u.ScopePath})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := s.reportToday()
	d := reportListData{Year: year, CanEdit: u.Can(auth.PermReportEdit), CanSet: u.Can(auth.PermReportPublish), Form: form}
	seen := map[int]bool{}
	for _, rep := range all {
		if !seen[rep.Year] {
			seen[rep.Year] = true
			d.Years = append(d.Years, rep.Year)
		}
		if year != 0 && rep.Year != year {
			continue
		}
		published, err := s.firstPublished(r, rep)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if n := len(d.ByYear); n == 0 || d.ByYear[n-1].Year != rep.Year {
			d.ByYear = append(d.ByYear, reportYear{Year: rep.Year})
		}
		row := reportRow{Report: rep, Submit: rep.SubmitState(today), Publish: rep.PublishState(today, published)}
		d.ByYear[len(d.ByYear)-1].Rows = append(d.ByYear[len(d.ByYear)-1].Rows, row)
	}
	if d.CanEdit {
		if d.Units, err = s.reportUnits(r); err != nil {
			s.fail(w, r, err)
			return
		}
		if d.Form.Year == 0 {
			d.Form.Year = s.Reports.Now().In(cst).Year() - 1
		}
		if d.Form.UnitID == 0 {
			d.Form.UnitID = u.ScopeUnitID
		}
	}
	v := s.view(r, "法治政府建设年度报告", d)
	v.Error = msg
	s.render(w, status, "report_list", v)
}

// firstPublished is the day a report first went on the portal ("" if it
// never did), which decides whether its 公开 date was met.
func (s *Server) firstPublished(r *http.Request, rep report.Report) (string, error) {
	if rep.Status == report.StatusDraft {
		return "", nil
	}
	ps, err := s.Reports.Publications(r.Context(), rep.ID)
	if err != nil || len(ps) == 0 {
		return "", err
	}
	return ps[len(ps)-1].PublishedAt.In(cst).Format(time.DateOnly), nil
}

// reportUnits are the units of the scope a report may be drafted for:
// governments, departments, townships and 街道 (not 科室).
func (s *Server) reportUnits(r *http.Request) ([]unitChoice, error) {
	all, err := s.unitChoices(r)
	if err != nil {
		return nil, err
	}
	units, err := s.Org.List(r.Context(), org.ListFilter{RootID: httpx.User(r).ScopeUnitID, Status: org.ActiveOnly})
	if err != nil {
		return nil, err
	}
	section := map[int64]bool{}
	for _, un := range units {
		section[un.ID] = un.Level == org.LevelSection
	}
	var out []unitChoice
	for _, c := range all {
		if !section[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}
