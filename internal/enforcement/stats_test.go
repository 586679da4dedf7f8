package enforcement_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
	"fazhi/internal/xlsx"
)

var supTexts = []string{"警告", "罚款5000元", "没收违法所得并处罚款", "吊销营业执照", "责令停产停业三个月",
	"行政拘留五日", "通报批评", "责令改正", "", "暂扣许可证件", "没收非法财物"}

// supRandomCase is a case somewhere along its way, 2024–2026.
func supRandomCase(r *rand.Rand, units []int64) supCase {
	cats := []enforcement.Category{enforcement.CatPenalty, enforcement.CatPenalty, enforcement.CatPenalty,
		enforcement.CatLicense, enforcement.CatCoercion, enforcement.CatConfirmation}
	sc := supCase{UnitID: units[r.IntN(len(units))], Category: cats[r.IntN(len(cats))],
		Procedure: enforcement.ProcOrdinary, State: enforcement.StateInvestigating,
		Hearing: r.IntN(8) == 0, Major: r.IntN(4) == 0, Mobile: r.IntN(3) == 0, Reviewed: r.IntN(3) > 0}
	if r.IntN(3) == 0 {
		sc.Procedure = enforcement.ProcSimple
	}
	filed := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(1000))
	if r.IntN(20) > 0 {
		sc.FiledOn = filed.Format("2006-01-02")
	}
	if r.IntN(10) < 7 {
		sc.DecidedOn = filed.AddDate(0, 0, r.IntN(200)).Format("2006-01-02")
		decs := []enforcement.Decision{enforcement.DecPenalty, enforcement.DecPenalty, enforcement.DecNoPenalty, enforcement.DecTransfer}
		sc.Decision = decs[r.IntN(len(decs))]
		states := []enforcement.State{enforcement.StateDecided, enforcement.StateClosed, enforcement.StateClosed, enforcement.StateRevoked}
		sc.State = states[r.IntN(len(states))]
		sc.PenaltyText = supTexts[r.IntN(len(supTexts))]
		if r.IntN(2) == 0 {
			sc.FineFen = int64(r.IntN(5_000_000)) * 100
		}
		if r.IntN(6) == 0 {
			sc.ConfFen = int64(r.IntN(900_000)) + 1
		}
	}
	return sc
}

// supCompareReports checks that the report from the rollups equals the one
// counted from the cases, cell by cell, for every year.
func supCompareReports(t *testing.T, c *county, root int64, years ...int) {
	t.Helper()
	for _, y := range years {
		got, err := c.svc.AnnualReport(c.ctx, root, y)
		if err != nil {
			t.Fatal(err)
		}
		want, err := c.svc.AnnualReportDirect(c.ctx, root, y)
		if err != nil {
			t.Fatal(err)
		}
		gl, wl := got.Lines(), want.Lines()
		if len(gl) != len(wl) {
			t.Fatalf("%d: %d lines from the rollups, %d from the cases", y, len(gl), len(wl))
		}
		for i := range gl {
			for _, col := range enforcement.ReportColumns {
				if g, w := col.Text(gl[i].Figures), col.Text(wl[i].Figures); g != w || gl[i].Label != wl[i].Label {
					t.Errorf("%d %s %s/%s: rollups %s, cases %s", y, gl[i].Label, col.Group, col.Name, g, w)
				}
			}
		}
	}
}

// supCount runs a counting query on the cases.
func supCount(t *testing.T, db *store.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Read().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStatsRollupsAgreeWithCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		units := []int64{c.units["清溪县市场监督管理局"], c.units["清溪县综合行政执法局"], c.units["清溪县人民政府"]}
		r := rand.New(rand.NewPCG(7, 2026))
		var ids []int64
		for range 120 { // created one by one
			ids = append(ids, supInsertCase(t, c, supRandomCase(r, units)))
		}
		for _, id := range ids[:60] { // steps: decide, revoke, change the fine, remove
			switch r.IntN(4) {
			case 0:
				supUpdateCase(t, c, id, `state = 'decided', decision = 'penalty', decided_on = ?, fine_fen = ?, penalty_text = ?`,
					"2025-06-30", int64(r.IntN(100000))*100, supTexts[r.IntN(len(supTexts))])
			case 1:
				supUpdateCase(t, c, id, `state = 'revoked'`)
			case 2:
				supUpdateCase(t, c, id, `fine_fen = fine_fen + 100, mobile = ?, major = ?`, true, true)
			case 3:
				supUpdateCase(t, c, id, `unit_id = ?, category = 'license'`, units[0])
			}
		}
		supImportBatch(t, c, r, units, 150)
		for i := range 40 { // 检查户次 in their own rollups
			day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(790)).Format("2006-01-02")
			supInspections(t, c, units[i%len(units)], day, 1+r.IntN(30), r.IntN(2) == 0)
		}
		supCompareReports(t, c, c.units["清溪县人民政府"], 2024, 2025, 2026, 2027)
		supCompareReports(t, c, units[0], 2025)

		// An independent count of the same figures.
		rep, err := c.svc.AnnualReport(c.ctx, c.units["清溪县人民政府"], 2025)
		if err != nil {
			t.Fatal(err)
		}
		tot := rep.Total.Cat[enforcement.CatPenalty]
		if want := supCount(t, db, `SELECT COUNT(*) FROM enf_cases WHERE category = 'penalty' AND decision = 'penalty'
			AND decided_on LIKE '2025%'`); tot[enforcement.SupDecPenalty] != want || want == 0 {
			t.Errorf("处罚决定 %d, cases say %d", tot[enforcement.SupDecPenalty], want)
		}
		if want := supCount(t, db, `SELECT COALESCE(SUM(fine_fen), 0) FROM enf_cases WHERE category = 'penalty'
			AND decision = 'penalty' AND state <> 'revoked' AND decided_on LIKE '2025%'`); tot[enforcement.SupFineFen] != want {
			t.Errorf("罚款 %d fen, cases say %d", tot[enforcement.SupFineFen], want)
		}
		if want := supCount(t, db, `SELECT COUNT(*) FROM enf_cases WHERE filed_on LIKE '2025%'`); rep.Total.Sum()[enforcement.SupFiled] != want {
			t.Errorf("立案 %d, cases say %d", rep.Total.Sum()[enforcement.SupFiled], want)
		}
		res, err := c.svc.RebuildStats(c.ctx, nil)
		if err != nil || len(res.Mismatches) != 0 || res.Rows == 0 {
			t.Fatalf("rebuild after consistent writes: %+v %v", res, err)
		}
	})
}

// supImportBatch adds n cases the way an import does: rows first, then one
// addStats for the batch; and removes a few again with one call.
func supImportBatch(t *testing.T, c *county, r *rand.Rand, units []int64, n int) {
	t.Helper()
	err := c.db.InTx(c.ctx, func(tx *store.Tx) error {
		var plus []enforcement.CaseFacts
		for range n {
			id, err := supInsertRow(c, tx, supRandomCase(r, units))
			if err != nil {
				return err
			}
			f, err := c.svc.SupLoadCaseFacts(c.ctx, tx, id)
			if err != nil {
				return err
			}
			plus = append(plus, *f)
		}
		return c.svc.SupAddStats(c.ctx, tx, nil, plus)
	})
	if err != nil {
		t.Fatal(err)
	}
	// Undo three cases of the batch (an import rolled back by hand).
	err = c.db.InTx(c.ctx, func(tx *store.Tx) error {
		rows, err := tx.QueryContext(c.ctx, `SELECT id FROM enf_cases ORDER BY id DESC LIMIT 3`)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			_ = rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		var minus []enforcement.CaseFacts
		for _, id := range ids {
			f, err := c.svc.SupLoadCaseFacts(c.ctx, tx, id)
			if err != nil {
				return err
			}
			minus = append(minus, *f)
			for _, q := range []string{`DELETE FROM enf_legal_reviews WHERE case_id = ?`, `DELETE FROM enf_cases WHERE id = ?`} {
				if _, err := tx.ExecContext(c.ctx, q, id); err != nil {
					return err
				}
			}
		}
		return c.svc.SupAddStats(c.ctx, tx, minus, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStatsRebuildFixesDrift(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		u := c.units["清溪县市场监督管理局"]
		supInsertCase(t, c, supCase{UnitID: u, FiledOn: "2025-03-01", DecidedOn: "2025-04-01", State: enforcement.StateClosed,
			Decision: enforcement.DecPenalty, FineFen: 500000, PenaltyText: "罚款5000元"})
		// A writer that forgot the hook, and a rollup row edited by hand.
		if err := db.InTx(c.ctx, func(tx *store.Tx) error {
			_, err := supInsertRow(c, tx, supCase{UnitID: u, FiledOn: "2025-05-01"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(c.ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(c.ctx, `UPDATE enf_stats SET fine_fen = fine_fen + 1 WHERE unit_id = ? AND year = 2025`, u)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		// An inspection through the service, another written past the rollups.
		supInspections(t, c, u, "2025-06-01", 4, true)
		if err := db.InTx(c.ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(c.ctx, `INSERT INTO enf_inspections (unit_id, inspected_on, target, visits, mobile, created_at)
				VALUES (?, '2025-06-02', '某超市', 3, ?, ?)`, u, false, c.clock)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		var steps []string
		res, err := c.svc.RebuildStats(c.ctx, func(done, total int, msg string) { steps = append(steps, msg) })
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Mismatches) != 1 || len(steps) != 4 {
			t.Fatalf("want one mismatching row, four progress steps: %+v %q", res, steps)
		}
		m := res.Mismatches[0]
		if cols := strings.Join(m.Columns(), ","); cols != "filed 1→2,fine_fen 500001→500000" {
			t.Errorf("differences %q", cols)
		}
		if im := res.InspectionMismatches; len(im) != 1 || im[0].Stored != (enforcement.InspCounts{Records: 1, Visits: 4, Mobile: 4}) ||
			im[0].Expected != (enforcement.InspCounts{Records: 2, Visits: 7, Mobile: 4}) {
			t.Errorf("inspection mismatches %+v", im)
		}
		if sum := res.Summary(); !strings.Contains(sum, "发现 1 行与案件记录不一致") || !strings.Contains(sum, "发现 1 行与检查记录不一致") {
			t.Errorf("summary %q", sum)
		}
		supCompareReports(t, c, c.units["清溪县人民政府"], 2025)
		if res, _ := c.svc.RebuildStats(c.ctx, nil); len(res.Mismatches)+len(res.InspectionMismatches) != 0 ||
			!strings.Contains(res.Summary(), "与案件记录全部一致") {
			t.Errorf("second rebuild still finds %+v %+v", res.Mismatches, res.InspectionMismatches)
		}
	})
}

// Concurrent case writers must not lose each other's updates (PostgreSQL
// runs them in parallel; SQLite serialises them).
func TestStatsConcurrentWriters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		u := c.units["清溪县市场监督管理局"]
		const writers, each = 6, 15
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					sc := supCase{UnitID: u, FiledOn: "2025-02-03", DecidedOn: "2025-03-04", State: enforcement.StateClosed,
						Decision: enforcement.DecPenalty, FineFen: int64(100 * (w + 1)), Mobile: i%2 == 0}
					err := db.InTx(c.ctx, func(tx *store.Tx) error {
						id, err := supInsertRow(c, tx, sc)
						if err != nil {
							return err
						}
						f, err := c.svc.SupLoadCaseFacts(c.ctx, tx, id)
						if err != nil {
							return err
						}
						return c.svc.SupApplyStats(c.ctx, tx, nil, f)
					})
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		rep, err := c.svc.AnnualReport(c.ctx, u, 2025)
		if err != nil {
			t.Fatal(err)
		}
		got := rep.Total.Cat[enforcement.CatPenalty]
		wantFen := int64(0)
		for w := range writers {
			wantFen += int64(100*(w+1)) * each
		}
		if got[enforcement.SupFiled] != writers*each || got[enforcement.SupDecPenalty] != writers*each ||
			got[enforcement.SupFineFen] != wantFen || got[enforcement.SupFiledMobile] != writers*((each+1)/2) {
			t.Fatalf("lost updates: %v (want %d cases, %d fen)", got, writers*each, wantFen)
		}
	})
}

func TestStatsContributions(t *testing.T) {
	f := enforcement.CaseFacts{UnitID: 1, Category: enforcement.CatPenalty, Procedure: enforcement.ProcSimple,
		State: enforcement.StateClosed, Decision: enforcement.DecPenalty, FiledOn: "2025-12-30", DecidedOn: "2026-01-05",
		FineFen: 20000, Major: true, Reviewed: true, Mobile: true, PenaltyText: "警告并处罚款200元"}
	got := enforcement.SupContributions(f)
	if got[2025][enforcement.SupFiled] != 1 || got[2025][enforcement.SupFiledMobile] != 1 || got[2025][enforcement.SupDecPenalty] != 0 {
		t.Errorf("filing year: %v", got[2025])
	}
	d := got[2026]
	if d[enforcement.SupFiled] != 0 || d[enforcement.SupDecPenalty] != 1 || d[enforcement.SupWarning] != 1 ||
		d[enforcement.SupFine] != 1 || d[enforcement.SupFineFen] != 20000 || d[enforcement.SupMajorReviewed] != 1 {
		t.Errorf("decision year: %v", d)
	}
	f.State = enforcement.StateRevoked
	d = enforcement.SupContributions(f)[2026]
	if d[enforcement.SupDecPenalty] != 1 || d[enforcement.SupRevoked] != 1 || d[enforcement.SupFineFen] != 0 || d[enforcement.SupFine] != 0 {
		t.Errorf("revoked decision: %v", d)
	}
	f.FiledOn, f.DecidedOn = "", ""
	if got := enforcement.SupContributions(f); len(got) != 0 {
		t.Errorf("undated case counted: %v", got)
	}
}

func TestPenaltyKindsOf(t *testing.T) {
	K := func(ks ...enforcement.PenaltyKind) []enforcement.PenaltyKind { return ks }
	tests := []struct {
		text      string
		fine, con int64
		want      []enforcement.PenaltyKind
	}{
		{"警告", 0, 0, K(enforcement.KindWarning)},
		{"罚款2000元", 0, 0, K(enforcement.KindFine)},
		{"", 200000, 0, K(enforcement.KindFine)},
		{"没收违法所得1200元，并处罚款5000元", 500000, 120000, K(enforcement.KindFine, enforcement.KindConfiscate)},
		{"吊销食品经营许可证", 0, 0, K(enforcement.KindLicence)},
		{"责令停产停业整顿一个月", 0, 0, K(enforcement.KindSuspend)},
		{"行政拘留十日", 0, 0, K(enforcement.KindDetention)},
		{"通报批评", 0, 0, K(enforcement.KindWarning)},
		{"责令改正", 0, 0, K(enforcement.KindOther)},
		{"", 0, 0, K(enforcement.KindOther)},
	}
	for _, tc := range tests {
		if got := enforcement.PenaltyKindsOf(tc.text, tc.fine, tc.con); !slices.Equal(got, tc.want) {
			t.Errorf("%q %d %d: %v, want %v", tc.text, tc.fine, tc.con, got, tc.want)
		}
	}
}

func TestStatsReportLayoutAndSheet(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		gov, scj := c.units["清溪县人民政府"], c.units["清溪县市场监督管理局"]
		supInsertCase(t, c, supCase{UnitID: scj, FiledOn: "2025-03-01", DecidedOn: "2025-04-01", State: enforcement.StateClosed,
			Decision: enforcement.DecPenalty, FineFen: 12_345_600, PenaltyText: "罚款123456元"})
		supInsertCase(t, c, supCase{UnitID: gov, Category: enforcement.CatLicense, FiledOn: "2025-03-01", DecidedOn: "2025-03-02",
			State: enforcement.StateClosed, Decision: enforcement.DecPenalty})
		supInspections(t, c, scj, "2025-05-05", 3, true)
		supInspections(t, c, scj, "2024-05-05", 9, false)
		rep, err := c.svc.AnnualReport(c.ctx, gov, 2025)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, l := range rep.Lines() {
			labels = append(labels, l.Label)
		}
		if got := strings.Join(labels, "|"); got != "合计|清溪县人民政府（本级）|清溪县市场监督管理局" {
			t.Fatalf("lines %q", got)
		}
		col := func(name string) enforcement.ReportColumn {
			for _, c := range enforcement.ReportColumns {
				if c.Name == name {
					return c
				}
			}
			t.Fatalf("no column %s", name)
			return enforcement.ReportColumn{}
		}
		if v := col("罚款金额").Text(rep.Total); v != "12.35" {
			t.Errorf("罚款金额 %s 万元", v)
		}
		if v := col("检查户次").Text(rep.Total); v != "3" {
			t.Errorf("检查户次 %s", v)
		}
		if v := col("作出许可决定").Text(rep.Total); v != "1" {
			t.Errorf("许可 %s", v)
		}
		var buf bytes.Buffer
		if err := rep.WriteSheet(&buf); err != nil {
			t.Fatal(err)
		}
		rows, err := xlsx.Read(&buf, "统计年报")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rows[0][0], "2025年度") || !strings.HasPrefix(rows[1][0], "填报单位：清溪县人民政府") ||
			rows[2][0] != "单位" || rows[2][1] != "行政处罚" || rows[3][1] != "立案（件）" {
			t.Fatalf("header: %q", rows[:4])
		}
		if rows[4][0] != "合计" || rows[6][0] != "　清溪县市场监督管理局" || rows[6][2] != "1" {
			t.Fatalf("body: %q", rows[4:])
		}
		if _, err := c.svc.AnnualReport(c.ctx, gov, 1800); err == nil {
			t.Error("year 1800 accepted")
		}
	})
}

// Cases written through the service and the import count their penalty
// kinds by the 处罚内容 in the rollups as the records do (警告 with or
// without a fine).
func TestStatsServiceWritesAgreeWithRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := impSetup(t, db)
		rows := make([]map[string]string, 20)
		for i := range rows {
			rows[i] = impCaseRow(i)
		}
		id, rep := impCheck(t, c, enforcement.ImportCases, "案件.csv", impCSV(t, impTable(enforcement.ImportCases, rows)))
		ctx := c.as("fazhiban")
		if len(rep.Errors) != 0 {
			t.Fatalf("import check: %v", rep.Errors)
		}
		if err := c.svc.ConfirmImport(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.SaveImport(ctx, id, nil); err != nil {
			t.Fatal(err)
		}
		items, _ := c.svc.CurrentItems(c.ctx, c.scjgj)
		officer := supCount(t, db, `SELECT MIN(id) FROM enf_officers WHERE unit_id = ?`, c.scjgj)
		for _, text := range []string{"警告", "通报批评", "吊销食品经营许可证"} {
			if _, err := c.svc.CreateCase(c.ctx, enforcement.CaseInput{UnitID: c.scjgj, ItemID: items[0].ID, Procedure: enforcement.ProcSimple,
				Title: "销售过期食品", PartyKind: "person", PartyName: "王小二", FiledOn: "2026-03-01", PenaltyText: text,
				Officers: []enforcement.CaseOfficerInput{{OfficerID: officer, Lead: true, ShownCert: true}}}); err != nil {
				t.Fatal(err)
			}
		}
		// A case the service transfers (移送) before any decision counts as 移送
		// in the year it was transferred.
		second := supCount(t, db, `SELECT MAX(id) FROM enf_officers WHERE unit_id = ?`, c.scjgj)
		tid, err := c.svc.CreateCase(c.ctx, enforcement.CaseInput{UnitID: c.scjgj, ItemID: items[0].ID, Procedure: enforcement.ProcOrdinary,
			Title: "涉嫌生产销售伪劣产品", PartyKind: "person", PartyName: "李小三", FiledOn: "2026-03-01",
			Officers: []enforcement.CaseOfficerInput{{OfficerID: officer, Lead: true, ShownCert: true}, {OfficerID: second, ShownCert: true}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.svc.TakeStep(c.ctx, tid, enforcement.StepInput{Step: enforcement.StepTransfer, On: "2026-03-02",
			Note: "涉嫌犯罪，移送县公安局"}); err != nil {
			t.Fatal(err)
		}
		supCompareReports(t, c.county, c.gov, 2025, 2026)
		rep2026, err := c.svc.AnnualReport(c.ctx, c.scjgj, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if n := rep2026.Total.Sum()[enforcement.SupColDecTransfer]; n != 1 {
			t.Errorf("移送 in the 2026 rollups: %d, want 1", n)
		}
		res, err := c.svc.RebuildStats(c.ctx, nil)
		if err != nil || len(res.Mismatches) != 0 {
			t.Fatalf("recount after service and import writes: %+v %v", res.Mismatches, err)
		}
	})
}
