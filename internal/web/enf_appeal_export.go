package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/xlsx"
)

// handleEnfAppealsExport downloads the selected 复议/诉讼.
func (s *Server) handleEnfAppealsExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.enfAppealSelection(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "复议诉讼", Title: "行政复议、行政诉讼案件（" + strconv.Itoa(d.Year) + "年，" + d.ScopeName + "）",
		Headers: []string{"类型", "案号", "案由", "被申请/被诉单位", "复议机关/人民法院", "申请/起诉日期", "审结结果", "是否纠错", "决定/裁判日期", "备注"},
		Widths:  []float64{10, 24, 30, 26, 24, 14, 12, 10, 14, 36}}
	for _, a := range d.List {
		corrected := ""
		if a.Outcome.Corrected() {
			corrected = "纠错"
		}
		t.Rows = append(t.Rows, []any{a.Kind.Label(), a.Case.CaseNo, a.Case.Title, a.Case.UnitName, a.Organ, a.FiledOn,
			a.Outcome.Label(), corrected, a.DecidedOn, a.Note})
	}
	s.sendEnfTable(w, r, "复议诉讼-"+strconv.Itoa(d.Year)+".xlsx", t)
}
