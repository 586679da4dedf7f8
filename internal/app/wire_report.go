package app

import (
	"fazhi/internal/report"
	"fazhi/internal/web"
)

// wireReport builds the annual report service on the app's metric registry
// (snapshots read every metric registered, by any capability, at drafting
// time) with the ledger, plan supervision, assessment and the deadline
// monitor the other wire functions put in d, and hands it to the web UI
// (reachable as a.Web.Reports, e.g. for the demo seeder). A capability not
// wired leaves its part of the draft empty.
func (a *App) wireReport(d *web.Deps) error {
	svc := report.NewService(a.DB, a.Audit, a.Org, d.MetricRegistry())
	svc.Ledger, svc.Tasks, svc.Indicator, svc.Deadlines = d.Ledger, d.Tasks, d.Indicator, a.Deadlines
	d.ReportDeps = web.ReportDeps{Reports: svc}
	return nil
}
