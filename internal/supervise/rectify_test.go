package supervise_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
	"fazhi/internal/supervise"
)

// roundWithFinding opens a round on 司法局 (on a plan task) and 教育局 and
// records a finding at 司法局.
func roundWithFinding(e *env) (roundID, findingID int64) {
	e.t.Helper()
	var err error
	if roundID, err = e.svc.CreateRound(e.ctx, supervise.RoundInput{Title: "2026年第四季度法治督察", Basis: "县委依法治县办通知"}); err != nil {
		e.t.Fatal(err)
	}
	var taskID int64
	if err := e.db.Read().QueryRowContext(e.ctx, `SELECT id FROM plan_tasks WHERE title = ?`, "动态调整权责清单").Scan(&taskID); err != nil {
		e.t.Fatal(err)
	}
	if n, err := e.svc.AddTargets(e.ctx, "", roundID, []int64{e.units["司法局"].ID}, taskID); err != nil || n != 1 {
		e.t.Fatalf("add target: %d %v", n, err)
	}
	if n, err := e.svc.AddTargets(e.ctx, "", roundID, []int64{e.units["司法局"].ID, e.units["教育局"].ID}, 0); err != nil || n != 2 {
		e.t.Fatalf("add targets: %d %v", n, err)
	}
	if n, err := e.svc.AddTargets(e.ctx, "", roundID, []int64{e.units["教育局"].ID}, 0); err != nil || n != 0 {
		e.t.Fatalf("duplicate target: %d %v", n, err)
	}
	_, err = e.svc.AddTargets(e.ctx, e.units["教育局"].Path, roundID, []int64{e.units["财政局"].ID}, 0)
	wantCode(e.t, err, supervise.CodeForbidden)
	d, err := e.svc.Round(e.ctx, roundID)
	if err != nil || len(d.Targets) != 3 {
		e.t.Fatalf("round targets: %+v %v", d.Targets, err)
	}
	var target int64
	for _, t := range d.Targets {
		if t.UnitID == e.units["司法局"].ID && t.TaskID == taskID {
			target = t.ID
		}
	}
	_, err = e.svc.AddFinding(e.ctx, "", supervise.FindingInput{RoundID: roundID, TargetID: target, Body: "权责清单未公布", Severity: "特别严重"})
	wantCode(e.t, err, supervise.CodeInvalid)
	if findingID, err = e.svc.AddFinding(e.ctx, "", supervise.FindingInput{RoundID: roundID, TargetID: target,
		Body: "权责清单调整后未在政府网站公布", Severity: "较重"}); err != nil {
		e.t.Fatal(err)
	}
	f, err := e.svc.GetFinding(e.ctx, findingID)
	if err != nil || f.UnitID != e.units["司法局"].ID || f.TaskID != taskID || !strings.Contains(f.TaskLabel, "动态调整权责清单") {
		e.t.Fatalf("finding %+v %v", f, err)
	}
	return roundID, findingID
}

func TestRoundRectifyFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		roundID, findingID := roundWithFinding(e)
		_, err := e.svc.CreateRectification(e.ctx, "", supervise.RectifyInput{FindingID: findingID, Requirement: "公布调整后的权责清单"})
		wantCode(t, err, supervise.CodeInvalid)
		id, err := e.svc.CreateRectification(e.ctx, "", supervise.RectifyInput{FindingID: findingID,
			Requirement: "在政府网站公布调整后的权责清单", Days: 10})
		if err != nil {
			t.Fatal(err)
		}
		x, err := e.svc.GetRectification(e.ctx, id)
		if err != nil || x.UnitID != e.units["司法局"].ID || x.DueDate != "2026-12-03" || x.Status() != supervise.RectifyOpen {
			t.Fatalf("rectification %+v %v", x, err)
		}
		items, err := e.dl.ItemsOf(e.ctx, supervise.ObjectRectification, strconv.FormatInt(id, 10))
		if err != nil || len(items) != 1 || items[0].UnitID != e.units["司法局"].ID || items[0].ID != x.DeadlineItemID {
			t.Fatalf("monitor items %+v %v", items, err)
		}
		scope := e.units["司法局"].Path
		evidence := []supervise.Upload{{Name: "公布截图.pdf", Data: strings.NewReader(string(pdf("web")))}}
		// Another unit may not close 司法局's item; nor may it close without evidence.
		wantCode(t, e.svc.SubmitRectification(e.ctx, e.units["教育局"].Path, id, "已公布", evidence), supervise.CodeForbidden)
		wantCode(t, e.svc.SubmitRectification(e.ctx, scope, id, "已公布", nil), supervise.CodeInvalid)
		wantCode(t, e.svc.AcceptRectification(e.ctx, "", id, ""), supervise.CodeConflict)
		if err := e.svc.SubmitRectification(e.ctx, scope, id, "已于12月1日在政府网站公布", evidence); err != nil {
			t.Fatal(err)
		}
		wantCode(t, e.svc.ReturnRectification(e.ctx, "", id, " "), supervise.CodeInvalid)
		if err := e.svc.ReturnRectification(e.ctx, "", id, "请附公布网址"); err != nil {
			t.Fatal(err)
		}
		// The evidence already uploaded counts on the second submission.
		if err := e.svc.SubmitRectification(e.ctx, scope, id, "已公布，网址见附件", nil); err != nil {
			t.Fatal(err)
		}
		wantCode(t, e.svc.CloseRound(e.ctx, roundID), supervise.CodeConflict)
		if err := e.svc.AcceptRectification(e.ctx, "", id, "同意销号"); err != nil {
			t.Fatal(err)
		}
		d, err := e.svc.Round(e.ctx, roundID)
		if err != nil || len(d.Rectifications) != 1 || d.Open != 0 {
			t.Fatalf("round %+v %v", d, err)
		}
		x = d.Rectifications[0]
		if x.Status() != supervise.RectifyClosed || len(x.Evidence) != 1 || x.AcceptedByName == "" || x.ClosingText != "已公布，网址见附件" {
			t.Fatalf("closed %+v", x)
		}
		if it, _ := e.dl.Get(e.ctx, x.DeadlineItemID); it.Status != deadline.StatusDone {
			t.Fatalf("monitor item after 销号: %s", it.Status)
		}
		if err := e.svc.CloseRound(e.ctx, roundID); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.AddFinding(e.ctx, "", supervise.FindingInput{RoundID: roundID, TargetID: d.Targets[0].ID, Body: "x", Severity: "一般"})
		wantCode(t, err, supervise.CodeConflict)
		for action, want := range map[string]int{supervise.ActionRoundCreate: 1, supervise.ActionRoundTarget: 2,
			supervise.ActionRoundFind: 1, supervise.ActionRectifyCreate: 1, supervise.ActionRectifySubmit: 2,
			supervise.ActionRectifyReturn: 1, supervise.ActionRectifyAccept: 1, supervise.ActionRoundClose: 1,
			attach.ActionUpload: 1, deadline.ActionComplete: 1} {
			if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, action); n != want {
				t.Errorf("audit %s: %d rows, want %d", action, n, want)
			}
		}
	})
}

func TestRectifyOverdue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		roundID, findingID := roundWithFinding(e)
		// A due date: 2026-11-28 is a Saturday, so the monitor moves it to Monday.
		id, err := e.svc.CreateRectification(e.ctx, "", supervise.RectifyInput{FindingID: findingID,
			Requirement: "补充公布", DueDate: "2026-11-28"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.CreateRectification(e.ctx, "", supervise.RectifyInput{FindingID: findingID, Requirement: "x", DueDate: "2026-11-01"})
		wantCode(t, err, supervise.CodeInvalid)
		later := func() time.Time { return time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC) }
		e.svc.Now, e.dl.Now = later, later
		open, err := e.svc.ListRectifications(e.ctx, supervise.RectifyFilter{Scope: e.units["司法局"].Path, OpenOnly: true})
		if err != nil || len(open) != 1 || open[0].ID != id || open[0].DueDate != "2026-11-30" || !open[0].Overdue ||
			open[0].Status() != supervise.RectifyOverdue {
			t.Fatalf("open rectifications %+v %v", open, err)
		}
		if other, _ := e.svc.ListRectifications(e.ctx, supervise.RectifyFilter{Scope: e.units["教育局"].Path}); len(other) != 0 {
			t.Fatalf("教育局 sees %+v", other)
		}
		over, err := e.dl.Overdue(e.ctx, deadline.Scope{}, e.dl.Today())
		if err != nil || len(over) != 1 || over[0].ObjectType != supervise.ObjectRectification || over[0].UnitID != e.units["司法局"].ID {
			t.Fatalf("monitor overdue: %+v %v", over, err)
		}
		rounds, err := e.svc.ListRounds(e.ctx)
		if err != nil || len(rounds) != 1 || rounds[0].ID != roundID || rounds[0].Overdue != 1 || rounds[0].Findings != 1 {
			t.Fatalf("rounds %+v %v", rounds, err)
		}
	})
}
