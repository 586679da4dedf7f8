package enforcement_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
)

// benchWriteUnit is a 市场监督管理局 of the deployment with a 权责清单 item
// (裁量基准 50–200 元 on the spot, 1 000–5 000 元 ordinary) and two officers
// created through the service.
type benchWriteUnit struct {
	ID       int64
	Item     enforcement.Item
	Officers []enforcement.CaseOfficerInput
}

func (b *benchEnv) writeUnit(name string, run int64) benchWriteUnit {
	t := b.t
	var id int64
	if err := b.db.W.QueryRowContext(b.ctx, `SELECT id FROM units WHERE name = $1`, name).Scan(&id); err != nil {
		t.Fatalf("unit %s: %v", name, err)
	}
	draft, err := b.svc.NewListDraft(b.ctx, id, "写入基准")
	if err != nil {
		t.Fatal(err)
	}
	fen := func(y int64) *int64 { v := y * 100; return &v }
	code := fmt.Sprintf("BENCH-%d", run)
	if _, err := b.svc.SaveItem(b.ctx, draft, enforcement.ItemInput{Code: code, Name: "对经营超过保质期食品的处罚",
		Category: enforcement.CatPenalty, Law: "《中华人民共和国食品安全法》", Article: "第一百二十四条",
		Discretion: []enforcement.DiscretionInput{
			{Circumstance: "当场发现、情节轻微", Level: enforcement.LevelLighter, MinFen: fen(50), MaxFen: fen(200)},
			{Circumstance: "一般违法情节", Level: enforcement.LevelGeneral, MinFen: fen(1000), MaxFen: fen(5000)}}}); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.PublishList(b.ctx, draft); err != nil {
		t.Fatal(err)
	}
	items, err := b.svc.CurrentItems(b.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	u := benchWriteUnit{ID: id}
	for _, it := range items {
		if it.Code == code {
			u.Item = it
		}
	}
	for i := range 2 {
		// A person not registered yet: born a day later than the last.
		n := b.count(`SELECT COUNT(*) FROM enf_officers`)
		birth := time.Date(1975, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format("20060102")
		oid, err := b.svc.CreateOfficer(b.ctx, enforcement.OfficerInput{UnitID: id, Name: []string{"周明", "吴华"}[i],
			IDNumber:      impIDNo(birth, "021"),
			CertNo:        fmt.Sprintf("BENCH%d-%d-%d", run, id, i),
			CertAuthority: "云岭省人民政府", LawArea: "市场监管", IssuedOn: "2023-01-01", ValidUntil: "2028-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		u.Officers = append(u.Officers, enforcement.CaseOfficerInput{OfficerID: oid, Lead: i == 0, ShownCert: true})
	}
	return u
}

// benchWrites are the three timed case writes, each of which moves the
// rollups: a 简易程序 case decided on the spot (filing and decision in one
// upsert), an ordinary case's 立案, and its decision.
var benchWrites = []string{"简易程序当场处罚 (CreateCase)", "普通程序立案 (CreateCase)", "作出处罚决定 (TakeStep)"}

// writeCost times case writes through the service on the full data set,
// with the rollup upsert and without it, in rounds that give each of two
// units both roles, each role first and second. The skipped upserts leave
// each unit's 2025 row behind by exactly those cases; the recount must find
// that and nothing else, which also proves that the service writes keep the
// rollups equal to the records.
func (b *benchEnv) writeCost() {
	t := b.t
	const rounds, each = 8, 25
	run := time.Now().UnixNano() % 1_000_000
	a, z := b.writeUnit("云东县市场监督管理局", run), b.writeUnit("云西县市场监督管理局", run)
	times := map[bool][][]time.Duration{true: make([][]time.Duration, 3), false: make([][]time.Duration, 3)}
	seq := 0
	phase := func(u benchWriteUnit, on bool) {
		timed := func(op int, fn func() error) {
			enforcement.SupRollupsOff(!on)
			t0 := time.Now()
			err := fn()
			d := time.Since(t0)
			enforcement.SupRollupsOff(false)
			if err != nil {
				t.Fatalf("%s: %v", benchWrites[op], err)
			}
			times[on][op] = append(times[on][op], d)
		}
		for range each {
			seq++
			day := fmt.Sprintf("2025-12-%02d", 1+seq%28)
			timed(0, func() error {
				_, err := b.svc.CreateCase(b.ctx, enforcement.CaseInput{UnitID: u.ID, ItemID: u.Item.ID, Procedure: enforcement.ProcSimple,
					Title: "销售超过保质期的食品", PartyKind: "person", PartyName: fmt.Sprintf("周某%d", seq), FiledOn: day, Mobile: seq%2 == 0,
					Officers: u.Officers[:1], FineFen: 20000, PenaltyText: "警告，并处罚款200元", DiscretionID: u.Item.Discretion[0].ID})
				return err
			})
			var id int64
			timed(1, func() error {
				var err error
				id, err = b.svc.CreateCase(b.ctx, enforcement.CaseInput{UnitID: u.ID, ItemID: u.Item.ID, Procedure: enforcement.ProcOrdinary,
					Title: "销售超过保质期的食品", Source: "监督检查发现", PartyKind: "org", PartyName: fmt.Sprintf("云东某某超市%d号店", seq),
					FiledOn: "2025-11-03", Officers: u.Officers})
				return err
			})
			for _, st := range []enforcement.StepInput{{Step: enforcement.StepInvestigate, On: "2025-11-04", Note: "现场检查"},
				{Step: enforcement.StepNotify, On: "2025-11-10", Note: "拟罚款3000元"}} {
				if err := b.svc.TakeStep(b.ctx, id, st); err != nil {
					t.Fatalf("%s: %v", st.Step, err)
				}
			}
			timed(2, func() error {
				return b.svc.TakeStep(b.ctx, id, enforcement.StepInput{Step: enforcement.StepDecide, On: "2025-11-20",
					Decision: enforcement.DecPenalty, PenaltyText: "警告，并处罚款3000元", FineFen: 300000, DiscretionID: u.Item.Discretion[1].ID})
			})
		}
	}
	b.load("case writes")
	for r := range rounds { // each unit with and without, first and second
		on, off := a, z
		if r%2 == 1 {
			on, off = z, a
		}
		if r/2%2 == 0 {
			phase(on, true)
			phase(off, false)
		} else {
			phase(off, false)
			phase(on, true)
		}
	}
	for op, name := range benchWrites {
		on, off := stats(times[true][op]), stats(times[false][op])
		t.Logf("%s, %d each: with rollups median %s (p90 %s, mean %s); without median %s (p90 %s, mean %s); rollups add %s median, %s mean",
			name, len(times[true][op]), ms(on[0]), ms(on[1]), ms(on[2]), ms(off[0]), ms(off[1]), ms(off[2]), ms(on[0]-off[0]), ms(on[2]-off[2]))
	}
	b.upsertAlone(a.ID)
	// The recount finds exactly what the writes without rollups skipped.
	res, d := benchOnce(func() (enforcement.RebuildResult, error) { return b.svc.RebuildStats(b.ctx, nil) }, t)
	t.Logf("RebuildStats after the writes: %s — %d rows, %d mismatches", d.Round(time.Millisecond), res.Rows, len(res.Mismatches))
	skipped := int64(rounds / 2 * each * 2) // per unit: simple cases and ordinary ones, filed and decided
	ok := len(res.Mismatches) == 2 && len(res.InspectionMismatches) == 0
	for _, m := range res.Mismatches {
		if m.UnitID != a.ID && m.UnitID != z.ID || m.Year != 2025 || m.Category != enforcement.CatPenalty ||
			m.Expected[enforcement.SupFiled]-m.Stored[enforcement.SupFiled] != skipped ||
			m.Expected[enforcement.SupDecPenalty]-m.Stored[enforcement.SupDecPenalty] != skipped {
			ok = false
		}
	}
	if !ok {
		for _, m := range res.Mismatches {
			t.Errorf("mismatch unit %d %d %s: %s", m.UnitID, m.Year, m.Category, strings.Join(m.Columns(), ", "))
		}
		t.Fatalf("want the two units' 2025 rows behind by %d cases each, got %d rows", skipped, len(res.Mismatches))
	}
	c := &county{ctx: b.ctx, svc: b.svc, db: b.db}
	supCompareReports(t, c, b.county, 2025)
}

// stats are the median, 90th percentile and mean of ds.
func stats(ds []time.Duration) [3]time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return [3]time.Duration{s[len(s)/2], s[len(s)*9/10], sum / time.Duration(len(s))}
}

// upsertAlone times the rollup statement of one case write by itself: a
// decided case's facts added and taken away again in one transaction (rolled
// back), each applyStats call one upsert of an existing row.
func (b *benchEnv) upsertAlone(unit int64) {
	const n = 500
	f := enforcement.CaseFacts{UnitID: unit, Category: enforcement.CatPenalty, Procedure: enforcement.ProcSimple,
		State: enforcement.StateClosed, Decision: enforcement.DecPenalty, FiledOn: "2025-12-01", DecidedOn: "2025-12-01",
		FineFen: 20000, PenaltyText: "警告，并处罚款200元"}
	var d time.Duration
	err := b.db.InTx(b.ctx, func(tx *store.Tx) error {
		t0 := time.Now()
		for i := range n {
			before, after := &f, (*enforcement.CaseFacts)(nil)
			if i%2 == 0 {
				before, after = nil, &f
			}
			if err := b.svc.SupApplyStats(b.ctx, tx, before, after); err != nil {
				return err
			}
		}
		d = time.Since(t0)
		return errBenchRollback
	})
	if err != errBenchRollback {
		b.t.Fatal(err)
	}
	b.t.Logf("the rollup upsert alone (one statement, existing row, inside a transaction): %d µs per call, %d calls", (d / n).Microseconds(), n)
}

var errBenchRollback = errors.New("rolled back on purpose")
