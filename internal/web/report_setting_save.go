package web

import (
	"net/http"
)

// handleReportSettingSave sets a region's own report date (月-日 of the
// following year) with the local rule it follows. Reports already drafted
// keep their dates; new ones take it.
func (s *Server) handleReportSettingSave(w http.ResponseWriter, r *http.Request) {
	form := reportSettingForm{Region: r.PostFormValue("region"), Key: r.PostFormValue("key"),
		MonthDay: r.PostFormValue("month_day"), Note: r.PostFormValue("note")}
	regions, err := s.scopeRegions(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	inScope := false
	for _, reg := range regions {
		inScope = inScope || reg.Code == form.Region
	}
	if !inScope {
		s.reportSettingsPage(w, r, http.StatusBadRequest, "请选择您数据范围内的行政区划", form)
		return
	}
	if err := s.Reports.SetSetting(r.Context(), form.Region, form.Key, form.MonthDay, form.Note); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.reportSettingsPage(w, r, ae.Status, ae.Message, form)
		}
		return
	}
	flashRedirect(w, r, "/reports/settings", "已保存本地区年度报告期限，此后起草的报告按此确定期限")
}
