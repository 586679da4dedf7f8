package deadline_test

import (
	"strings"
	"testing"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestConfirmUnverifiedRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		const id = "enf_legal_review" // U: 10 WD, disabled in the catalogue
		calc := deadline.Calc{RuleID: id, Start: today}
		if _, err := f.svc.Compute(f.ctx, calc); err == nil {
			t.Fatal("a U rule computed before confirmation")
		}
		wantCode(t, f.svc.ConfirmRule(f.ctx, id, " "), deadline.CodeInvalid)
		wantCode(t, f.svc.ConfirmRule(f.ctx, "penalty_fine_payment", "已核实"), deadline.CodeConflict)
		wantCode(t, f.svc.ConfirmRule(f.ctx, "no_such_rule", "x"), deadline.CodeNotFound)
		f.must(f.svc.ConfirmRule(f.ctx, id, "经核对本省重大执法决定法制审核办法第十二条"))
		res, err := f.svc.Compute(f.ctx, calc)
		f.must(err)
		if res.Due != d(2026, time.December, 7) {
			t.Errorf("confirmed rule: due %s", res.Due)
		}
		r, err := f.svc.Rule(f.ctx, "", id)
		f.must(err)
		if r.Status != calendar.StatusActive || r.Confirmation == nil || r.Confirmation.By != "tester" {
			t.Errorf("effective rule: %+v", r)
		}
		if n := f.auditCount(deadline.ActionRuleConfirm); n != 1 {
			t.Errorf("%d confirm audit entries", n)
		}
		f.must(f.svc.RevokeRule(f.ctx, id, "复核有误"))
		if _, err := f.svc.Compute(f.ctx, calc); err == nil {
			t.Error("revoked rule still computes")
		}
	})
}

func TestRegionalOverride(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		const id = "enf_publicity_license_penalty" // L: 7 WD
		itemID := f.register(deadline.Item{ObjectType: "penalty_case", ObjectID: "7", Title: "处罚决定公示",
			RuleID: id, Start: today, UnitID: f.dept.ID})
		if it := f.item(itemID); it.Due != d(2026, time.December, 2) || it.RegionCode != "369921" {
			t.Fatalf("registered: due %s, region %q", it.Due, it.RegionCode)
		}
		citation := "江西省行政执法公示办法第十条"
		o := deadline.Override{RegionCode: "360000", RuleID: id, N: 5, Unit: calendar.UnitWorkday, Citation: citation}
		f.must(f.svc.SetRuleOverride(f.ctx, o))

		// The province's rule applies in the county below it, not elsewhere.
		res, err := f.svc.Compute(f.ctx, deadline.Calc{RegionCode: "369921", RuleID: id, Start: today})
		f.must(err)
		if res.Due != d(2026, time.November, 30) || res.Citation != citation || !strings.Contains(strings.Join(res.Trail, "\n"), citation) {
			t.Errorf("regional: due %s, citation %q, trail %q", res.Due, res.Citation, res.Trail)
		}
		res, err = f.svc.Compute(f.ctx, deadline.Calc{RegionCode: "110101", RuleID: id, Start: today})
		f.must(err)
		if res.Due != d(2026, time.December, 2) || res.Citation == citation {
			t.Errorf("other province: due %s, citation %q", res.Due, res.Citation)
		}
		if it := f.item(itemID); it.Due != d(2026, time.November, 30) || it.Citation != citation || it.N != 5 {
			t.Errorf("open item not recomputed: %s %q %d", it.Due, it.Citation, it.N)
		}
		rules, err := f.svc.Rules(f.ctx, "369921")
		f.must(err)
		for _, r := range rules {
			if r.ID == id && (r.Override == nil || r.N != 5 || r.Default.N != 7) {
				t.Errorf("Rules: %+v", r)
			}
		}

		o.N, o.Citation = 0, ""
		wantCode(t, f.svc.SetRuleOverride(f.ctx, o), deadline.CodeInvalid)
		wantCode(t, f.svc.SetRuleOverride(f.ctx, deadline.Override{RegionCode: "360000", RuleID: "count_transit", N: 1,
			Unit: calendar.UnitDay, Citation: "x"}), deadline.CodeConflict)
		f.must(f.svc.DeleteRuleOverride(f.ctx, "360000", id))
		if it := f.item(itemID); it.Due != d(2026, time.December, 2) {
			t.Errorf("after deleting the override: due %s", it.Due)
		}
		if n := f.auditCount(deadline.ActionRuleOverride); n != 2 {
			t.Errorf("%d override audit entries", n)
		}
	})
}

func TestComputeCustomPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		res, err := f.svc.Compute(f.ctx, deadline.Calc{N: 7, Unit: calendar.UnitWorkday, Start: d(2024, time.September, 27)})
		f.must(err)
		if res.Due != d(2024, time.October, 12) || res.Rule != nil {
			t.Errorf("due %s", res.Due)
		}
		_, err = f.svc.Compute(f.ctx, deadline.Calc{N: 0, Unit: calendar.UnitDay, Start: today})
		wantCode(t, err, deadline.CodeInvalid)
		_, err = f.svc.Compute(f.ctx, deadline.Calc{RuleID: "coercion_emergency_report", Start: today})
		wantCode(t, err, deadline.CodeInvalid)
	})
}
