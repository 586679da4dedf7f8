package web

import (
	"fmt"
	"net/http"
)

// handleCalendarImport saves a previewed notice. The text is parsed again
// (the browser sends only the text), so what is saved is what was shown.
func (s *Server) handleCalendarImport(w http.ResponseWriter, r *http.Request) {
	text := r.PostFormValue("text")
	plan, err := s.Deadlines.ImportNotice(r.Context(), text)
	if err != nil {
		s.importFormPage(w, r, text, err)
		return
	}
	if err := s.Deadlines.ApplyNotice(r.Context(), plan, text); err != nil {
		s.importFormPage(w, r, text, err)
		return
	}
	month := 1
	for _, d := range plan.Days {
		if d.Date.Year == plan.Year {
			month = int(d.Date.Month)
			break
		}
	}
	flashRedirect(w, r, fmt.Sprintf("/calendar?year=%d&month=%d", plan.Year, month),
		fmt.Sprintf("已导入《%s》，共 %d 天安排", plan.Title, len(plan.Days)))
}
