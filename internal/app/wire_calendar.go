package app

import "fazhi/internal/web"

// wireCalendar builds the calendar and deadline services and hands them to
// the web UI.
func (a *App) wireCalendar(d *web.Deps) error { return nil }
