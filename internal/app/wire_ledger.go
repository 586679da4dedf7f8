package app

import (
	"fazhi/internal/ledger"
	"fazhi/internal/web"
)

// wireLedger builds the ledger service, registers every ledger field in the
// metric registry (d.MetricRegistry(), shared with the capabilities that
// register native figures) and hands both to the web UI (reachable as
// a.Web.Ledger and a.Web.Metrics).
func (a *App) wireLedger(d *web.Deps) error {
	svc := ledger.NewService(a.DB, a.Audit, a.Org)
	if err := svc.RegisterMetrics(d.MetricRegistry()); err != nil {
		return err
	}
	d.Ledger = svc
	return nil
}
