package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/ledger"
	"fazhi/internal/org"
)

// ledgerYear reads the year parameter; absent, the previous calendar year
// (the one units report on).
func (s *Server) ledgerYear(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return s.Ledger.Now().Year() - 1, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil {
		return 0, httpx.Invalid("年度格式不正确")
	}
	return y, ledger.CheckYear(y)
}

// ledgerYears are the years offered in the year select box.
func (s *Server) ledgerYears(selected int) []int {
	top := max(s.Ledger.Now().Year(), selected)
	var out []int
	for y := top; y >= max(ledger.MinYear, top-8); y-- {
		out = append(out, y)
	}
	if selected < top-8 {
		out = append(out, selected)
	}
	return out
}

// ledgerScopeRoot is the unit whose subtree the user's totals cover.
func ledgerScopeRoot(r *http.Request) int64 {
	u := httpx.User(r)
	if u.ScopeUnitID != 0 {
		return u.ScopeUnitID
	}
	return u.UnitID
}

// ledgerUnitRow is a unit in the totals table and the export.
type ledgerUnitRow struct {
	Unit   org.Unit
	Indent int
}

// ledgerUnits lists the units of the user's scope that report a ledger:
// every active unit except sections, plus any unit that has figures.
func (s *Server) ledgerUnits(r *http.Request, sheets map[int64]ledger.Sheet) ([]ledgerUnitRow, error) {
	u := httpx.User(r)
	units, err := s.Org.List(r.Context(), org.ListFilter{RootID: ledgerScopeRoot(r)})
	if err != nil {
		return nil, err
	}
	base := strings.Count(u.ScopePath, "/")
	var out []ledgerUnitRow
	for _, un := range units {
		_, has := sheets[un.ID]
		if !has && (!un.Active || un.Level == org.LevelSection) {
			continue
		}
		out = append(out, ledgerUnitRow{Unit: un, Indent: max(strings.Count(un.Path, "/")-base, 0)})
	}
	return out, nil
}

// cellText is an entry's value as shown in tables ("" when absent).
func cellText(sh ledger.Sheet, key string) string {
	if e, ok := sh.Entries[key]; ok {
		return e.Value
	}
	return ""
}
