package supervise_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/org"
	"fazhi/internal/plan"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
	"fazhi/internal/supervise"
)

const planText = `清溪县2026年法治政府建设工作要点
一、健全依法行政制度体系
(一)动态调整权责清单。2026年6月底前完成权责清单动态调整。(牵头单位:县司法局;配合单位:县财政局)
二、健全推进机制
(二)加强学法用法。每年组织学法不少于4次。(责任单位:县司法局、县教育局)
`

type env struct {
	t     *testing.T
	db    *store.DB
	ctx   context.Context
	svc   *supervise.Service
	dl    *deadline.Service
	units map[string]org.Unit
	plan  int64
}

func setup(t *testing.T, db *store.DB) *env {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "fazhiban"})
	orgs := org.NewService(db, l)
	e := &env{t: t, db: db, ctx: ctx, units: map[string]org.Unit{}}
	gov, err := orgs.Create(ctx, 0, org.UnitFields{Name: "清溪县人民政府", ShortName: "县政府", Level: org.LevelGovernment, OrgType: org.OrgAdminOrgan})
	if err != nil {
		t.Fatal(err)
	}
	e.units["县政府"] = gov
	for _, n := range []string{"清溪县司法局", "清溪县财政局", "清溪县教育局"} {
		u, err := orgs.Create(ctx, gov.ID, org.UnitFields{Name: n, ShortName: strings.TrimPrefix(n, "清溪县"), Level: org.LevelDepartment, OrgType: org.OrgAdminOrgan})
		if err != nil {
			t.Fatal(err)
		}
		e.units[strings.TrimPrefix(n, "清溪县")] = u
	}
	plans := plan.NewService(db, l, orgs)
	plans.Now = func() time.Time { return time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC) }
	draft, err := plans.CreateDraft(ctx, plan.Upload{Name: "要点.txt", Data: []byte(planText)})
	if err != nil {
		t.Fatal(err)
	}
	if e.plan, err = plans.Confirm(ctx, draft); err != nil {
		t.Fatal(err)
	}
	e.dl = deadline.NewService(db, l)
	now := func() time.Time { return time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC) }
	e.dl.Now = now
	att, err := attach.NewStore(db, t.TempDir(), 0, l)
	if err != nil {
		t.Fatal(err)
	}
	e.svc = supervise.NewService(db, l, e.dl, att)
	e.svc.Now = now
	return e
}

func (e *env) count(q string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.Read().QueryRowContext(e.ctx, q, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// assignment finds the assignment of a unit on the task titled title.
func (e *env) assignment(title, unit string) supervise.Assignment {
	e.t.Helper()
	as, err := e.svc.List(e.ctx, supervise.Filter{UnitID: e.units[unit].ID})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, a := range as {
		if a.TaskTitle == title {
			return a
		}
	}
	e.t.Fatalf("no assignment of %s on %s in %+v", unit, title, as)
	return supervise.Assignment{}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var se *supervise.Error
	if !errors.As(err, &se) || se.Code != code {
		t.Fatalf("want %s error, got %v", code, err)
	}
}

func TestActivate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		res, err := e.svc.Activate(e.ctx, e.plan)
		if err != nil {
			t.Fatal(err)
		}
		// 2026年6月底前 for the lead unit, and 每年 (31 December 2026 within
		// the plan's horizon) for each of the two units responsible for (二).
		if res.Assignments != 4 || res.Deadlines != 3 {
			t.Fatalf("activate: %+v, want 4 assignments, 3 deadlines", res)
		}
		if again, err := e.svc.Activate(e.ctx, e.plan); err != nil || again.Assignments != 0 {
			t.Fatalf("second activate: %+v %v", again, err)
		}
		if pending, err := e.svc.Pending(e.ctx); err != nil || len(pending) != 0 {
			t.Fatalf("pending after activate: %v %v", pending, err)
		}
		lead := e.assignment("动态调整权责清单", "司法局")
		co := e.assignment("动态调整权责清单", "财政局")
		if lead.Role != "lead" || co.Role != "co" || lead.DueDate != "2026-06-30" || co.DueDate != "" {
			t.Fatalf("lead %+v co %+v", lead, co)
		}
		if !lead.Overdue || lead.Status() != supervise.StatusOverdue || co.Status() != supervise.StatusNotStarted {
			t.Fatalf("overdue flags: lead %v/%s co %s", lead.Overdue, lead.Status(), co.Status())
		}
		over, err := e.dl.Overdue(e.ctx, deadline.Scope{}, e.dl.Today())
		if err != nil || len(over) != 1 || over[0].UnitID != e.units["司法局"].ID || over[0].ObjectID != strconv.FormatInt(lead.ID, 10) {
			t.Fatalf("monitor overdue: %+v %v", over, err)
		}
		if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, supervise.ActionActivate); n != 1 {
			t.Fatalf("activate audit rows: %d", n)
		}
		only, err := e.svc.List(e.ctx, supervise.Filter{Overdue: true})
		if err != nil || len(only) != 1 || only[0].ID != lead.ID {
			t.Fatalf("overdue filter: %+v %v", only, err)
		}
	})
}

func pdf(text string) []byte { return []byte("%PDF-1.4\n" + text + "\n%%EOF\n") }

func TestReportReviewComplete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		if _, err := e.svc.Activate(e.ctx, e.plan); err != nil {
			t.Fatal(err)
		}
		a := e.assignment("动态调整权责清单", "司法局")
		in := supervise.ReportInput{AssignmentID: a.ID, Period: "2026年第4季度", Body: "已完成权责清单梳理",
			Figures: []supervise.Figure{{Name: "调整事项", Value: "37项"}, {}}}
		// A unit outside the scope may not report on another's task.
		_, err := e.svc.Submit(e.ctx, e.units["教育局"].Path, in, nil)
		wantCode(t, err, supervise.CodeForbidden)
		bad := in
		bad.Period = "第四季度"
		_, err = e.svc.Submit(e.ctx, e.units["司法局"].Path, bad, nil)
		wantCode(t, err, supervise.CodeInvalid)

		scope := e.units["司法局"].Path
		id, err := e.svc.Submit(e.ctx, scope, in, []supervise.Upload{{Name: "清单.pdf", Data: strings.NewReader(string(pdf("x")))}})
		if err != nil {
			t.Fatal(err)
		}
		r, _ := e.svc.GetReport(e.ctx, id)
		if r.Status != supervise.ReportSubmitted || len(r.Figures) != 1 || r.Figures[0].Value != "37项" {
			t.Fatalf("report %+v", r)
		}
		if got := e.assignment("动态调整权责清单", "司法局"); got.Stored != supervise.StatusInProgress {
			t.Fatalf("status after report: %s", got.Stored)
		}
		wantCode(t, e.svc.Complete(e.ctx, scope, a.ID), supervise.CodeInvalid)
		wantCode(t, e.svc.Return(e.ctx, "", id, " "), supervise.CodeInvalid)
		if err := e.svc.Return(e.ctx, "", id, "请补充调整后的清单"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, e.svc.Accept(e.ctx, "", id, ""), supervise.CodeConflict)
		in.Body = "已完成权责清单梳理并公布"
		if again, err := e.svc.Submit(e.ctx, scope, in, nil); err != nil || again != id {
			t.Fatalf("resubmit: %d %v", again, err)
		}
		if r, _ := e.svc.GetReport(e.ctx, id); r.Status != supervise.ReportSubmitted || r.Revision != 2 {
			t.Fatalf("resubmitted %+v", r)
		}
		if err := e.svc.Accept(e.ctx, "", id, "同意"); err != nil {
			t.Fatal(err)
		}
		_, err = e.svc.Submit(e.ctx, scope, in, nil)
		wantCode(t, err, supervise.CodeConflict)
		wantCode(t, e.svc.Complete(e.ctx, e.units["财政局"].Path, a.ID), supervise.CodeForbidden)
		if err := e.svc.Complete(e.ctx, scope, a.ID); err != nil {
			t.Fatal(err)
		}
		checkDone(t, e, a, id)
	})
}

func checkDone(t *testing.T, e *env, a supervise.Assignment, reportID int64) {
	t.Helper()
	done := e.assignment("动态调整权责清单", "司法局")
	if done.Status() != supervise.StatusDone || done.OnTime() {
		t.Fatalf("done %+v on time %v", done, done.OnTime())
	}
	if open := e.count(`SELECT COUNT(*) FROM deadline_items WHERE object_id = ? AND status = 'open'`, strconv.FormatInt(a.ID, 10)); open != 0 {
		t.Fatalf("open deadline items after complete: %d", open)
	}
	d, err := e.svc.Task(e.ctx, a.TaskID)
	if err != nil || len(d.Reports) != 1 || len(d.Reports[0].Evidence) != 1 || len(d.Items) != 1 || len(d.Assignments) != 2 {
		t.Fatalf("task detail: %+v %v", d, err)
	}
	for action, want := range map[string]int{supervise.ActionReport: 2, supervise.ActionReturn: 1,
		supervise.ActionAccept: 1, supervise.ActionComplete: 1, attach.ActionUpload: 1} {
		if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, action); n != want {
			t.Errorf("audit %s: %d rows, want %d", action, n, want)
		}
	}
	st, err := e.svc.Stats(e.ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.Total != 3 || st.Total.Done != 1 || st.Total.Due != 1 || st.Total.OnTime != 0 || len(st.ByChapter) != 2 {
		t.Fatalf("stats %+v", st)
	}
	if len(st.Months) != 1 || st.Months[0].Month != "2026-11" || st.Months[0].Accepted != 1 {
		t.Fatalf("months %+v", st.Months)
	}
	if _, err := e.svc.GetReport(e.ctx, reportID); err != nil {
		t.Fatal(err)
	}
}

// A recurring obligation's occurrence is in the monitor and is fulfilled by
// an accepted report for a period containing its due date, not by another.
func TestRecurringOccurrenceFulfilledByReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		if _, err := e.svc.Activate(e.ctx, e.plan); err != nil {
			t.Fatal(err)
		}
		a := e.assignment("加强学法用法", "司法局")
		if a.NextDue != "2026-12-31" || a.DueDate != "" {
			t.Fatalf("next due %q, completion date %q: want the 每年 occurrence and no dated deadline", a.NextDue, a.DueDate)
		}
		open := func() int {
			return e.count(`SELECT COUNT(*) FROM deadline_items WHERE object_type = ? AND object_id = ? AND status = 'open'`,
				supervise.ObjectCycle, fmt.Sprint(a.ID))
		}
		scope := e.units["司法局"].Path
		submitAccept := func(period string) {
			id, err := e.svc.Submit(e.ctx, scope, supervise.ReportInput{AssignmentID: a.ID, Period: period, Body: "组织学法"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := e.svc.Accept(e.ctx, "", id, ""); err != nil {
				t.Fatal(err)
			}
		}
		submitAccept("2026年第3季度")
		if open() != 1 {
			t.Fatal("a third-quarter report closed the year's occurrence")
		}
		submitAccept("2026年度")
		if open() != 0 {
			t.Fatal("the 2026 report did not fulfil the 2026 occurrence")
		}
	})
}

func TestPeriodRange(t *testing.T) {
	for p, want := range map[string][2]string{
		"2026年2月": {"2026-02-01", "2026-02-28"}, "2028年2月": {"2028-02-01", "2028-02-29"},
		"2026年第1季度": {"2026-01-01", "2026-03-31"}, "2026年第4季度": {"2026-10-01", "2026-12-31"},
		"2026年上半年": {"2026-01-01", "2026-06-30"}, "2026年下半年": {"2026-07-01", "2026-12-31"},
		"2026年度": {"2026-01-01", "2026-12-31"},
	} {
		from, to, ok := supervise.PeriodRange(p)
		if !ok || from != want[0] || to != want[1] {
			t.Errorf("%s: %s..%s %v, want %v", p, from, to, ok, want)
		}
	}
	if _, _, ok := supervise.PeriodRange("第四季度"); ok {
		t.Error("invalid period accepted")
	}
}
