package web

import (
	"net/http"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
)

type calendarImportData struct {
	Tabs                   []calTab
	Text                   string
	Imported               []deadline.ImportedYear
	BuiltinFrom, BuiltinTo int
}

// importFormPage shows the paste form, with the text and the refusal when a
// preview or a save failed.
func (s *Server) importFormPage(w http.ResponseWriter, r *http.Request, text string, err error) {
	imported, lerr := s.Deadlines.Imported(r.Context())
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	years := calendar.Default().PublishedYears()
	d := calendarImportData{Tabs: s.calTabs(r, "/calendar/import"), Text: text, Imported: imported}
	if len(years) > 0 {
		d.BuiltinFrom, d.BuiltinTo = years[0], years[len(years)-1]
	}
	v := s.view(r, "导入放假通知", d)
	status := http.StatusOK
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		status, v.Error = ae.Status, ae.Message
	}
	s.render(w, status, "calendar_import", v)
}

func (s *Server) handleCalendarImportForm(w http.ResponseWriter, r *http.Request) {
	s.importFormPage(w, r, "", nil)
}
