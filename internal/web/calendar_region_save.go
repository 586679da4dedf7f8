package web

import (
	"net/http"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
)

// handleCalendarRegionSave stores a region's own holidays (民族自治地方的
// 民族节日 and the like); an empty list removes them.
func (s *Server) handleCalendarRegionSave(w http.ResponseWriter, r *http.Request) {
	f := regionForm{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Source: r.PostFormValue("source"),
		Days: r.PostFormValue("days")}
	days, err := deadline.ParseRegionDays(f.Days)
	if err == nil {
		err = s.Deadlines.SetRegionHolidays(r.Context(), calendar.Region{Code: f.Code, Name: f.Name, Source: f.Source, Days: days})
	}
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		s.regionsPage(w, r, ae.Status, err, f)
		return
	}
	msg := "地方节假日已保存"
	if len(days) == 0 {
		msg = "已清除该地区的地方节假日"
	}
	flashRedirect(w, r, "/calendar/regions", msg)
}
