package web

import (
	"bytes"
	"net/http"

	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

// handleTasksExport sends the task list, with the same filters, as XLSX.
func (s *Server) handleTasksExport(w http.ResponseWriter, r *http.Request) {
	items, err := s.Tasks.List(r.Context(), parseTaskQuery(r).filter(httpx.User(r).ScopePath))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "督办任务", Headers: []string{"方案", "章节", "编号", "任务", "单位", "角色", "状态",
		"最近期限", "完成期限", "完成时间", "报告数", "待审核", "已采纳"},
		Widths: []float64{30, 24, 8, 40, 28, 10, 8, 14, 14, 20, 8, 8, 8}}
	for _, a := range items {
		done := ""
		if !a.CompletedAt.IsZero() {
			done = a.CompletedAt.In(cst).Format("2006-01-02 15:04")
		}
		t.Rows = append(t.Rows, []any{a.PlanTitle, a.Chapter, a.TaskMarker, a.TaskTitle, a.UnitName, a.RoleLabel(),
			a.Status().Label(), a.NextDue, a.DueDate, done, a.Reports, a.Pending, a.Accepted})
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "督办任务.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
