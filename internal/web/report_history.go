package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/report"
)

type reportHistoryData struct {
	Report   report.Report
	Key      string
	Label    string
	Versions []report.Version
	Current  int
	A, B     int  // the versions compared (older, newer)
	Raw      bool // compare the texts with their tokens rather than as they read
	Diff     []report.DiffPara
	CanEdit  bool
}

// handleReportHistory lists a section's versions, newest first, and shows
// the difference between two of them (by default the last change).
func (s *Server) handleReportHistory(w http.ResponseWriter, r *http.Request) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.PathValue("key")
	sec, err := s.Reports.Section(r.Context(), rep.ID, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	vs, figs, err := s.Reports.History(r.Context(), rep.ID, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	d := reportHistoryData{Report: rep, Key: key, Label: sec.Heading, Versions: vs, Current: sec.Version, Raw: q.Get("raw") == "1",
		CanEdit: report.Allowed(rep.Status, report.ActEdit) == nil}
	if d.Label == "" {
		d.Label = "导语"
	}
	d.B, d.A = sec.Version, sec.Version-1
	if n, err := strconv.Atoi(q.Get("b")); err == nil {
		d.B = n
	}
	if n, err := strconv.Atoi(q.Get("a")); err == nil {
		d.A = n
	}
	va, oka := versionOf(vs, d.A)
	vb, okb := versionOf(vs, d.B)
	if oka && okb {
		d.Diff = report.Diff(versionText(va, figs, d.Raw), versionText(vb, figs, d.Raw))
	}
	s.render(w, http.StatusOK, "report_history", s.view(r, "修改历史 · "+d.Label, d))
}

func versionOf(vs []report.Version, n int) (report.Version, bool) {
	for _, v := range vs {
		if v.Version == n {
			return v, true
		}
	}
	return report.Version{}, false
}

// versionText is a version's heading and paragraphs as they read with the
// figures of its snapshot, or with the tokens when raw.
func versionText(v report.Version, figs map[int]report.Figures, raw bool) string {
	lines := []string{}
	if v.Heading != "" {
		lines = append(lines, "标题："+v.Heading)
	}
	for _, p := range strings.Split(v.Body, "\n") {
		if !raw {
			p = report.Plain(p, figs[v.Snapshot])
		}
		lines = append(lines, p)
	}
	return strings.Join(lines, "\n")
}
