package web

import (
	"fmt"
	"net/http"
)

// handleReportRedraft writes the section again from the current data, as a
// new version (the old text stays in the history).
func (s *Server) handleReportRedraft(w http.ResponseWriter, r *http.Request) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.PathValue("key")
	ver, err := s.Reports.Redraft(r.Context(), rep.ID, key)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reportSectionPage(w, r, ae.Status, ae.Message, rep, nil)
		}
		return
	}
	flashRedirect(w, r, reportPath(rep.ID, "/sections/"+key), fmt.Sprintf("已根据当前数据重新起草为第 %d 版，原文本保留在修改历史中", ver))
}
