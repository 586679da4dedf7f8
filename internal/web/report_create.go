package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/report"
)

// handleReportCreate drafts a report for a unit of the scope and a year
// from that year's data and opens it; a second report for the same unit
// and year is refused with the service's message beside the form.
func (s *Server) handleReportCreate(w http.ResponseWriter, r *http.Request) {
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	year, yerr := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	form := reportCreateForm{UnitID: unitID, Year: year}
	fail := func(status int, msg string) { s.reportListPage(w, r, status, msg, 0, form) }
	switch {
	case unitID == 0:
		fail(http.StatusBadRequest, "请选择报告单位")
		return
	case yerr != nil:
		fail(http.StatusBadRequest, "请填写报告年度（四位数字，如 2025）")
		return
	}
	if err := s.checkUnitInScope(r, unitID); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			fail(ae.Status, ae.Message)
		}
		return
	}
	id, err := s.Reports.Create(r.Context(), report.CreateInput{UnitID: unitID, Year: year})
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			fail(ae.Status, ae.Message)
		}
		return
	}
	flashRedirect(w, r, reportPath(id, ""), "已根据年度数据起草报告，请逐节核对并补充【】中的内容")
}
