package app

import (
	"fazhi/internal/deadline"
	"fazhi/internal/web"
)

// wireCalendar builds the calendar and deadline services and hands them to
// the web UI (reachable afterwards as a.Web.Deadlines, e.g. for the demo
// seeder and for calling Deadlines.Remind daily).
func (a *App) wireCalendar(d *web.Deps) error {
	a.Deadlines = deadline.NewService(a.DB, a.Audit)
	d.CalendarDeps = web.CalendarDeps{Deadlines: a.Deadlines}
	return nil
}
