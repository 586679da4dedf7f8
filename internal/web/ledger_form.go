package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/ledger"
	"fazhi/internal/metric"
	"fazhi/internal/org"
)

type ledgerFormData struct {
	Year      int
	Years     []int
	Unit      org.Unit
	Units     []unitChoice
	CanEdit   bool
	MultiUnit bool   // the user's scope holds more units: offer the totals table
	Scope     string // the user's scope unit
	Groups    []ledgerGroup
	Errors    int
	History   []ledger.Revision
}

type ledgerGroup struct {
	Name string
	Rows []ledgerFieldRow
}

type ledgerFieldRow struct {
	Field     ledger.Field
	Value     string
	Note      string
	Error     string
	Computed  string // derived fields: the value computed from the unit's figures
	EnteredBy string
	EnteredAt time.Time
	Native    string // a capability's own records replace this figure
}

// handleLedger shows one unit's yearly ledger form, or with view=totals the
// table of every unit in the user's scope.
func (s *Server) handleLedger(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("view") == "totals" {
		s.handleLedgerTotals(w, r)
		return
	}
	q := r.URL.Query()
	year, err := s.ledgerYear(q.Get("year"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	unitID := httpx.User(r).UnitID
	if v := q.Get("unit"); v != "" {
		if unitID, err = strconv.ParseInt(v, 10, 64); err != nil {
			s.fail(w, r, httpx.Invalid("单位参数不正确"))
			return
		}
	}
	if err := s.checkUnitInScope(r, unitID); err != nil {
		s.fail(w, r, err)
		return
	}
	sh, err := s.Ledger.Get(r.Context(), unitID, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ledgerFormPage(w, r, http.StatusOK, unitID, year, sheetInput(sh), nil)
}

// ledgerInput is what the form shows: values and notes by field key.
type ledgerInput struct {
	Values, Notes map[string]string
	Sheet         ledger.Sheet
}

func sheetInput(sh ledger.Sheet) ledgerInput {
	in := ledgerInput{Values: map[string]string{}, Notes: map[string]string{}, Sheet: sh}
	for k, e := range sh.Entries {
		in.Values[k], in.Notes[k] = e.Value, e.Note
	}
	return in
}

// ledgerFormPage renders the form with the given input and field errors.
func (s *Server) ledgerFormPage(w http.ResponseWriter, r *http.Request, status int, unitID int64, year int,
	in ledgerInput, errs map[string]string) {
	un, err := s.Org.Get(r.Context(), unitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	choices, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	d := ledgerFormData{Year: year, Years: s.ledgerYears(year), Unit: un, Units: choices,
		CanEdit: u.Can(auth.PermLedgerEdit), MultiUnit: len(choices) > 1, Scope: u.ScopeName, Errors: len(errs)}
	if d.History, err = s.Ledger.History(r.Context(), unitID, year); err != nil {
		s.fail(w, r, err)
		return
	}
	computed := ledger.SumSheets(map[int64]ledger.Sheet{unitID: in.Sheet}, unitID)
	for _, g := range ledger.Groups {
		grp := ledgerGroup{Name: g}
		for _, f := range ledger.Fields {
			if f.Group != g {
				continue
			}
			row := ledgerFieldRow{Field: f, Value: in.Values[f.Key], Note: in.Notes[f.Key], Error: errs[f.Key]}
			if e, ok := in.Sheet.Entries[f.Key]; ok {
				row.EnteredBy, row.EnteredAt = e.EnteredByName, e.EnteredAt
			}
			if f.Derived() {
				row.Computed = computed[f.Key].Text()
			}
			row.Native = s.nativeNotice(r.Context(), f, unitID, year)
			grp.Rows = append(grp.Rows, row)
		}
		d.Groups = append(d.Groups, grp)
	}
	v := s.view(r, strconv.Itoa(year)+"年度统计台账", d)
	if len(errs) > 0 {
		v.Error = "有 " + strconv.Itoa(len(errs)) + " 项填写有误，均未保存，请按提示修改后重新保存"
	}
	s.render(w, status, "ledger_form", v)
}

// nativeNotice says when a capability's own records supply the figure, so
// the ledger value no longer counts.
func (s *Server) nativeNotice(ctx context.Context, f ledger.Field, unitID int64, year int) string {
	if s.Metrics == nil {
		return ""
	}
	info, ok := s.Metrics.Lookup(f.Key)
	if !ok || info.Native == "" {
		return ""
	}
	v, err := s.Metrics.Value(ctx, f.Key, unitID, metric.Year(year))
	if err != nil || !v.Known || v.From == metric.LedgerFrom {
		return ""
	}
	return "已由“" + v.From + "”记录统计为 " + v.Text() + f.Unit + "，以记录为准，此处填报值不再使用"
}
