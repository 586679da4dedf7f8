package app

import (
	"fazhi/internal/plan"
	"fazhi/internal/web"
)

// wirePlan builds the plan service and hands it to the web UI (reachable
// afterwards as a.Web.Plans, e.g. for the demo seeder).
func (a *App) wirePlan(d *web.Deps) error {
	d.PlanDeps = web.PlanDeps{Plans: plan.NewService(a.DB, a.Audit, a.Org)}
	return nil
}
