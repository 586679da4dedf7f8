package app

import (
	"context"
	"strconv"

	"fazhi/internal/enforcement"
	"fazhi/internal/jobs"
)

// registerImportJobs makes the enforcement import's background jobs
// runnable: the check of an uploaded file and the save of a confirmed
// batch. The job's params are the batch id.
func (a *App) registerImportJobs(svc *enforcement.Service) {
	run := func(fn func(context.Context, int64, enforcement.ImportProgress) (string, error)) jobs.Func {
		return func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
			id, err := strconv.ParseInt(j.Params, 10, 64)
			if err != nil {
				return "", err
			}
			return fn(ctx, id, p)
		}
	}
	a.Jobs.Register(enforcement.JobImportCheck, run(svc.CheckImport))
	a.Jobs.Register(enforcement.JobImportSave, run(svc.SaveImport))
}

// registerStatsJob makes the statistics consistency recount runnable; the
// 统计年报 page starts it for the 法治办.
func (a *App) registerStatsJob(svc *enforcement.Service) {
	a.Jobs.Register(enforcement.JobRebuildStats, func(ctx context.Context, _ *jobs.Job, p jobs.Progress) (string, error) {
		res, err := svc.RebuildStats(ctx, p.Set)
		if err != nil {
			return "", err
		}
		return res.Summary(), nil
	})
}
