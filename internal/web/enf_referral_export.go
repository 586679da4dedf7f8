package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/xlsx"
)

// handleEnfReferralsExport downloads the selected year's referrals.
func (s *Server) handleEnfReferralsExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.enfReferralSelection(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "两法衔接", Title: "两法衔接移送案件（" + strconv.Itoa(d.Year) + "年，" + d.ScopeName + "）",
		Headers: []string{"移送日期", "移送单位", "案号", "案由", "接收机关", "涉嫌罪名", "状态", "状态日期", "说明", "检察监督情况"},
		Widths:  []float64{12, 26, 24, 30, 20, 24, 10, 12, 30, 36}}
	for _, x := range d.List {
		t.Rows = append(t.Rows, []any{x.ReferredOn, x.Case.UnitName, x.Case.CaseNo, x.Case.Title, x.Receiver, x.Charges,
			x.Status.Label(), x.StatusOn, x.StatusNote, x.Oversight})
	}
	s.sendEnfTable(w, r, "两法衔接-"+strconv.Itoa(d.Year)+".xlsx", t)
}
