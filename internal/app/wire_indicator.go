package app

import "fazhi/internal/web"

// wireIndicator builds the indicator services and hands them to the web UI.
func (a *App) wireIndicator(d *web.Deps) error { return nil }
