package app

import "fazhi/internal/web"

// wirePlan builds the plan services and hands them to the web UI.
func (a *App) wirePlan(d *web.Deps) error { return nil }
