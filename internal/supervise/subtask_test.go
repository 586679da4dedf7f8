package supervise_test

import (
	"fmt"
	"testing"

	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
	"fazhi/internal/supervise"
)

func TestSubtasks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		if _, err := e.svc.Activate(e.ctx, e.plan); err != nil {
			t.Fatal(err)
		}
		lead := e.assignment("动态调整权责清单", "司法局")
		co := e.assignment("动态调整权责清单", "财政局")
		leadScope, coScope := e.units["司法局"].Path, e.units["财政局"].Path
		in := supervise.SubtaskInput{AssignmentID: lead.ID, Title: "梳理财政类权责事项", UnitID: e.units["财政局"].ID, DueDate: "2026-12-15"}

		// Only the lead unit breaks a task down, within its scope.
		_, err := e.svc.CreateSubtask(e.ctx, coScope, in)
		wantCode(t, err, supervise.CodeForbidden)
		coIn := in
		coIn.AssignmentID = co.ID
		_, err = e.svc.CreateSubtask(e.ctx, coScope, coIn)
		wantCode(t, err, supervise.CodeInvalid)
		// A unit that is neither a section of the lead unit nor on the task.
		bad := in
		bad.UnitID = e.units["教育局"].ID
		_, err = e.svc.CreateSubtask(e.ctx, leadScope, bad)
		wantCode(t, err, supervise.CodeInvalid)
		past := in
		past.DueDate = "2026-11-01"
		_, err = e.svc.CreateSubtask(e.ctx, leadScope, past)
		wantCode(t, err, supervise.CodeInvalid)

		id, err := e.svc.CreateSubtask(e.ctx, leadScope, in)
		if err != nil {
			t.Fatal(err)
		}
		due := e.count(`SELECT COUNT(*) FROM deadline_items WHERE object_type = ? AND object_id = ? AND status = 'open'
			AND due_date = '2026-12-15' AND unit_id = ?`, supervise.ObjectSubtask, fmt.Sprint(id), e.units["财政局"].ID)
		if due != 1 {
			t.Fatal("sub-task deadline not in the monitor for its unit")
		}
		list, err := e.svc.Subtasks(e.ctx, lead.TaskID)
		if err != nil || len(list) != 1 || list[0].UnitName != "清溪县财政局" || list[0].Done {
			t.Fatalf("list: %+v %v", list, err)
		}
		units, err := e.svc.SubtaskUnits(e.ctx, lead)
		if err != nil || len(units) != 2 {
			t.Fatalf("choices: %+v %v", units, err)
		}

		wantCode(t, e.svc.CompleteSubtask(e.ctx, coScope, id, " "), supervise.CodeInvalid)
		wantCode(t, e.svc.CompleteSubtask(e.ctx, e.units["教育局"].Path, id, "完成"), supervise.CodeForbidden)
		// The sub-task's own unit (a co-operating unit) completes it.
		if err := e.svc.CompleteSubtask(e.ctx, coScope, id, "已梳理事项23项"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, e.svc.CompleteSubtask(e.ctx, leadScope, id, "再次"), supervise.CodeConflict)
		if e.count(`SELECT COUNT(*) FROM deadline_items WHERE object_type = ? AND object_id = ? AND status = 'open'`,
			supervise.ObjectSubtask, fmt.Sprint(id)) != 0 {
			t.Fatal("completed sub-task still open in the monitor")
		}
		list, _ = e.svc.Subtasks(e.ctx, lead.TaskID)
		if !list[0].Done || list[0].DoneNote != "已梳理事项23项" {
			t.Fatalf("after completion: %+v", list[0])
		}
	})
}
