package web

import (
	"net/http"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/report"
)

// figureGroup is one metric group of the figures a section may cite.
type figureGroup struct {
	Name string
	Rows []figureRow
	Open bool // the groups of the section's area, and the figures it cites
}

type reportSectionData struct {
	Report  report.Report
	Section report.Section
	Label   string // the numbered heading, or 导语
	Headed  bool   // the section has an editable heading
	Form    report.SectionInput
	Groups  []figureGroup
	CanEdit bool
	Latest  *report.Section   // on a stale base: the newer text saved meanwhile
	Diff    []report.DiffPara // from that text to the user's
}

// handleReportSection is the editor of one section: its text with the
// tokens visible, the version it is based on, and the figures it may cite.
func (s *Server) handleReportSection(w http.ResponseWriter, r *http.Request) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reportSectionPage(w, r, http.StatusOK, "", rep, nil)
}

// reportSectionPage renders the editor; form carries what the user posted
// (nil: the current text), kept whatever the refusal.
func (s *Server) reportSectionPage(w http.ResponseWriter, r *http.Request, status int, msg string, rep report.Report, form *report.SectionInput) {
	full, err := s.Reports.Load(r.Context(), rep.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.PathValue("key")
	var view *reportSectionView
	for _, sv := range reportSections(full) {
		if sv.Key == key {
			view = &sv
		}
	}
	if view == nil {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	d := reportSectionData{Report: rep, Section: view.Section, Label: view.Numbered, Headed: view.Part != 0,
		Groups: figureGroups(view.Section, figureRows(full.Current(), s.Reports.Metrics, nil))}
	if d.Label == "" {
		d.Label = "导语"
	}
	if allowed := report.Allowed(rep.Status, report.ActEdit); allowed == nil {
		d.CanEdit = true
	} else if msg == "" {
		msg = allowed.Error()
	}
	d.Form = report.SectionInput{Heading: view.Heading, Body: view.Body, Base: view.Version}
	if form != nil {
		d.Form = *form
		if form.Base != view.Version {
			// Saved meanwhile by someone else: show that text and what the
			// user's differs from it; a new save is then based on it.
			d.Latest, d.Diff = &view.Section, report.Diff(view.Body, form.Body)
			d.Form.Base = view.Version
		}
	}
	v := s.view(r, d.Label+" · "+rep.Title, d)
	v.Error = msg
	s.render(w, status, "report_section", v)
}

// figureGroups lists the figures the section cites, then every figure by
// metric group in registry order; the groups of the section's area are
// open.
func figureGroups(sec report.Section, rows []figureRow) []figureGroup {
	cited := figureGroup{Name: "本节已引用", Open: true}
	keys := map[string]bool{}
	for _, k := range report.Keys(sec.Body) {
		keys[k] = true
	}
	area := strings.TrimPrefix(sec.Key, report.AreaSectionKey(""))
	var out []figureGroup
	at := map[string]int{}
	for _, f := range rows {
		if keys[f.Key] {
			cited.Rows = append(cited.Rows, f)
		}
		i, ok := at[f.Group]
		if !ok {
			i = len(out)
			at[f.Group] = i
			out = append(out, figureGroup{Name: f.Group, Open: report.AreaForGroup(f.Group) == area})
		}
		out[i].Rows = append(out[i].Rows, f)
	}
	if len(cited.Rows) > 0 {
		out = append([]figureGroup{cited}, out...)
	}
	return out
}
