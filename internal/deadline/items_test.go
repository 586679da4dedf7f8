package deadline_test

import (
	"testing"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/remind"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// monitorItems registers three items for the fixture's department: one
// overdue (due 11-18), one due soon owned by the user (11-25), one later (12-21).
func monitorItems(f *fixture) (lateID, soonID, laterID int64) {
	wd := func(title string, n int, start calendar.Date) deadline.Item {
		return deadline.Item{ObjectType: "test", ObjectID: "x", Title: title, UnitID: f.dept.ID, N: n,
			Unit: calendar.UnitWorkday, Start: start}
	}
	soon := wd("即将到期", 2, today)
	soon.UserID = f.user.ID
	return f.register(wd("逾期事项", 2, d(2026, time.November, 16))), f.register(soon), f.register(wd("远期事项", 20, today))
}

func TestMonitorLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		lateID, soonID, _ := monitorItems(f)
		all := deadline.Scope{UnitPath: f.county.Path}
		due, err := f.svc.DueFor(f.ctx, all, 5, today)
		f.must(err)
		if len(due) != 1 || due[0].ID != soonID || due[0].UserName != "王明" {
			t.Errorf("DueFor 5: %+v", due)
		}
		over, err := f.svc.Overdue(f.ctx, all, today)
		f.must(err)
		if len(over) != 1 || over[0].ID != lateID {
			t.Errorf("Overdue: %+v", over)
		}
		if mine, _ := f.svc.DueFor(f.ctx, deadline.Scope{UserID: f.user.ID}, 30, today); len(mine) != 1 {
			t.Errorf("user scope: %d items", len(mine))
		}
		if other, _ := f.svc.Overdue(f.ctx, deadline.Scope{UnitPath: "/999999/"}, today); len(other) != 0 {
			t.Errorf("foreign scope sees %d items", len(other))
		}
		counts, err := f.svc.OverdueCountByUnit(f.ctx, today)
		f.must(err)
		if counts[f.dept.ID] != 1 || len(counts) != 1 {
			t.Errorf("overdue counts %v", counts)
		}
		f.must(f.svc.Complete(f.ctx, nil, lateID))
		wantCode(t, f.svc.Complete(f.ctx, nil, lateID), deadline.CodeConflict)
		wantCode(t, f.svc.Cancel(f.ctx, nil, 424242, "x"), deadline.CodeNotFound)
		if counts, _ = f.svc.OverdueCountByUnit(f.ctx, today); counts[f.dept.ID] != 0 {
			t.Errorf("done item still counted at the end of today: %v", counts)
		}
		if past, _ := f.svc.OverdueCountByUnit(f.ctx, d(2026, time.November, 20)); past[f.dept.ID] != 0 {
			t.Errorf("item registered later counted in the past: %v", past)
		}
	})
}

func TestMonitorRemindIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		lateID, _, _ := monitorItems(f)
		if n, err := f.svc.Remind(f.ctx, today); err != nil || n != 2 {
			t.Errorf("first Remind changed %d (%v), want 2", n, err)
		}
		if n, _ := f.svc.Remind(f.ctx, today); n != 0 {
			t.Errorf("second Remind changed %d, want 0 (idempotent)", n)
		}
		// The unit's reminder shows to everyone of the unit, the user's only to them.
		unitRs, _ := remind.Open(f.ctx, db.Read(), 0, f.dept.ID, 50)
		userRs, _ := remind.Open(f.ctx, db.Read(), f.user.ID, f.dept.ID, 50)
		if len(unitRs) != 1 || unitRs[0].Level != "red" || len(userRs) != 2 || levelOf(userRs, "即将到期") != "yellow" {
			t.Fatalf("reminders: unit %+v, user %+v", unitRs, userRs)
		}
		// Two days later the yellow one is overdue: the same reminder turns red.
		if n, _ := f.svc.Remind(f.ctx, d(2026, time.November, 26)); n != 1 {
			t.Errorf("escalation changed %d", n)
		}
		userRs, _ = remind.Open(f.ctx, db.Read(), f.user.ID, f.dept.ID, 50)
		if len(userRs) != 2 || levelOf(userRs, "即将到期") != "red" {
			t.Errorf("after escalation: %+v", userRs)
		}
		f.must(f.svc.Complete(f.ctx, nil, lateID))
		if unitRs, _ = remind.Open(f.ctx, db.Read(), 0, f.dept.ID, 50); len(unitRs) != 0 {
			t.Errorf("reminder of a done item stays open: %+v", unitRs)
		}
	})
}

func TestMonitorSuspendExtendCancel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		_, soonID, laterID := monitorItems(f)
		f.must(f.svc.Extend(f.ctx, nil, soonID, 3, "经负责人批准延长"))
		if it := f.item(soonID); it.Due != d(2026, time.November, 30) || it.ExtendN != 3 {
			t.Errorf("extended: due %s", it.Due)
		}
		f.must(f.svc.Suspend(f.ctx, nil, laterID, 10, "听证"))
		if it := f.item(laterID); it.Due != d(2026, time.December, 31) {
			t.Errorf("suspended: due %s", it.Due)
		}
		wantCode(t, f.svc.Suspend(f.ctx, nil, laterID, 1, ""), deadline.CodeInvalid)
		f.must(f.svc.Cancel(f.ctx, nil, laterID, "案件撤销"))
		wantCode(t, f.svc.Extend(f.ctx, nil, laterID, 1, "x"), deadline.CodeConflict)
		for _, a := range []string{deadline.ActionRegister, deadline.ActionExtend, deadline.ActionSuspend, deadline.ActionCancel} {
			if f.auditCount(a) == 0 {
				t.Errorf("no audit entry %s", a)
			}
		}
	})
}

func TestRegisterInCallersTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		err := db.InTx(f.ctx, func(tx *store.Tx) error {
			if _, err := f.svc.Register(f.ctx, tx, deadline.Item{ObjectType: "review_case", ObjectID: "1", Title: "复议决定",
				RuleID: "review_decision", Start: today, UnitID: f.county.ID}); err != nil {
				return err
			}
			return errRollback
		})
		if err != errRollback {
			t.Fatal(err)
		}
		if items, _ := f.svc.ItemsOf(f.ctx, "review_case", "1"); len(items) != 0 {
			t.Errorf("rolled-back registration kept: %+v", items)
		}
		_, err = f.svc.Register(f.ctx, nil, deadline.Item{ObjectType: "x", ObjectID: "1", Title: "t", UnitID: f.county.ID,
			RuleID: "count_transit", Start: today})
		wantCode(t, err, deadline.CodeInvalid)
		id := f.register(deadline.Item{ObjectType: "review_case", ObjectID: "2", Title: "复议决定", RuleID: "review_decision",
			Start: today, UnitID: f.county.ID})
		it := f.item(id)
		if it.Due != d(2027, time.January, 22) || it.RuleName == "" || it.Citation == "" || len(it.Trail) == 0 || !it.Estimated {
			t.Errorf("item %+v", it)
		}
		if n, _ := f.svc.CompleteObject(f.ctx, nil, "review_case", "2"); n != 1 {
			t.Errorf("CompleteObject closed %d", n)
		}
	})
}

type rollback struct{}

func (rollback) Error() string { return "rollback" }

var errRollback error = rollback{}

func levelOf(rs []remind.Reminder, title string) string {
	for _, r := range rs {
		if r.Title == title {
			return r.Level
		}
	}
	return ""
}
