package enforcement_test

import (
	"errors"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/metric"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestValidateInspection(t *testing.T) {
	ok := enforcement.InspectionInput{UnitID: 1, InspectedOn: "2026-03-02", Target: "清溪县某某超市", Visits: 1, Result: "未发现问题"}
	for name, c := range map[string]struct {
		change func(*enforcement.InspectionInput)
		want   string
	}{
		"valid":          {func(*enforcement.InspectionInput) {}, ""},
		"no unit":        {func(in *enforcement.InspectionInput) { in.UnitID = 0 }, "请选择检查单位"},
		"bad date":       {func(in *enforcement.InspectionInput) { in.InspectedOn = "2026-02-30" }, "检查日期“2026-02-30”有误，请按 2026-03-02 的格式填写"},
		"future":         {func(in *enforcement.InspectionInput) { in.InspectedOn = "2026-03-03" }, "检查日期2026年3月3日晚于今天"},
		"no target":      {func(in *enforcement.InspectionInput) { in.Target = " " }, "请填写检查对象"},
		"zero visits":    {func(in *enforcement.InspectionInput) { in.Visits = 0 }, "检查户次应为1至1000之间的整数"},
		"too many":       {func(in *enforcement.InspectionInput) { in.Visits = 1001 }, "检查户次应为1至1000之间的整数"},
		"unknown result": {func(in *enforcement.InspectionInput) { in.Result = "其他" }, "请选择检查结果"},
	} {
		in := ok
		c.change(&in)
		err := enforcement.ValidateInspection(in, "2026-03-02")
		if got := ""; err != nil {
			got = err.Error()
			if got != c.want {
				t.Errorf("%s: %q, want %q", name, got, c.want)
			}
		} else if c.want != "" {
			t.Errorf("%s: accepted, want %q", name, c.want)
		}
	}
}

func TestRecordInspectionsAndTotals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj, zf := c.units["清溪县市场监督管理局"], c.units["清溪县综合行政执法局"]
		for _, in := range []enforcement.InspectionInput{
			{UnitID: scj, InspectedOn: "2026-02-27", Target: "某某超市", Visits: 1, Mobile: true, Result: "未发现问题"},
			{UnitID: scj, InspectedOn: "2026-03-02", Target: "农贸市场摊位", Visits: 24, Mobile: true, Result: "当场责令改正"},
			{UnitID: scj, InspectedOn: "2026-01-15", Target: "某某餐馆", Visits: 1, Result: "立案查处"},
			{UnitID: zf, InspectedOn: "2025-12-30", Target: "某某工地", Visits: 3, Result: "责令限期整改"},
		} {
			if _, err := c.svc.RecordInspection(c.ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		// An item of another unit is refused and nothing is saved.
		_, err := c.svc.RecordInspection(c.ctx, enforcement.InspectionInput{UnitID: scj, ItemID: 999, InspectedOn: "2026-03-01",
			Target: "某某药店", Visits: 1, Result: "未发现问题"})
		if !errors.Is(err, enforcement.ErrInvalid) {
			t.Fatalf("foreign item: %v", err)
		}
		list, tot, err := c.svc.Inspections(c.ctx, enforcement.InspectionFilter{UnitID: scj, Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 || tot.Records != 3 || tot.Visits != 26 || tot.MobileVisits != 25 || list[0].Target != "农贸市场摊位" {
			t.Fatalf("list %d, totals %+v, first %+v", len(list), tot, list[0])
		}
		if r := tot.MobileRate(); r < 96.15 || r > 96.16 {
			t.Fatalf("mobile rate %.4f, want 25/26", r)
		}
		_, all, _ := c.svc.Inspections(c.ctx, enforcement.InspectionFilter{})
		if all.Records != 4 || all.Visits != 29 {
			t.Fatalf("all totals %+v", all)
		}
		// The figures for indicators and the report say the same, by year.
		reg := metric.New()
		if err := c.svc.RegisterMetrics(reg); err != nil {
			t.Fatal(err)
		}
		gov := c.units["清溪县人民政府"]
		for _, w := range []struct {
			key   string
			year  int
			want  float64
			known bool
		}{{"enforce.inspections", 2026, 26, true}, {"enforce.inspections", 2025, 3, true}, {"enforce.mobile_rate", 2025, 0, true},
			{"enforce.inspections", 2024, 0, false}} {
			v, err := reg.Value(c.ctx, w.key, gov, metric.Year(w.year))
			if err != nil || v.Known != w.known || v.Number != w.want {
				t.Errorf("%s %d = %+v %v, want %v", w.key, w.year, v, err, w.want)
			}
		}
		if v, _ := reg.Value(c.ctx, "enforce.mobile_rate", scj, metric.Year(2026)); v.Number < 96.15 || v.Number > 96.16 {
			t.Errorf("掌上执法率 %v, want 25/26", v.Number)
		}
	})
}
