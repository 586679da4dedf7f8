package supervise_test

import (
	"reflect"
	"testing"
	"time"

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

// TestYearStats: the dashboard of a year is the year's figures by unit and
// chapter — the same as today's while the year runs, and as they stood on
// 31 December once it is over (a task completed in January stays open in
// the year's view).
func TestYearStats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		if _, err := e.svc.Activate(e.ctx, e.plan); err != nil {
			t.Fatal(err)
		}
		y, err := e.svc.YearStats(e.ctx, "", 0, 2026)
		if err != nil {
			t.Fatal(err)
		}
		now, err := e.svc.Stats(e.ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(y.Total, now.Total) || !reflect.DeepEqual(y.ByUnit, now.ByUnit) ||
			!reflect.DeepEqual(y.ByChapter, now.ByChapter) || len(y.ByUnit) != 2 || len(y.ByChapter) != 2 {
			t.Fatalf("2026 while it runs:\n%+v\ntoday's dashboard:\n%+v", y, now)
		}
		rate, _ := e.svc.YearRate(e.ctx, "", 2026)
		if y.Total != rate {
			t.Errorf("year total %+v, YearRate %+v", y.Total, rate)
		}

		scope := e.units["司法局"].Path
		a := e.assignment("动态调整权责清单", "司法局")
		id, err := e.svc.Submit(e.ctx, scope, supervise.ReportInput{AssignmentID: a.ID, Period: "2026年第4季度",
			Body: "已完成权责清单调整"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Accept(e.ctx, "", id, "同意"); err != nil {
			t.Fatal(err)
		}
		e.svc.Now = func() time.Time { return time.Date(2027, 1, 20, 2, 0, 0, 0, time.UTC) }
		if err := e.svc.Complete(e.ctx, scope, a.ID); err != nil {
			t.Fatal(err)
		}
		y, err = e.svc.YearStats(e.ctx, "", 0, 2026)
		if err != nil {
			t.Fatal(err)
		}
		now, _ = e.svc.Stats(e.ctx, "", 0)
		if y.Total.Total != 3 || y.Total.Done != 0 || now.Total.Done != 1 {
			t.Errorf("after a completion in January: 2026 %+v, today %+v", y.Total, now.Total)
		}
		if len(y.Months) != 1 || y.Months[0].Month != "2026-11" || y.Months[0].Submitted != 1 {
			t.Errorf("2026's reports by month: %+v", y.Months)
		}
		for _, c := range []struct {
			plan int64
			year int
		}{{0, 2025}, {0, 2027}, {e.plan + 1, 2026}} {
			d, err := e.svc.YearStats(e.ctx, "", c.plan, c.year)
			if err != nil || d.Total.Total != 0 || len(d.ByUnit) != 0 {
				t.Errorf("plan %d, %d: %+v %v", c.plan, c.year, d, err)
			}
		}
		if d, _ := e.svc.YearStats(e.ctx, "", e.plan, 2026); d.Total.Total != 3 {
			t.Errorf("the plan itself: %+v", d.Total)
		}
	})
}
