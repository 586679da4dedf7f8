package enforcement_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// The checks the supervision pages rely on: an appeal needs a decision and
// comes after it, a referral comes after the 立案, the complaint page opens
// the phone only when asked, and the status form's choices are the
// procedure's.
func TestSupervisionRecordChecks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj := c.units["清溪县市场监督管理局"]
		scope := supPath(t, c, scj)
		open := supCaseNo(t, c, supInsertCase(t, c, supCase{UnitID: scj, FiledOn: "2026-01-05", State: enforcement.StateInvestigating}))
		decided := supCaseNo(t, c, supInsertCase(t, c, supCase{UnitID: scj, FiledOn: "2026-01-05", DecidedOn: "2026-02-02",
			Decision: enforcement.DecPenalty, State: enforcement.StateDecided}))
		_, err := c.svc.RecordAppeal(c.ctx, scope, enforcement.AppealInput{CaseNo: open, Kind: enforcement.AppealLitigation,
			Organ: "清溪县人民法院", FiledOn: "2026-02-10"})
		if !errors.Is(err, enforcement.ErrConflict) || !strings.Contains(err.Error(), "尚未作出决定") {
			t.Errorf("appeal of an undecided case: %v", err)
		}
		_, err = c.svc.RecordAppeal(c.ctx, scope, enforcement.AppealInput{CaseNo: decided, Kind: enforcement.AppealLitigation,
			Organ: "清溪县人民法院", FiledOn: "2026-02-01"})
		if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), "不能早于决定日期2026-02-02") {
			t.Errorf("appeal before the decision: %v", err)
		}
		id, err := c.svc.RecordAppeal(c.ctx, scope, enforcement.AppealInput{CaseNo: decided, Kind: enforcement.AppealLitigation,
			Organ: "清溪县人民法院", FiledOn: "2026-02-02"})
		if err != nil {
			t.Fatal(err)
		}
		var caseID int64
		_ = db.Read().QueryRowContext(c.ctx, `SELECT id FROM enf_cases WHERE case_no = ?`, decided).Scan(&caseID)
		if list, err := c.svc.CaseAppeals(c.ctx, scope, caseID); err != nil || len(list) != 1 || list[0].ID != id {
			t.Errorf("case appeals: %+v %v", list, err)
		}
		other := supPath(t, c, c.units["清溪县综合行政执法局"])
		if list, _ := c.svc.CaseAppeals(c.ctx, other, caseID); len(list) != 0 {
			t.Error("another unit sees the case's appeals")
		}
		if _, err := c.svc.Appeal(c.ctx, other, id); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("appeal outside the scope: %v", err)
		}

		_, err = c.svc.RecordReferral(c.ctx, scope, enforcement.ReferralInput{CaseNo: open, ReferredOn: "2026-01-04",
			Receiver: "清溪县公安局", Charges: "销售伪劣产品罪"})
		if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), "不能早于案件的立案日期2026-01-05") {
			t.Errorf("referral before the filing: %v", err)
		}
		for st, want := range map[enforcement.ReferralStatus][]enforcement.ReferralStatus{
			enforcement.RefReferred: {enforcement.RefAccepted, enforcement.RefRefused, enforcement.RefReturned},
			enforcement.RefFiled:    nil,
		} {
			if got := st.Next(); !slices.Equal(got, want) {
				t.Errorf("%s next: %v, want %v", st, got, want)
			}
		}

		gov := supPath(t, c, c.units["清溪县人民政府"])
		cid, err := c.svc.RegisterComplaint(c.as("fazhiban"), gov, enforcement.ComplaintInput{UnitID: scj, ReceivedOn: "2026-03-02",
			Channel: "来信", Complainant: "王晓红", Phone: "13912345678", Content: "检查时未出示证件"})
		if err != nil {
			t.Fatal(err)
		}
		x, err := c.svc.ComplaintPersonal(c.ctx, gov, cid, false)
		if err != nil || x.Phone != "" || x.PhoneMasked != "139****5678" || x.HandlerName != "清溪县司法局" || x.Citation == "" {
			t.Errorf("masked complaint: %+v %v", x, err)
		}
		if x, _ := c.svc.ComplaintPersonal(c.ctx, gov, cid, true); x.Phone != "13912345678" {
			t.Errorf("revealed phone %q", x.Phone)
		}
		if _, err := c.svc.ComplaintPersonal(c.ctx, other, cid, true); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("complaint outside the scope: %v", err)
		}
	})
}
