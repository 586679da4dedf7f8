package app

import (
	"fazhi/internal/indicator"
	"fazhi/internal/web"
)

// wireIndicator builds the indicator and assessment service on the app's
// metric registry (filled by wireLedger and the capabilities before it) and
// hands it to the web UI (reachable as a.Web.Indicator).
func (a *App) wireIndicator(d *web.Deps) error {
	d.Indicator = indicator.NewService(a.DB, a.Audit, a.Org, d.MetricRegistry())
	return nil
}
