package web

import (
	"fmt"
	"net/http"
	"strconv"
)

// handleReportRestore makes an old version's text current again, as a new
// version.
func (s *Server) handleReportRestore(w http.ResponseWriter, r *http.Request) {
	rep, err := s.reportInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.PathValue("key")
	old, _ := strconv.Atoi(r.PostFormValue("version"))
	ver, err := s.Reports.Restore(r.Context(), rep.ID, key, old)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, reportPath(rep.ID, "/sections/"+key+"/history"), fmt.Sprintf("已将第 %d 版恢复为第 %d 版", old, ver))
}
