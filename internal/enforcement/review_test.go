package enforcement_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/metric"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
	"fazhi/internal/xlsx"
)

// reviewCases gives a unit n cases closed in 2025 (ended on different
// days), plus noise that must never be sampled: an open case, one closed in
// 2024 and a 不予处罚 in 2025 (which is eligible: it ends the case).
func reviewCasesOf(t *testing.T, c *county, unit int64, n int) (eligible []int64) {
	t.Helper()
	for i := 0; i < n; i++ {
		day := fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%27)
		eligible = append(eligible, supInsertCase(t, c, supCase{UnitID: unit, FiledOn: "2025-01-01", State: enforcement.StateClosed,
			Decision: enforcement.DecPenalty, DecidedOn: day, ClosedOn: day}))
	}
	supInsertCase(t, c, supCase{UnitID: unit, FiledOn: "2025-05-01", State: enforcement.StateInvestigating})
	supInsertCase(t, c, supCase{UnitID: unit, FiledOn: "2024-05-01", State: enforcement.StateClosed, Decision: enforcement.DecPenalty,
		DecidedOn: "2024-06-01", ClosedOn: "2024-07-01"})
	// Decided in 2024 but closed in 2025: a case of 2025.
	eligible = append(eligible, supInsertCase(t, c, supCase{UnitID: unit, FiledOn: "2024-11-01", State: enforcement.StateClosed,
		Decision: enforcement.DecPenalty, DecidedOn: "2024-12-20", ClosedOn: "2025-01-10"}))
	eligible = append(eligible, supInsertCase(t, c, supCase{UnitID: unit, FiledOn: "2025-03-01", State: enforcement.StateNoPenalty,
		Decision: enforcement.DecNoPenalty, DecidedOn: "2025-03-09"}))
	return eligible
}

func reviewInput(seed string, perUnit int, units ...int64) enforcement.ReviewRoundInput {
	return enforcement.ReviewRoundInput{Year: 2025, Seed: seed, PerUnit: perUnit, UnitIDs: units,
		Thresholds: enforcement.DefaultThresholds, Items: enforcement.DefaultReviewTable()}
}

func sampledIDs(t *testing.T, c *county, scope string, round, unit int64) []int64 {
	t.Helper()
	cs, err := c.svc.ReviewCases(c.ctx, scope, enforcement.ReviewCaseFilter{RoundID: round})
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, x := range cs {
		if x.UnitID == unit {
			out = append(out, x.CaseID)
		}
	}
	return out
}

func TestReviewSample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj, zf := c.units["清溪县市场监督管理局"], c.units["清溪县综合行政执法局"]
		gov := supPath(t, c, c.units["清溪县人民政府"])
		ctx := c.as("fazhiban")
		if _, err := c.svc.CreateReviewRound(ctx, gov, reviewInput("7", 3)); !errors.Is(err, enforcement.ErrInvalid) ||
			!strings.Contains(err.Error(), "没有已结案的执法案件") {
			t.Fatalf("round without eligible cases: %v", err)
		}
		scjCases := reviewCasesOf(t, c, scj, 18)
		zfCases := reviewCasesOf(t, c, zf, 0) // two eligible: fewer than the sample
		units, err := c.svc.EligibleUnits(ctx, gov, 2025)
		if err != nil || len(units) != 2 || units[0].Cases+units[1].Cases != 22 {
			t.Fatalf("eligible units: %+v %v", units, err)
		}
		// Default units: both, each with its eligible count.
		a, err := c.svc.CreateReviewRound(ctx, gov, reviewInput("20250101", 3))
		if err != nil {
			t.Fatal(err)
		}
		r, _ := c.svc.ReviewRound(ctx, gov, a)
		if r.Seed != 20250101 || r.Units != 2 || r.Eligible != 22 || r.Sampled != 5 || r.Scored != 0 || r.AsOf != "2026-03-02" ||
			r.Title != "2025年度行政执法案卷评查" || r.ScopeName != "清溪县人民政府" {
			t.Errorf("round: %+v", r)
		}
		first := sampledIDs(t, c, gov, a, scj)
		if len(first) != 3 || !slices.Equal(first, enforcement.DrawSample(20250101, scj, scjCases, 3)) {
			t.Errorf("sample %v, drawn by hand %v", first, enforcement.DrawSample(20250101, scj, scjCases, 3))
		}
		for _, id := range first {
			if !slices.Contains(scjCases, id) {
				t.Errorf("sampled %d, not eligible", id)
			}
		}
		if all := sampledIDs(t, c, gov, a, zf); !slices.Equal(all, zfCases) {
			t.Errorf("small unit: %v, want all of %v", all, zfCases)
		}
		// The same seed draws the same cases; other seeds usually others.
		b, err := c.svc.CreateReviewRound(ctx, gov, reviewInput("20250101", 3, scj))
		if err != nil {
			t.Fatal(err)
		}
		if again := sampledIDs(t, c, gov, b, scj); !slices.Equal(again, first) {
			t.Errorf("same seed drew %v, first %v", again, first)
		}
		differ := 0
		for seed := 1; seed <= 5; seed++ {
			id, err := c.svc.CreateReviewRound(ctx, gov, reviewInput(fmt.Sprint(seed), 3, scj))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sampledIDs(t, c, gov, id, scj), first) {
				differ++
			}
		}
		if differ < 4 {
			t.Errorf("only %d of 5 other seeds drew other cases", differ)
		}
		// A fresh seed is drawn when none is given.
		fresh, err := c.svc.CreateReviewRound(ctx, gov, reviewInput("", 3, scj))
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := c.svc.ReviewRound(ctx, gov, fresh); r.Seed < 100_000_000 {
			t.Errorf("drawn seed %d", r.Seed)
		}
		// Re-drawing agrees until the case records change.
		chk, err := c.svc.CheckReviewSample(ctx, gov, a)
		if err != nil || !chk.Same || len(chk.Units) != 2 {
			t.Fatalf("re-draw: %+v %v", chk, err)
		}
		reviewCasesOf(t, c, zf, 1)
		if chk, _ := c.svc.CheckReviewSample(ctx, gov, a); chk.Same || chk.Units[1].Now != 5 || chk.Units[1].EligibleThen != 2 {
			t.Errorf("re-draw after new cases: %+v", chk)
		}
		for _, bad := range []struct {
			in   enforcement.ReviewRoundInput
			want string
		}{
			{reviewInput("x", 3), "随机种子"},
			{reviewInput("1", 0), "每单位抽取案卷数"},
			{func() enforcement.ReviewRoundInput { in := reviewInput("1", 3); in.Year = 2027; return in }(), "评查年度"},
			{func() enforcement.ReviewRoundInput {
				in := reviewInput("1", 3)
				in.Items[0].Points, in.Items[0].Cap = 5, 5
				return in
			}(), "合计应为100分"},
			{func() enforcement.ReviewRoundInput {
				in := reviewInput("1", 3)
				in.Thresholds.Good = 95
				return in
			}(), "优秀分数线应高于良好分数线"},
			{reviewInput("1", 3, c.units["清溪县司法局"]), "清溪县司法局在2025年没有已结案的执法案件"},
		} {
			if _, err := c.svc.CreateReviewRound(ctx, gov, bad.in); !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), bad.want) {
				t.Errorf("want %q, got %v", bad.want, err)
			}
		}
		// An organiser scoped to one unit can neither choose another unit
		// nor see the county's rounds.
		own := supPath(t, c, scj)
		if _, err := c.svc.CreateReviewRound(ctx, own, reviewInput("1", 3, zf)); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("unit outside the scope chosen: %v", err)
		}
		if _, err := c.svc.ReviewRound(ctx, own, a); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("county round seen from a unit scope: %v", err)
		}
		if rs, _ := c.svc.ReviewRounds(ctx, own); len(rs) != 0 {
			t.Errorf("unit scope lists %d county rounds", len(rs))
		}
		if rs, _ := c.svc.ReviewRounds(ctx, gov); len(rs) != 8 {
			t.Errorf("county lists %d rounds", len(rs))
		}
	})
}

// findings builds a scoring from item seq → occurrences.
func findings(m map[int]int) enforcement.ReviewScoreInput {
	var in enforcement.ReviewScoreInput
	for seq := 1; seq <= 7; seq++ {
		in.Findings = append(in.Findings, enforcement.Finding{Seq: seq, Occurrences: m[seq], Reason: fmt.Sprintf("第%d项存在问题", seq)})
	}
	return in
}

func TestReviewScoringCloseAndMetric(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj, zf := c.units["清溪县市场监督管理局"], c.units["清溪县综合行政执法局"]
		gov := supPath(t, c, c.units["清溪县人民政府"])
		ctx := c.as("fazhiban")
		reviewCasesOf(t, c, scj, 3) // 5 eligible
		reviewCasesOf(t, c, zf, 1)  // 3 eligible
		id, err := c.svc.CreateReviewRound(ctx, gov, reviewInput("99", 4))
		if err != nil {
			t.Fatal(err)
		}
		cases, _ := c.svc.ReviewCases(ctx, gov, enforcement.ReviewCaseFilter{RoundID: id})
		if len(cases) != 7 {
			t.Fatalf("%d sampled", len(cases))
		}
		var scjRC, zfRC []enforcement.ReviewCase
		for _, x := range cases {
			if x.UnitID == scj {
				scjRC = append(scjRC, x)
			} else {
				zfRC = append(zfRC, x)
			}
		}
		score := func(rc enforcement.ReviewCase, in enforcement.ReviewScoreInput) enforcement.ReviewCase {
			t.Helper()
			if err := c.svc.ScoreReviewCase(ctx, gov, rc.ID, in); err != nil {
				t.Fatalf("score %s: %v", rc.CaseNo, err)
			}
			got, err := c.svc.ReviewCase(ctx, gov, rc.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		// Exactly at the thresholds: 90 优秀, 80 良好, 60 合格; 55 不合格.
		got := score(scjRC[0], findings(map[int]int{1: 2}))
		if got.Score != 90 || got.Grade != enforcement.GradeExcellent || len(got.Deductions) != 1 || got.Deductions[0].Points != 10 {
			t.Errorf("90: %+v", got)
		}
		got = score(scjRC[1], findings(map[int]int{2: 5}))
		if got.Score != 80 || got.Grade != enforcement.GradeGood {
			t.Errorf("80: %+v", got)
		}
		got = score(scjRC[2], findings(map[int]int{4: 9, 6: 5, 3: 1})) // 25 (capped from 45) + 10 + 5
		if got.Score != 60 || got.Grade != enforcement.GradePass || !got.Deductions[1].Capped || got.Deductions[0].Capped {
			t.Errorf("60: %+v", got)
		}
		// Zero occurrences: full marks, nothing stored, no reason needed.
		got = score(scjRC[3], enforcement.ReviewScoreInput{Findings: []enforcement.Finding{{Seq: 4, Occurrences: 0}}})
		if got.Score != 100 || len(got.Deductions) != 0 || got.Grade != enforcement.GradeExcellent {
			t.Errorf("100: %+v", got)
		}
		if err := c.svc.ScoreReviewCase(ctx, gov, zfRC[0].ID, enforcement.ReviewScoreInput{Findings: []enforcement.Finding{{Seq: 4, Occurrences: 1}}}); !errors.Is(err, enforcement.ErrInvalid) ||
			!strings.Contains(err.Error(), "扣分理由") {
			t.Errorf("deduction without reason: %v", err)
		}
		// Closing is refused while files are unscored.
		if err := c.svc.CloseReviewRound(ctx, gov, id); !errors.Is(err, enforcement.ErrConflict) || !strings.Contains(err.Error(), "还有3卷") {
			t.Errorf("close with unscored: %v", err)
		}
		// Re-scoring while open replaces the score; both are audited.
		score(zfRC[0], findings(map[int]int{1: 1}))
		got = score(zfRC[0], findings(map[int]int{4: 5, 2: 5, 1: 1})) // 25 + 20 + 5 = 50
		if got.Score != 50 || got.Grade != enforcement.GradeFail || len(got.Deductions) != 3 {
			t.Errorf("re-scored: %+v", got)
		}
		var audits int
		_ = db.Read().QueryRowContext(c.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'enforcement.review.score' AND object_id = ?`,
			supID(zfRC[0].ID)).Scan(&audits)
		if audits != 2 {
			t.Errorf("%d audit records of the scoring", audits)
		}
		score(zfRC[1], findings(nil))
		score(zfRC[2], findings(map[int]int{6: 3})) // 94
		// The figure is unknown until the round is closed.
		reg := metric.New()
		if err := c.svc.RegisterMetrics(reg); err != nil {
			t.Fatal(err)
		}
		if v, _ := reg.Value(c.ctx, "enforce.review_good_rate", c.units["清溪县人民政府"], metric.Year(2025)); v.Known {
			t.Errorf("rate known before closing: %+v", v)
		}
		if err := c.svc.CloseReviewRound(ctx, gov, id); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.ScoreReviewCase(ctx, gov, zfRC[1].ID, findings(nil)); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("scoring after close: %v", err)
		}
		if err := c.svc.CloseReviewRound(ctx, gov, id); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("closed twice: %v", err)
		}
		// Results: scj 90, 80, 60, 100 → 82.5, 优良 3/4; zf 50, 100, 94 → 81.33, 优良 2/3.
		res, err := c.svc.ReviewResultsOf(ctx, gov, id, "")
		if err != nil || len(res.Units) != 2 {
			t.Fatalf("results: %+v %v", res, err)
		}
		top, second := res.Units[0], res.Units[1]
		if top.UnitID != scj || top.Rank != 1 || top.Average() != 82.5 || second.Average() != 81.33 || second.Rank != 2 {
			t.Errorf("ranking: %+v / %+v", top, second)
		}
		if r, _ := top.GoodRate(); r != 75 || top.Excellent != 2 || top.Good != 1 || top.Pass != 1 {
			t.Errorf("scj: %+v rate %v", top, r)
		}
		if res.Total.Scored != 7 || res.Total.Fail != 1 || res.Total.Excellent != 4 {
			t.Errorf("total %+v", res.Total)
		}
		for key, want := range map[string]float64{"enforce.review_good_rate": 71.43, "enforce.case_reviews": 7, "enforce.excellent_cases": 4} {
			v, err := reg.Value(c.ctx, key, c.units["清溪县人民政府"], metric.Year(2025))
			if err != nil || !v.Known || v.Number != want || v.From != "行政执法" {
				t.Errorf("%s = %+v %v, want %v", key, v, err, want)
			}
		}
		if v, _ := reg.Value(c.ctx, "enforce.review_good_rate", zf, metric.Year(2025)); v.Number != 66.67 {
			t.Errorf("zf rate %+v", v)
		}
		if v, _ := reg.Value(c.ctx, "enforce.review_good_rate", zf, metric.Year(2024)); v.Known {
			t.Errorf("2024 rate known: %+v", v)
		}
		// A unit's view holds its own results only.
		mine, err := c.svc.UnitReviewsOf(ctx, supPath(t, c, zf), true)
		if err != nil || len(mine.Closed) != 1 || len(mine.Closed[0].Units) != 1 || len(mine.Closed[0].Cases) != 3 {
			t.Fatalf("unit view: %+v %v", mine, err)
		}
		for _, x := range mine.Closed[0].Cases {
			if x.UnitID != zf {
				t.Errorf("zf sees %s of unit %d", x.CaseNo, x.UnitID)
			}
		}
		// The export has the ranking and one row per deduction.
		data, name, err := c.svc.ReviewResultsXLSX(ctx, gov, id)
		if err != nil || !strings.HasSuffix(name, ".xlsx") {
			t.Fatal(err)
		}
		rows, err := xlsx.Read(bytes.NewReader(data), "评查结果")
		if err != nil || len(rows) != 5 || rows[2][1] != "清溪县市场监督管理局" || rows[2][0] != "1" || rows[4][1] != "合计" {
			t.Errorf("ranking sheet: %v %v", rows, err)
		}
		detail, _ := xlsx.Read(bytes.NewReader(data), "案卷评分明细")
		reasons := 0
		for _, row := range detail {
			if len(row) > 9 && strings.HasPrefix(row[9], "第") {
				reasons++
			}
		}
		if reasons != 9 { // 1 + 1 + 3 + 0 + 3 + 0 + 1
			t.Errorf("%d deduction rows: %v", reasons, detail)
		}
	})
}
