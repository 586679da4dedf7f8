package web

import (
	"bytes"
	"fmt"
	"html/template"
	"time"

	"fazhi/internal/calendar"
)

// The month grid is drawn by the month view, the year view and the notice
// preview. Page templates are parsed one page at a time with the layout, so
// a shared partial lives here and reaches the pages as rendered HTML.
var gridTmpl = template.Must(template.New("grid").Parse(`<table class="cal-grid{{if .Compact}} compact{{end}}">
<caption>{{if .Link}}<a href="{{.Link}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}</caption>
<thead><tr><th>一</th><th>二</th><th>三</th><th>四</th><th>五</th><th class="we">六</th><th class="we">日</th></tr></thead>
<tbody>{{range .Weeks}}<tr>{{range .}}<td class="{{.Class}}"{{if .Tip}} title="{{.Tip}}"{{end}}{{if .Today}} aria-current="date"{{end}}>{{if .Day}}<span class="d">{{.Day}}</span>{{if .Mark}}<span class="mark">{{.Mark}}</span>{{end}}{{if and .Name (not $.Compact)}}<span class="nm">{{.Name}}</span>{{end}}{{end}}</td>{{end}}</tr>
{{end}}</tbody></table>`))

// gridCell is one day of a month grid; Day is 0 for the padding cells.
type gridCell struct {
	Day   int
	Class string // workday | weekend | holiday | adjusted, plus today
	Mark  string // 休 or 班
	Name  string // holiday name
	Tip   string
	Today bool
}

type monthGrid struct {
	Title   string
	Link    string
	Compact bool
	Weeks   [][]gridCell
}

// classifier tells how a grid shows a date.
type classifier func(calendar.Date) (calendar.DayKind, string)

// calendarClassifier reads the days from a calendar.
func calendarClassifier(c *calendar.Calendar) classifier {
	return func(d calendar.Date) (calendar.DayKind, string) {
		day, err := c.Day(d)
		if err != nil {
			return calendar.KindWorkday, ""
		}
		return day.Kind, day.Name
	}
}

// planClassifier shows only what a parsed notice says, over plain weekends.
func planClassifier(p calendar.YearPlan) classifier {
	days := map[calendar.Date]calendar.PlanDay{}
	for _, pd := range p.Days {
		days[pd.Date] = pd
	}
	return func(d calendar.Date) (calendar.DayKind, string) {
		if pd, ok := days[d]; ok {
			return pd.Kind, pd.Name
		}
		if d.IsWeekend() {
			return calendar.KindWeekend, ""
		}
		return calendar.KindWorkday, ""
	}
}

var kindClass = map[calendar.DayKind]string{calendar.KindWorkday: "workday", calendar.KindWeekend: "weekend",
	calendar.KindHoliday: "holiday", calendar.KindAdjustedWorkday: "adjusted"}

// buildGrid lays a month out Monday first.
func buildGrid(year int, month time.Month, classify classifier, today calendar.Date) monthGrid {
	g := monthGrid{Title: fmt.Sprintf("%d年%d月", year, int(month))}
	first := calendar.MustDate(year, month, 1)
	week := make([]gridCell, (int(first.Weekday())+6)%7)
	for i := range week {
		week[i] = gridCell{Class: "pad"}
	}
	for day := 1; day <= calendar.DaysIn(year, month); day++ {
		d := calendar.MustDate(year, month, day)
		kind, name := classify(d)
		c := gridCell{Day: day, Class: kindClass[kind], Name: name, Today: d == today, Tip: d.Chinese() + " " + d.WeekdayName()}
		switch kind {
		case calendar.KindHoliday:
			c.Mark, c.Tip = "休", c.Tip+" "+name+"放假"
		case calendar.KindAdjustedWorkday:
			c.Mark, c.Tip = "班", c.Tip+" "+name+"调休上班"
		}
		if c.Today {
			c.Class += " today"
			c.Tip += "（今天）"
		}
		week = append(week, c)
		if len(week) == 7 {
			g.Weeks, week = append(g.Weeks, week), nil
		}
	}
	if len(week) > 0 {
		for len(week) < 7 {
			week = append(week, gridCell{Class: "pad"})
		}
		g.Weeks = append(g.Weeks, week)
	}
	return g
}

// html renders the grid for a page.
func (g monthGrid) html() template.HTML {
	var b bytes.Buffer
	if err := gridTmpl.Execute(&b, g); err != nil {
		return template.HTML(template.HTMLEscapeString(err.Error()))
	}
	return template.HTML(b.String()) // produced by html/template: already escaped
}
