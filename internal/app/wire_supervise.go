package app

import (
	"fazhi/internal/supervise"
	"fazhi/internal/web"
)

// wireSupervise builds the supervise services and hands them to the web UI
// (reachable afterwards as a.Web.Tasks, e.g. for the demo seeder). It needs
// the deadline monitor, built by wireCalendar before it.
func (a *App) wireSupervise(d *web.Deps) error {
	if a.Deadlines == nil {
		return nil
	}
	tasks := supervise.NewService(a.DB, a.Audit, a.Deadlines, a.Attach)
	d.SuperviseDeps = web.SuperviseDeps{Tasks: tasks}
	return a.registerPlanMetrics(d.MetricRegistry(), tasks)
}
