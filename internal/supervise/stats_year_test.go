package supervise_test

import (
	"testing"

	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
	"fazhi/internal/supervise"
)

func TestRateAsOf(t *testing.T) {
	multi := func(t supervise.YearTask) supervise.YearTask { t.Confirmed = "2025-03-01"; return t }
	tasks := []supervise.YearTask{
		multi(supervise.YearTask{DueDate: "2025-06-30", CompletedOn: "2025-06-30"}),                       // done on its last day: on time
		multi(supervise.YearTask{DueDate: "2025-06-30", CompletedOn: "2025-07-01"}),                       // done a day late
		multi(supervise.YearTask{DueDate: "2025-06-30", CompletedOn: "2026-02-01", LateOn: "2025-06-30"}), // open at the year's end
		multi(supervise.YearTask{DueDate: "2026-06-30", LateOn: "2026-06-30"}),                            // not yet due
		multi(supervise.YearTask{}), // no dated milestone, open
		{PlanYear: 2026, Confirmed: "2025-12-20", DueDate: "2026-03-31", LateOn: "2026-03-31"}, // next year's 工作要点
		{Confirmed: "2026-01-05", DueDate: "2026-06-30", LateOn: "2026-06-30"},                 // supervised only from 2026
		{PlanYear: 2025, Confirmed: "2025-01-10", CompletedOn: "2025-12-31"},                   // this year's 工作要点, done on 31 December
	}
	cases := []struct {
		year int
		asOf string
		want supervise.Rate
	}{
		{2025, "2025-12-31", supervise.Rate{Total: 6, Done: 3, OnTime: 2, Due: 4, Overdue: 1}},
		// The same tasks on 1 July: the 工作要点 task is not done yet; the
		// milestone of 30 June was missed by the task still open.
		{2025, "2025-07-01", supervise.Rate{Total: 6, Done: 2, OnTime: 1, Due: 3, Overdue: 1}},
		// On 30 June nothing is late yet.
		{2025, "2025-06-30", supervise.Rate{Total: 6, Done: 1, OnTime: 1, Due: 1}},
		// 2026: the multi-year plan, the 2026 工作要点 and the plan confirmed in January.
		{2026, "2026-12-31", supervise.Rate{Total: 7, Done: 3, OnTime: 1, Due: 6, Overdue: 3}},
		{2024, "2024-12-31", supervise.Rate{}},
	}
	for _, c := range cases {
		got := supervise.RateAsOf(tasks, c.year, c.asOf)
		got.Name = ""
		if got != c.want {
			t.Errorf("%d as of %s: %+v, want %+v", c.year, c.asOf, got, c.want)
		}
	}
}

// TestYearRate: the county's 2026 工作要点 counts for 2026 as of today and
// not at all for 2025.
func TestYearRate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		if _, err := e.svc.Activate(e.ctx, e.plan); err != nil {
			t.Fatal(err)
		}
		r, err := e.svc.YearRate(e.ctx, "", 2026)
		if err != nil {
			t.Fatal(err)
		}
		d, err := e.svc.Stats(e.ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		d.Total.Name = r.Name
		if r != d.Total || r.Total != 3 || r.Overdue != 1 {
			t.Errorf("2026 as of today: %+v, dashboard %+v", r, d.Total)
		}
		if r, err := e.svc.YearRate(e.ctx, "", 2025); err != nil || r.Total != 0 {
			t.Errorf("2025: %+v %v", r, err)
		}
		if r, err := e.svc.YearRate(e.ctx, e.units["财政局"].Path, 2026); err != nil || r.Total != 0 {
			t.Errorf("a unit leading nothing: %+v %v", r, err)
		}
	})
}
