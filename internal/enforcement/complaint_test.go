package enforcement_test

import (
	"errors"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestComplaintDeadlineAndMasking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj := c.units["清溪县市场监督管理局"]
		gov := supPath(t, c, c.units["清溪县人民政府"])
		ctx := c.as("fazhiban") // 司法局 answers
		in := enforcement.ComplaintInput{UnitID: scj, ReceivedOn: "2026-03-02", Channel: "12345热线", Complainant: "李明华",
			Phone: "13812345678", Content: "执法人员检查时未出示执法证件"}
		id, err := c.svc.RegisterComplaint(ctx, gov, in)
		if err != nil {
			t.Fatal(err)
		}
		list, err := c.svc.Complaints(ctx, gov, 2026)
		if err != nil || len(list) != 1 {
			t.Fatalf("list: %+v %v", list, err)
		}
		x := list[0]
		// 15 working days from Monday 2 March 2026 (no holiday inside): Monday 23 March.
		if x.DueOn != "2026-03-23" || x.HandlerUnitID != c.units["清溪县司法局"] {
			t.Errorf("due %s, handler %d", x.DueOn, x.HandlerUnitID)
		}
		if x.MaskedComplainant() != "李**" || x.PhoneMasked != "138****5678" {
			t.Errorf("masking: %s %s", x.MaskedComplainant(), x.PhoneMasked)
		}
		var sealed string
		_ = db.Read().QueryRowContext(c.ctx, `SELECT phone_sealed FROM enf_complaints WHERE id = ?`, id).Scan(&sealed)
		if sealed == "" || sealed == in.Phone {
			t.Errorf("phone stored as %q", sealed)
		}
		items, err := c.dl.ItemsOf(c.ctx, enforcement.ObjectComplaint, supID(id))
		if err != nil || len(items) != 1 || items[0].Due.String() != "2026-03-23" || items[0].UnitID != c.units["清溪县司法局"] {
			t.Fatalf("deadline: %+v %v", items, err)
		}
		// A setting changes the period of new complaints.
		if err := c.svc.SetSetting(ctx, "369901", enforcement.SetComplaintReplyDays, 10, "清溪县规定10个工作日"); err != nil {
			t.Fatal(err)
		}
		id2, err := c.svc.RegisterComplaint(ctx, gov, in)
		if err != nil {
			t.Fatal(err)
		}
		items, _ = c.dl.ItemsOf(c.ctx, enforcement.ObjectComplaint, supID(id2))
		if items[0].Due.String() != "2026-03-16" || items[0].Citation != "清溪县规定10个工作日" {
			t.Errorf("10 working days: %+v", items[0])
		}
		if err := c.svc.AdvanceComplaint(ctx, gov, id, enforcement.ComplaintClosed, "2026-03-02", ""); !errors.Is(err, enforcement.ErrInvalid) {
			t.Errorf("closing without result: %v", err)
		}
		if err := c.svc.AdvanceComplaint(ctx, gov, id, enforcement.ComplaintInvestigating, "2026-03-02", ""); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.AdvanceComplaint(ctx, gov, id, enforcement.ComplaintClosed, "2026-03-02", "经核查属实，已约谈并答复投诉人"); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.AdvanceComplaint(ctx, gov, id, enforcement.ComplaintClosed, "2026-03-02", "再次"); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("closed twice: %v", err)
		}
		items, _ = c.dl.ItemsOf(c.ctx, enforcement.ObjectComplaint, supID(id))
		if items[0].Status != "done" {
			t.Errorf("deadline still %s", items[0].Status)
		}
		other := supPath(t, c, c.units["清溪县综合行政执法局"])
		if l, _ := c.svc.Complaints(ctx, other, 0); len(l) != 0 {
			t.Error("complaint visible outside the scope")
		}
		if _, err := c.svc.RegisterComplaint(ctx, other, in); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("complaint about a unit outside the scope: %v", err)
		}
	})
}
