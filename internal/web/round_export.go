package web

import (
	"bytes"
	"net/http"
	"time"

	"fazhi/internal/xlsx"
)

// handleRoundExport sends a round's findings and 整改 items as XLSX, one sheet each.
func (s *Server) handleRoundExport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.Tasks.Round(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	findings := xlsx.Table{Sheet: "督察问题", Title: "督察：" + d.Title,
		Headers: []string{"编号", "被督察单位", "任务", "问题", "程度", "记录人", "记录时间", "整改事项数"},
		Widths:  []float64{8, 28, 36, 50, 8, 12, 20, 10}}
	for _, f := range d.Findings {
		findings.Rows = append(findings.Rows, []any{f.ID, f.UnitName, f.TaskLabel, f.Body, f.Severity, f.CreatedByName,
			f.CreatedAt.In(cst).Format("2006-01-02 15:04"), len(d.RectificationsOf(f.ID))})
	}
	rects := xlsx.Table{Sheet: "整改事项", Title: "督察：" + d.Title,
		Headers: []string{"编号", "问题编号", "责任单位", "整改要求", "期限（日）", "起算日", "届满日", "状态", "逾期",
			"整改情况", "佐证材料", "报送人", "报送时间", "验收意见", "销号人", "销号时间"},
		Widths: []float64{8, 8, 28, 40, 10, 12, 12, 8, 6, 40, 30, 12, 20, 24, 12, 20}}
	for _, x := range d.Rectifications {
		overdue, files := "", ""
		if x.Overdue {
			overdue = "是"
		}
		for i, a := range x.Evidence {
			if i > 0 {
				files += "、"
			}
			files += a.Filename
		}
		rects.Rows = append(rects.Rows, []any{x.ID, x.FindingID, x.UnitName, x.Requirement, x.Days, x.StartDate, x.DueDate,
			x.Status().Label(), overdue, x.ClosingText, files, x.SubmittedByName, timeText(x.SubmittedAt),
			x.ReviewComment, x.AcceptedByName, timeText(x.AcceptedAt)})
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, findings, rects); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "督察整改-"+d.Title+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// timeText is a time for a spreadsheet cell, "" when unset.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cst).Format("2006-01-02 15:04")
}
