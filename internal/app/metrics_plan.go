package app

import (
	"context"
	"fmt"

	"fazhi/internal/metric"
	"fazhi/internal/supervise"
)

// planMetrics are the figures the plan supervision exposes to indicators and
// the annual report. A year's figure counts the plans under supervision in
// that year as they stood on its last day (today, for the current year), so
// a report drafted in spring states the year it reports.
var planMetrics = []struct {
	m   metric.Metric
	get func(supervise.Rate) (float64, bool)
}{
	{metric.Metric{Key: "plan.completion_rate", Name: "规划任务完成率", Unit: "%", Kind: metric.KindRate,
		Aggregate: metric.AggRatio, Group: "规划督办", Owner: "规划督办",
		Doc: "本单位及下属单位作为牵头单位、当年在督办中的规划任务（年度工作要点只计本年度的）中，到年末（当年为今天）已完成（有已采纳的进展报告并标记完成）的比例：已完成 ÷ 全部。"},
		func(r supervise.Rate) (float64, bool) { return ptr(r.CompletionPct()) }},
	{metric.Metric{Key: "plan.on_time_rate", Name: "规划任务按时完成率", Unit: "%", Kind: metric.KindRate,
		Aggregate: metric.AggRatio, Group: "规划督办", Owner: "规划督办",
		Doc: "按期完成 ÷（已完成 + 已过期限仍未完成）；期限由工作日历按《民法典》第二百零一条至第二百零三条计算。"},
		func(r supervise.Rate) (float64, bool) { return ptr(r.OnTimePct()) }},
	{metric.Metric{Key: "plan.overdue_count", Name: "逾期规划任务数", Unit: "项", Kind: metric.KindCount,
		Aggregate: metric.AggSum, Group: "规划督办", Owner: "规划督办",
		Doc: "牵头的规划任务中，到年末（当年为今天）有里程碑已过期限而尚未完成的任务数。"},
		func(r supervise.Rate) (float64, bool) { return float64(r.Overdue), r.Total > 0 }},
}

func ptr(p *float64) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}

// registerPlanMetrics puts the supervision figures into the registry.
func (a *App) registerPlanMetrics(reg *metric.Registry, tasks *supervise.Service) error {
	for _, pm := range planMetrics {
		get := pm.get
		src := func(ctx context.Context, unitID int64, p metric.Period) (metric.Value, error) {
			u, err := a.Org.Get(ctx, unitID)
			if err != nil {
				return metric.Value{}, err
			}
			rate, err := tasks.YearRate(ctx, u.Path, p.Year)
			if err != nil {
				return metric.Value{}, err
			}
			n, ok := get(rate)
			return metric.Value{Number: n, Known: ok, From: "规划督办", Note: fmt.Sprintf("按%d年末（当年为今天）督办任务状态计算", p.Year)}, nil
		}
		if err := reg.Register(pm.m, src); err != nil {
			return err
		}
	}
	return nil
}
