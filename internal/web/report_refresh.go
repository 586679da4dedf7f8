package web

import (
	"fmt"
	"net/http"

	"fazhi/internal/report"
)

// handleReportRefresh re-reads every figure into a new snapshot; sections
// whose figures changed get a new version.
func (s *Server) handleReportRefresh(w http.ResponseWriter, r *http.Request) {
	s.reportAct(w, r, func(rep report.Report) (string, string, error) {
		n, err := s.Reports.Refresh(r.Context(), rep.ID)
		msg := "已刷新数据，没有变化"
		if n > 0 {
			msg = fmt.Sprintf("已刷新数据：%d 项有变化，引用它们的章节已生成新版本", n)
		}
		return msg, "#figures", err
	})
}
