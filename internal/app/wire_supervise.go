package app

import "fazhi/internal/web"

// wireSupervise builds the supervise services and hands them to the web UI.
func (a *App) wireSupervise(d *web.Deps) error { return nil }
