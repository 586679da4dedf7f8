package enforcement_test

import (
	"errors"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestAppealsInTheReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj := c.units["清溪县市场监督管理局"]
		scope := supPath(t, c, scj)
		var nos []string
		for range 3 {
			nos = append(nos, supCaseNo(t, c, supInsertCase(t, c, supCase{UnitID: scj, FiledOn: "2025-01-03", DecidedOn: "2025-02-03",
				Decision: enforcement.DecPenalty, State: enforcement.StateClosed})))
		}
		rec := func(no string, k enforcement.AppealKind, filed string) int64 {
			id, err := c.svc.RecordAppeal(c.ctx, scope, enforcement.AppealInput{CaseNo: no, Kind: k, Organ: "清溪县人民政府", FiledOn: filed})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		a1 := rec(nos[0], enforcement.AppealReconsideration, "2025-03-01")
		a2 := rec(nos[1], enforcement.AppealReconsideration, "2025-12-20")
		a3 := rec(nos[2], enforcement.AppealLitigation, "2025-04-01")
		for _, x := range []struct {
			id  int64
			o   enforcement.Outcome
			day string
		}{{a1, enforcement.OutcomeUpheld, "2025-05-01"}, {a2, enforcement.OutcomeRevoked, "2026-02-01"}, {a3, enforcement.OutcomeIllegal, "2025-09-09"}} {
			if err := c.svc.SetAppealOutcome(c.ctx, scope, x.id, x.o, x.day, ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.svc.SetAppealOutcome(c.ctx, scope, a1, enforcement.OutcomeUpheld, "2025-01-01", ""); !errors.Is(err, enforcement.ErrInvalid) {
			t.Errorf("outcome before filing: %v", err)
		}
		rep, err := c.svc.AnnualReport(c.ctx, c.units["清溪县人民政府"], 2025)
		if err != nil {
			t.Fatal(err)
		}
		re, li := rep.Total.Appeals[0], rep.Total.Appeals[1]
		if re.Filed != 2 || re.Decided() != 1 || re.Upheld() != 1 || re.Corrected() != 0 {
			t.Errorf("复议 2025: %+v", re)
		}
		if li.Filed != 1 || li.Corrected() != 1 || li.Other() != 0 {
			t.Errorf("诉讼 2025: %+v", li)
		}
		rep26, _ := c.svc.AnnualReport(c.ctx, c.units["清溪县人民政府"], 2026)
		if rep26.Total.Appeals[0].Corrected() != 1 || rep26.Total.Appeals[0].Filed != 0 {
			t.Errorf("复议 2026: %+v", rep26.Total.Appeals[0])
		}
		list, err := c.svc.Appeals(c.ctx, scope, 2026)
		if err != nil || len(list) != 1 || list[0].Outcome != enforcement.OutcomeRevoked {
			t.Fatalf("appeals of 2026: %+v %v", list, err)
		}
	})
}
