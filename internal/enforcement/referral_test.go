package enforcement_test

import (
	"errors"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestReferralSteps(t *testing.T) {
	R := func(s string) enforcement.ReferralStatus { return enforcement.ReferralStatus(s) }
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"referred", "accepted", true}, {"referred", "filed", false}, {"accepted", "filed", true},
		{"accepted", "not_filed", true}, {"not_filed", "filed", true}, {"filed", "returned", false},
		{"returned", "referred", true}, {"refused", "accepted", true}, {"referred", "nonsense", false},
	}
	for _, tc := range tests {
		if err := enforcement.CheckReferralStep(R(tc.from), R(tc.to)); (err == nil) != tc.ok {
			t.Errorf("%s → %s: %v", tc.from, tc.to, err)
		}
	}
	err := enforcement.CheckReferralStep(enforcement.RefReferred, enforcement.RefFiled)
	if err == nil || !strings.Contains(err.Error(), "只能变更为“已受理”、“不予受理”、“退回”") {
		t.Errorf("message: %v", err)
	}
}

func TestReferralLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj := c.units["清溪县市场监督管理局"]
		id := supInsertCase(t, c, supCase{UnitID: scj, FiledOn: "2025-11-03"})
		var caseNo string
		_ = db.Read().QueryRowContext(c.ctx, `SELECT case_no FROM enf_cases WHERE id = ?`, id).Scan(&caseNo)
		scope := supPath(t, c, scj)
		in := enforcement.ReferralInput{CaseNo: caseNo, ReferredOn: "2026-02-27", Receiver: "清溪县公安局", Charges: "生产、销售伪劣产品罪"}
		rid, err := c.svc.RecordReferral(c.ctx, scope, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.RecordReferral(c.ctx, scope, in); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("second open referral of the case: %v", err)
		}
		other := supPath(t, c, c.units["清溪县综合行政执法局"])
		if _, err := c.svc.RecordReferral(c.ctx, other, in); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("case outside the scope: %v", err)
		}
		if err := c.svc.SetReferralStatus(c.ctx, scope, rid, enforcement.RefFiled, "2026-02-28", ""); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("filed before accepted: %v", err)
		}
		if err := c.svc.SetReferralStatus(c.ctx, scope, rid, enforcement.RefAccepted, "2026-02-28", ""); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SetReferralStatus(c.ctx, scope, rid, enforcement.RefNotFiled, "2026-03-01", ""); !errors.Is(err, enforcement.ErrInvalid) {
			t.Errorf("不予立案 without a reason: %v", err)
		}
		if err := c.svc.SetReferralStatus(c.ctx, scope, rid, enforcement.RefNotFiled, "2026-03-01", "情节显著轻微"); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SetReferralOversight(c.ctx, scope, rid, "县检察院开展立案监督，要求说明不立案理由"); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SetReferralStatus(c.ctx, scope, rid, enforcement.RefFiled, "2026-03-02", "经立案监督，公安机关立案"); err != nil {
			t.Fatal(err)
		}
		list, err := c.svc.Referrals(c.ctx, scope, 2026)
		if err != nil || len(list) != 1 || list[0].Status != enforcement.RefFiled || list[0].Oversight == "" {
			t.Fatalf("list: %+v %v", list, err)
		}
		if l, _ := c.svc.Referrals(c.ctx, other, 0); len(l) != 0 {
			t.Error("another unit sees the referral")
		}
		steps, err := c.svc.ReferralSteps(c.ctx, scope, rid)
		if err != nil || len(steps) != 4 || steps[3].Status != enforcement.RefFiled {
			t.Fatalf("steps: %+v %v", steps, err)
		}
		rep, _ := c.svc.AnnualReport(c.ctx, c.units["清溪县人民政府"], 2026)
		if rep.Total.Referrals != 1 {
			t.Errorf("report counts %d referrals", rep.Total.Referrals)
		}
	})
}

// supPath is a unit's path (a scope).
func supPath(t *testing.T, c *county, id int64) string {
	t.Helper()
	var p string
	if err := c.db.Read().QueryRowContext(c.ctx, `SELECT path FROM units WHERE id = ?`, id).Scan(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

// supCaseNo is a case's 案号.
func supCaseNo(t *testing.T, c *county, id int64) string {
	t.Helper()
	var no string
	if err := c.db.Read().QueryRowContext(c.ctx, `SELECT case_no FROM enf_cases WHERE id = ?`, id).Scan(&no); err != nil {
		t.Fatal(err)
	}
	return no
}
