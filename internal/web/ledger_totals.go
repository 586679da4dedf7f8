package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/ledger"
)

type ledgerTotalsData struct {
	Year    int
	Years   []int
	Group   string
	Groups  []string
	Fields  []ledger.Field
	Rows    []ledgerTotalsRow
	Totals  []string
	Scope   string
	CanEdit bool
}

type ledgerTotalsRow struct {
	ledgerUnitRow
	Cells []string
}

// handleLedgerTotals shows every unit's figures of one section for a year,
// with the totals of the user's scope (county totals for 法治办).
func (s *Server) handleLedgerTotals(w http.ResponseWriter, r *http.Request) {
	year, err := s.ledgerYear(r.URL.Query().Get("year"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	group := r.URL.Query().Get("group")
	if !contains(ledger.Groups, group) {
		group = ledger.Groups[0]
	}
	root := ledgerScopeRoot(r)
	sheets, err := s.Ledger.Sheets(r.Context(), root, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.ledgerUnits(r, sheets)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	d := ledgerTotalsData{Year: year, Years: s.ledgerYears(year), Group: group, Groups: ledger.Groups,
		Scope: u.ScopeName, CanEdit: u.Can(auth.PermLedgerEdit)}
	for _, f := range ledger.Fields {
		if f.Group == group {
			d.Fields = append(d.Fields, f)
		}
	}
	for _, un := range units {
		sh := sheets[un.Unit.ID]
		own := ledger.SumSheets(map[int64]ledger.Sheet{un.Unit.ID: sh}, un.Unit.ID)
		row := ledgerTotalsRow{ledgerUnitRow: un}
		for _, f := range d.Fields {
			row.Cells = append(row.Cells, blankDash(own[f.Key]))
		}
		d.Rows = append(d.Rows, row)
	}
	totals := ledger.SumSheets(sheets, root)
	for _, f := range d.Fields {
		d.Totals = append(d.Totals, totals[f.Key].Text())
	}
	s.render(w, http.StatusOK, "ledger_totals", s.view(r, itoa(year)+"年度统计台账汇总", d))
}

func blankDash(t ledger.Total) string {
	if !t.Known {
		return ""
	}
	return t.Text()
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
