package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/ledger"
	"fazhi/internal/xlsx"
)

// handleLedgerExport sends the year's ledger of every unit in the user's
// scope as XLSX: units × fields with a totals row. The same layout imports.
func (s *Server) handleLedgerExport(w http.ResponseWriter, r *http.Request) {
	year, err := s.ledgerYear(r.URL.Query().Get("year"))
	if err != nil {
		s.fail(w, r, err)
		return
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
	cols := ledger.Columns()
	t := xlsx.Table{Sheet: "统计台账", Title: httpx.User(r).ScopeName + strconv.Itoa(year) + "年度法治政府建设统计台账",
		Headers: []string{ledger.UnitHeader}, Widths: []float64{30}}
	for _, f := range cols {
		t.Headers = append(t.Headers, f.ColumnHeader())
		t.Widths = append(t.Widths, float64(min(max(len([]rune(f.ColumnHeader()))*2, 12), 30)))
	}
	for _, un := range units {
		sh := sheets[un.Unit.ID]
		own := ledger.SumSheets(map[int64]ledger.Sheet{un.Unit.ID: sh}, un.Unit.ID)
		row := []any{un.Unit.Name}
		for _, f := range cols {
			row = append(row, exportCell(own[f.Key]))
		}
		t.Rows = append(t.Rows, row)
	}
	totals := ledger.SumSheets(sheets, root)
	row := []any{ledger.TotalLabel}
	for _, f := range cols {
		row = append(row, exportCell(totals[f.Key]))
	}
	t.Rows = append(t.Rows, row)
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	name := strings.TrimSpace(httpx.User(r).ScopeName) + "统计台账-" + strconv.Itoa(year) + ".xlsx"
	sendFile(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// exportCell is a number for Excel, or an empty cell when there is none.
func exportCell(t ledger.Total) any {
	if !t.Known {
		return ""
	}
	n, err := strconv.ParseFloat(t.Text(), 64)
	if err != nil {
		return t.Text()
	}
	return n
}
