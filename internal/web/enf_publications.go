package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

// publicationFilter is the supervisors' filter: the user's scope, a unit,
// a period, late only.
func publicationFilter(r *http.Request) (enforcement.PublicationFilter, error) {
	f, err := decisionSearch(r)
	f.Scope = httpx.User(r).ScopePath
	f.UnitID, _ = strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	f.LateOnly = r.URL.Query().Get("late") == "1"
	f.PerPage = 50
	return f, err
}

// handlePublications lists the scope's 事后公示 records with their due dates,
// the late ones marked, and the 公示及时率.
func (s *Server) handlePublications(w http.ResponseWriter, r *http.Request) {
	f, ferr := publicationFilter(r)
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := map[string]any{"Units": units, "Q": r.URL.Query(), "UnitID": f.UnitID, "Query": r.URL.RawQuery}
	status := http.StatusOK
	if ferr != nil {
		status = http.StatusBadRequest
	} else {
		list, total, err := s.Enforcement.Publications(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		stats, err := s.Enforcement.PublicationTotals(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		q := url.Values{}
		for k, vs := range r.URL.Query() {
			if k != "page" {
				q[k] = vs
			}
		}
		d["List"], d["Stats"], d["Pager"] = list, stats, newPager(max(f.Page, 1), f.PerPage, total, q)
	}
	v := s.view(r, "执法公示情况", d)
	if ferr != nil {
		v.Error = ferr.Error()
	}
	s.render(w, status, "enf_publications", v)
}

// handlePublicationsExport downloads the selection (up to 100 per page × all pages: 10 000 rows).
func (s *Server) handlePublicationsExport(w http.ResponseWriter, r *http.Request) {
	f, err := publicationFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "执法决定公示", Headers: []string{"执法单位", "事项", "标题", "决定书文号", "决定日期", "公示期限", "公示日期", "是否逾期", "撤回日期", "撤回原因"},
		Widths: []float64{26, 30, 40, 24, 12, 12, 12, 10, 12, 24}}
	f.PerPage = 100
	for f.Page = 1; f.Page <= 100; f.Page++ {
		list, _, err := s.Enforcement.Publications(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, p := range list {
			late := "否"
			if p.Late {
				late = "逾期"
			}
			t.Rows = append(t.Rows, []any{p.UnitName, p.ItemName, p.Title, p.DecisionNo, p.DecidedOn, p.DueOn, p.PublishedOn, late, p.WithdrawnOn, p.WithdrawReason})
		}
		if len(list) < f.PerPage {
			break
		}
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "执法决定公示-"+time.Now().In(cst).Format("20060102")+".xlsx",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
