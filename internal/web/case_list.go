package web

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

func caseFilter(r *http.Request) enforcement.CaseFilter {
	q := r.URL.Query()
	f := enforcement.CaseFilter{Scope: httpx.User(r).ScopePath, State: enforcement.State(q.Get("state")), Query: q.Get("q")}
	f.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= 2000 && y <= 2100 {
		f.Year = y
	}
	return f
}

// handleCases lists the scope's cases with filters.
func (s *Server) handleCases(w http.ResponseWriter, r *http.Request) {
	f := caseFilter(r)
	list, total, err := s.Enforcement.Cases(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "case_list", s.view(r, "执法案件", map[string]any{"List": list, "Total": total, "F": f,
		"Units": units, "States": enforcement.States, "CanHandle": httpx.User(r).Can(auth.PermCaseHandle), "Query": r.URL.RawQuery}))
}

// handleCasesExport downloads the selection (up to 100 000 cases).
func (s *Server) handleCasesExport(w http.ResponseWriter, r *http.Request) {
	f := caseFilter(r)
	f.Limit = 100000
	list, _, err := s.Enforcement.Cases(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "执法案件", Headers: []string{"案号", "执法单位", "执法事项", "案由", "程序", "当事人", "立案日期", "状态",
		"决定日期", "罚款(元)", "没收(元)", "处罚内容", "结案日期", "掌上执法"},
		Widths: []float64{24, 26, 30, 30, 10, 16, 12, 10, 12, 12, 12, 30, 12, 10}}
	for _, c := range list {
		mobile := "否"
		if c.Mobile {
			mobile = "是"
		}
		t.Rows = append(t.Rows, []any{c.CaseNo, c.UnitName, c.ItemName, c.Title, c.Procedure.Label(), c.PartyMasked(), c.FiledOn,
			c.State.Label(), c.DecidedOn, enforcement.Fen(c.FineFen).Yuan(), enforcement.Fen(c.ConfiscatedFen).Yuan(), c.PenaltyText, c.ClosedOn, mobile})
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "执法案件-"+time.Now().In(cst).Format("20060102")+".xlsx",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
