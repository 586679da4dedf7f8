package ledger_test

import (
	"context"
	"errors"
	"testing"

	"fazhi/internal/audit"
	"fazhi/internal/ledger"
	"fazhi/internal/metric"
	"fazhi/internal/org"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

type county struct {
	ctx   context.Context
	svc   *ledger.Service
	db    *store.DB
	units map[string]int64
}

// newCounty builds 县政府 → 司法局 (→ 复议科), 白石镇.
func newCounty(t *testing.T, db *store.DB) *county {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	orgs := org.NewService(db, l)
	c := &county{ctx: audit.WithActor(context.Background(), audit.Actor{Username: "fazhiban"}),
		svc: ledger.NewService(db, l, orgs), db: db, units: map[string]int64{}}
	add := func(parent int64, name string, level org.Level) int64 {
		u, err := orgs.Create(c.ctx, parent, org.UnitFields{Name: name, Level: level, OrgType: org.OrgAdminOrgan})
		if err != nil {
			t.Fatalf("unit %s: %v", name, err)
		}
		c.units[name] = u.ID
		return u.ID
	}
	gov := add(0, "清溪县人民政府", org.LevelGovernment)
	sfj := add(gov, "清溪县司法局", org.LevelDepartment)
	add(sfj, "行政复议与应诉科", org.LevelSection)
	add(gov, "白石镇人民政府", org.LevelTownship)
	return c
}

func TestSaveAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		sfj := c.units["清溪县司法局"]
		err := c.svc.Save(c.ctx, sfj, 2025, map[string]string{"review.received": "86", "review.closed": "79",
			"review.corrected": "8", "enforce.mobile_rate": "98.38"}, map[string]string{"review.received": "复议案件登记簿"})
		if err != nil {
			t.Fatal(err)
		}
		err = c.svc.Save(c.ctx, sfj, 2025, map[string]string{"review.received": "90", "review.closed": "七十九"}, nil)
		var ve *ledger.ValidationError
		if !errors.As(err, &ve) || ve.Error() != "“行政复议办结案件”应为非负整数" {
			t.Fatalf("bad value: %v", err)
		}
		// consistency against stored figures: 纠错 8 > 办结 5
		err = c.svc.Save(c.ctx, sfj, 2025, map[string]string{"review.received": "90", "review.closed": "5"}, nil)
		if !errors.As(err, &ve) || ve.ByKey()["review.corrected"] == "" {
			t.Fatalf("inconsistent: %v", err)
		}
		sh, err := c.svc.Get(c.ctx, sfj, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if e := sh.Entries["review.received"]; e.Value != "86" || e.Note != "复议案件登记簿" || e.EnteredByName != "fazhiban" {
			t.Fatalf("refused saves changed data: %+v", e)
		}
		// a blank clears; a note alone changes the note
		if err := c.svc.Save(c.ctx, sfj, 2025, map[string]string{"enforce.mobile_rate": ""},
			map[string]string{"review.closed": "办结台账"}); err != nil {
			t.Fatal(err)
		}
		sh, _ = c.svc.Get(c.ctx, sfj, 2025)
		if _, ok := sh.Entries["enforce.mobile_rate"]; ok || sh.Entries["review.closed"].Note != "办结台账" ||
			sh.Entries["review.received"].Note != "复议案件登记簿" {
			t.Fatalf("after clear: %+v", sh.Entries)
		}
		var n int
		_ = db.Read().QueryRowContext(c.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, ledger.ActionSave).Scan(&n)
		if n != 2 {
			t.Errorf("audit rows %d, want 2", n)
		}
		hist, err := c.svc.History(c.ctx, sfj, 2025)
		if err != nil || len(hist) != 2 || hist[1].Username != "fazhiban" || len(hist[0].Changes) != 2 {
			t.Fatalf("history: %+v %v", hist, err)
		}
		if ch := hist[0].Changes[0]; ch.Field != "掌上执法率" || ch.Before != "98.38" || ch.After != "" {
			t.Errorf("history change %+v", ch)
		}
	})
}

func TestSaveAllBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		err := c.svc.SaveAll(c.ctx, 2025, []ledger.Batch{
			{UnitID: c.units["清溪县司法局"], Values: map[string]string{"review.received": "10"}},
			{UnitID: c.units["白石镇人民政府"], Values: map[string]string{"dispute.received": "5", "dispute.resolved": "6"}},
		})
		var ve *ledger.ValidationError
		if !errors.As(err, &ve) || len(ve.Errors) != 1 || ve.Errors[0].Batch != 1 {
			t.Fatalf("want one refusal in batch 1: %v", err)
		}
		sh, _ := c.svc.Get(c.ctx, c.units["清溪县司法局"], 2025)
		if len(sh.Entries) != 0 {
			t.Fatalf("batch 0 saved despite batch 1: %+v", sh.Entries)
		}
		if err := c.svc.Save(c.ctx, c.units["清溪县司法局"], 1999, map[string]string{"review.received": "1"}, nil); err == nil {
			t.Error("year 1999 accepted")
		}
	})
}

func TestTotalsAndMetrics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		save := func(unit string, v map[string]string) {
			t.Helper()
			if err := c.svc.Save(c.ctx, c.units[unit], 2025, v, nil); err != nil {
				t.Fatal(err)
			}
		}
		save("清溪县人民政府", map[string]string{"enforce.mobile_rate": "98.38", "enforce.penalties": "1"})
		save("清溪县司法局", map[string]string{"review.closed": "79", "review.corrected": "8", "enforce.penalties": "100", "enforce.mobile_rate": "50"})
		save("行政复议与应诉科", map[string]string{"enforce.penalties": "6"})
		save("白石镇人民政府", map[string]string{"enforce.penalties": "350"})
		tot, err := c.svc.Totals(c.ctx, c.units["清溪县人民政府"], 2025)
		if err != nil {
			t.Fatal(err)
		}
		if p := tot["enforce.penalties"]; p.Number != 457 || p.Units != 4 {
			t.Errorf("county penalties %+v", p)
		}
		if r := tot["enforce.mobile_rate"]; r.Number != 98.38 {
			t.Errorf("a rate is not summed: %+v", r)
		}
		if r := tot["review.correction_rate"]; r.Text() != "10.13" {
			t.Errorf("correction rate %+v", r)
		}
		sub, _ := c.svc.Totals(c.ctx, c.units["清溪县司法局"], 2025)
		if sub["enforce.penalties"].Number != 106 {
			t.Errorf("subtree 司法局: %+v", sub["enforce.penalties"])
		}

		reg := metric.New()
		if err := c.svc.RegisterMetrics(reg); err != nil {
			t.Fatal(err)
		}
		county := c.units["清溪县人民政府"]
		v, err := reg.Value(c.ctx, "enforce.penalties", county, metric.Year(2025))
		if err != nil || v.Number != 457 || v.From != metric.LedgerFrom || v.Note != "4 个单位填报" {
			t.Fatalf("ledger metric: %+v %v", v, err)
		}
		if v, _ := reg.Value(c.ctx, "review.correction_rate", county, metric.Year(2025)); v.Text() != "10.13" {
			t.Errorf("derived metric: %+v", v)
		}
		if v, _ := reg.Value(c.ctx, "enforce.penalties", county, metric.Period{Year: 2025, Half: 1}); v.Known {
			t.Errorf("the ledger has no half years: %+v", v)
		}
		// a capability starts recording 处罚 natively: its value replaces the ledger's
		native := reg.Register(metric.Metric{Key: "enforce.penalties", Name: "行政处罚案件", Unit: "件", Owner: "行政执法"},
			func(_ context.Context, unit int64, p metric.Period) (metric.Value, error) {
				return metric.Value{Number: 460, Known: unit == county}, nil
			})
		if native != nil {
			t.Fatal(native)
		}
		v, _ = reg.Value(c.ctx, "enforce.penalties", county, metric.Year(2025))
		if v.Number != 460 || v.From != "行政执法" || !v.Replaced || v.Manual != 457 {
			t.Errorf("native override: %+v", v)
		}
		v, _ = reg.Value(c.ctx, "enforce.penalties", c.units["白石镇人民政府"], metric.Year(2025))
		if v.Number != 350 || v.From != metric.LedgerFrom {
			t.Errorf("native unknown → ledger: %+v", v)
		}
	})
}
