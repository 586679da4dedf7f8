package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfAnnualData struct {
	Rep        enforcement.AnnualReport
	Lines      []enforcement.ReportLine
	Groups     []enforcement.ColumnGroup
	Columns    []enforcement.ReportColumn
	Cards      []enfAnnualCard
	CanRebuild bool   // may start the consistency recount
	RebuildWhy string // why not, for a 法治办 below the county scope
}

// enfAnnualCard is one headline figure above the table.
type enfAnnualCard struct {
	Label, Value, Unit string
	Warn               bool
}

// enfAnnualReport is the 统计年报 of the user's scope unit for ?year=, from
// the rollup tables (fast at tens of millions of cases).
func (s *Server) enfAnnualReport(r *http.Request) (enforcement.AnnualReport, error) {
	year, err := s.enfYear(r)
	if err != nil {
		return enforcement.AnnualReport{}, err
	}
	return s.Enforcement.AnnualReport(r.Context(), httpx.User(r).ScopeUnitID, year)
}

// enfAnnualCards picks the headline figures from the report's columns, so
// the cards and the table cannot disagree.
func enfAnnualCards(t enforcement.Figures) []enfAnnualCard {
	want := []struct {
		group, name, label string
		warn               bool // a figure above zero needs attention
	}{
		{"行政处罚", "立案", "行政处罚立案", false}, {"行政处罚", "作出处罚决定", "作出处罚决定", false},
		{"行政处罚", "罚款金额", "罚款金额", false}, {"行政检查", "检查户次", "检查户次", false},
		{"两法衔接", "移送公安机关", "两法衔接移送", false},
		{"行政复议", "纠错", "复议纠错", true}, {"行政诉讼", "败诉（纠错）", "诉讼败诉", true},
	}
	var out []enfAnnualCard
	for _, w := range want {
		for _, c := range enforcement.ReportColumns {
			if c.Group == w.group && c.Name == w.name {
				out = append(out, enfAnnualCard{Label: w.label, Value: c.Text(t), Unit: c.Unit, Warn: w.warn && c.Value(t) > 0})
			}
		}
	}
	return out
}

// handleEnfAnnual shows the 行政执法统计年报 of the user's scope: one line
// per unit (小计 lines for units with subordinate units), the categories and
// the 复议/诉讼 outcomes as columns, the year selector, the XLSX and — for
// the county's 法治办 — the consistency recount.
func (s *Server) handleEnfAnnual(w http.ResponseWriter, r *http.Request) {
	rep, err := s.enfAnnualReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := enfAnnualData{Rep: rep, Lines: rep.Lines(), Groups: enforcement.ReportGroups(), Columns: enforcement.ReportColumns,
		Cards: enfAnnualCards(rep.Total)}
	if httpx.User(r).Can(auth.PermJobRun) {
		if err := s.enfRecountScope(r); err != nil {
			d.RebuildWhy = httpx.Classify(err).Message
		} else {
			d.CanRebuild = true
		}
	}
	s.render(w, http.StatusOK, "enf_annual", s.view(r, "行政执法统计年报", d))
}
