package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/xlsx"
)

// handleEnfComplaintsExport downloads the selected complaints; the
// complainant is masked and the phone left out, whoever asks.
func (s *Server) handleEnfComplaintsExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.enfComplaintSelection(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "执法投诉", Title: "行政执法投诉举报（" + strconv.Itoa(d.Year) + "年，" + d.ScopeName + "）",
		Headers: []string{"收到日期", "渠道", "投诉举报人", "被投诉单位", "关联案号", "承办单位", "投诉举报内容", "答复期限", "期限依据",
			"状态", "是否逾期", "办结日期", "办理结果及答复情况"},
		Widths: []float64{12, 12, 12, 26, 24, 22, 40, 12, 30, 10, 10, 12, 40}}
	for _, c := range d.List {
		late := ""
		switch {
		case c.Overdue:
			late = "已逾期"
		case c.Late:
			late = "逾期办结"
		}
		t.Rows = append(t.Rows, []any{c.ReceivedOn, c.Channel, c.MaskedComplainant(), c.UnitName, c.CaseNo, c.HandlerName,
			c.Content, c.DueOn, c.Citation, c.Status.Label(), late, c.ClosedOn, c.Result})
	}
	s.sendEnfTable(w, r, "执法投诉-"+strconv.Itoa(d.Year)+".xlsx", t)
}
