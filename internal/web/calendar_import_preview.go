package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
)

type calendarPreviewData struct {
	Tabs []calTab
	Text string
	deadline.Preview
	Grids              []template.HTML
	Days               []calDayEntry
	Sections           []previewSection
	Holidays, Workdays int
}

// previewSection is one numbered item of the notice as understood.
type previewSection struct {
	Title    string // 一、元旦
	Span     string // 2027年1月1日至3日
	Holidays int
	Stated   int
	Workdays string
	Notes    []string
}

func previewSections(p calendar.YearPlan) []previewSection {
	out := make([]previewSection, len(p.Sections))
	for i, sec := range p.Sections {
		ps := previewSection{Title: sec.Ordinal + "、" + sec.Name, Holidays: len(sec.Holidays), Stated: sec.StatedDays,
			Notes: sec.Notes, Span: sec.From.Chinese()}
		if sec.To != sec.From {
			ps.Span += "至" + sec.To.Chinese()
		}
		for j, d := range sec.Workdays {
			if j > 0 {
				ps.Workdays += "、"
			}
			ps.Workdays += fmt.Sprintf("%s（%s）", d.Chinese(), d.WeekdayName())
		}
		out[i] = ps
	}
	return out
}

// previewMonths are the months the notice sets days in, in order.
func previewMonths(p calendar.YearPlan) [][2]int {
	var out [][2]int
	for _, d := range p.Days {
		m := [2]int{d.Date.Year, int(d.Date.Month)}
		if len(out) == 0 || out[len(out)-1] != m {
			out = append(out, m)
		}
	}
	return out
}

// handleCalendarImportPreview parses the pasted notice and shows every day
// it sets; nothing is saved. The text travels on in a hidden field.
func (s *Server) handleCalendarImportPreview(w http.ResponseWriter, r *http.Request) {
	text := r.PostFormValue("text")
	plan, err := s.Deadlines.ImportNotice(r.Context(), text)
	if err != nil {
		s.importFormPage(w, r, text, err)
		return
	}
	pv, err := s.Deadlines.PreviewNotice(r.Context(), plan)
	if err != nil {
		s.importFormPage(w, r, text, err)
		return
	}
	d := calendarPreviewData{Tabs: s.calTabs(r, "/calendar/import"), Text: text, Preview: pv, Sections: previewSections(plan)}
	today := s.Deadlines.Today()
	for _, m := range previewMonths(plan) {
		d.Grids = append(d.Grids, buildGrid(m[0], time.Month(m[1]), planClassifier(plan), today).html())
	}
	for _, pd := range plan.Days {
		e, _ := dayEntry(calendar.Day{Date: pd.Date, Kind: pd.Kind, Name: pd.Name})
		d.Days = append(d.Days, e)
		if pd.Kind == calendar.KindHoliday {
			d.Holidays++
		} else {
			d.Workdays++
		}
	}
	s.render(w, http.StatusOK, "calendar_import_preview", s.view(r, "核对放假通知", d))
}
