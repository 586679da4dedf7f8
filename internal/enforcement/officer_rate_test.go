package enforcement_test

import (
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// 持证率 counts officers 在岗 with a certificate valid on the day against
// the unit's entered 执法岗位 headcount.
func TestCertRate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县市场监督管理局"]
		seqs := []string{"013", "025", "037", "049", "051"}
		var ids []int64
		for i, seq := range seqs {
			in := regOfficerInput(unit, "3699010010"+string(rune('0'+i)))
			in.IDNumber = regIDNo(seq)
			if i == 4 {
				in.IssuedOn, in.ValidUntil = "2020-01-01", "2026-03-01" // expired yesterday
			}
			id, err := c.svc.CreateOfficer(c.ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		if err := c.svc.SetOfficerStatus(c.ctx, ids[1], enforcement.OfficerSuspended, "暂扣"); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SetOfficerStatus(c.ctx, ids[2], enforcement.OfficerRevoked, "退休"); err != nil {
			t.Fatal(err)
		}
		rates, err := c.svc.CertRates(c.ctx, "", "2026-03-02")
		if err != nil {
			t.Fatal(err)
		}
		if len(rates) != 1 || rates[0].Certified != 2 || rates[0].Officers != 4 || rates[0].HasPosts || rates[0].Text() != "未填报编制" {
			t.Fatalf("without headcount: %+v", rates)
		}
		if err := c.svc.SetUnitPosts(c.ctx, unit, 3, "清编发〔2025〕3号"); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.SetUnitPosts(c.ctx, c.units["清溪县司法局"], 4, ""); err != nil {
			t.Fatal(err)
		}
		rates, _ = c.svc.CertRates(c.ctx, "", "2026-03-02")
		if len(rates) != 2 {
			t.Fatalf("units: %+v", rates)
		}
		var mine enforcement.CertRate
		for _, r := range rates {
			if r.UnitID == unit {
				mine = r
			}
		}
		if v, ok := mine.Rate(); !ok || mine.Text() != "66.7%" || v < 0.666 || v > 0.667 || mine.PostsNote != "清编发〔2025〕3号" {
			t.Fatalf("rate: %+v", mine)
		}
		if tot := enforcement.CertRateTotal(rates); tot.Posts != 7 || tot.Certified != 2 || tot.Text() != "28.6%" {
			t.Fatalf("total: %+v", tot)
		}
		// On the day before, the expired certificate still counted.
		rates, _ = c.svc.CertRates(c.ctx, "", "2026-03-01")
		for _, r := range rates {
			if r.UnitID == unit && r.Certified != 3 {
				t.Fatalf("on 2026-03-01: %+v", r)
			}
		}
		if err := c.svc.SetUnitPosts(c.ctx, unit, -1, ""); err == nil {
			t.Fatal("negative headcount accepted")
		}
	})
}
