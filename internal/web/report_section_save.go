package web

import (
	"fmt"
	"net/http"
	"strconv"

	"fazhi/internal/report"
)

// handleReportSectionSave stores the section's text as a new version. A
// refusal (a token naming no figure, a save over a newer version) shows
// the editor again with the user's text.
func (s *Server) handleReportSectionSave(w http.ResponseWriter, r *http.Request) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base, _ := strconv.Atoi(r.PostFormValue("base"))
	in := report.SectionInput{Heading: r.PostFormValue("heading"), Body: r.PostFormValue("body"),
		Note: r.PostFormValue("note"), Base: base}
	if base == 0 {
		// Without its base a save could overwrite another's; the form
		// always carries it.
		s.reportSectionPage(w, r, http.StatusBadRequest, "缺少所依据的版本号，请重新打开本节后修改", rep, &in)
		return
	}
	key := r.PathValue("key")
	ver, err := s.Reports.SaveSection(r.Context(), rep.ID, key, in)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reportSectionPage(w, r, ae.Status, ae.Message, rep, &in)
		}
		return
	}
	flashRedirect(w, r, reportPath(rep.ID, "#sec-"+key), fmt.Sprintf("已保存为第 %d 版", ver))
}
