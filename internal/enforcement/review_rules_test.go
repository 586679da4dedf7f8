package enforcement_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
)

func TestDefaultReviewTable(t *testing.T) {
	tab := enforcement.DefaultReviewTable()
	if err := enforcement.CheckReviewTable(tab); err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for i, it := range tab {
		total += it.Points
		if it.Seq != i+1 {
			t.Errorf("row %d has seq %d", i+1, it.Seq)
		}
	}
	if total != 100 || len(tab) != 7 || !strings.Contains(tab[3].Description, "法制审核") {
		t.Errorf("default table: %v points, %d items", total, len(tab))
	}
}

func TestCheckReviewTable(t *testing.T) {
	base := func(edit func([]enforcement.ReviewItem) []enforcement.ReviewItem) []enforcement.ReviewItem {
		return edit(enforcement.DefaultReviewTable())
	}
	tests := []struct {
		name  string
		items []enforcement.ReviewItem
		want  string // "" = valid
	}{
		{"default", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { return x }), ""},
		{"empty", nil, "至少要有一项"},
		{"no name", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[2].Name = " "; return x }), "第3项：请填写评查项目名称"},
		{"same name", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[4].Name = x[0].Name; return x }), "第5项“执法主体与权限”与第1项重名"},
		{"zero points", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem {
			x[0].Points, x[1].Points = 0, 30
			return x
		}), "第1项“执法主体与权限”：分值应大于0"},
		{"total 99", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem {
			x[6].Points, x[6].Cap = 9, 9
			return x
		}), "合计应为100分，现为99分"},
		{"total 100.5", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[6].Points = 10.5; return x }), "现为100.5分"},
		{"deduction above cap", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[1].PerDeduction = 21; return x }), "每处扣分（21）不能大于扣分上限（20）"},
		{"deduction equals cap", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[1].PerDeduction = 20; return x }), ""},
		{"cap above points", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[0].Cap = 12; return x }), "扣分上限（12）不能大于分值（10）"},
		{"cap below points", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[0].Cap = 6; return x }), ""},
		{"zero deduction", base(func(x []enforcement.ReviewItem) []enforcement.ReviewItem { x[0].PerDeduction = 0; return x }), "每处扣分应大于0"},
		{"single item", []enforcement.ReviewItem{{Seq: 1, Name: "综合", Points: 100, PerDeduction: 1, Cap: 100}}, ""},
	}
	for _, tc := range tests {
		err := enforcement.CheckReviewTable(tc.items)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestGradeThresholds(t *testing.T) {
	th := enforcement.DefaultThresholds
	tests := []struct {
		score float64
		want  enforcement.Grade
	}{
		{100, enforcement.GradeExcellent}, {90, enforcement.GradeExcellent}, {89.99, enforcement.GradeGood},
		{80, enforcement.GradeGood}, {79.5, enforcement.GradePass}, {60, enforcement.GradePass},
		{59.99, enforcement.GradeFail}, {0, enforcement.GradeFail},
	}
	for _, tc := range tests {
		if g := th.Grade(tc.score); g != tc.want {
			t.Errorf("%v: %s, want %s", tc.score, g.Label(), tc.want.Label())
		}
	}
	custom := enforcement.ReviewThresholds{Excellent: 95, Good: 85, Pass: 70}
	if custom.Grade(90) != enforcement.GradeGood || custom.Grade(69) != enforcement.GradeFail {
		t.Error("custom thresholds not used")
	}
	for _, bad := range []enforcement.ReviewThresholds{{101, 80, 60}, {80, 80, 60}, {90, 60, 60}, {90, 80, 0}, {90, 70, 80}} {
		if err := bad.Check(); !errors.Is(err, enforcement.ErrInvalid) {
			t.Errorf("%+v accepted", bad)
		}
	}
	if err := th.Check(); err != nil {
		t.Error(err)
	}
}

func TestScoreCase(t *testing.T) {
	tab := enforcement.DefaultReviewTable() // 程序: 25 points, 5 per occurrence, cap 25; 文书: 10, 2, cap 10
	F := func(seq, n int, reason string) enforcement.Finding {
		return enforcement.Finding{Seq: seq, Occurrences: n, Reason: reason}
	}
	tests := []struct {
		name    string
		found   []enforcement.Finding
		score   float64
		capped  bool
		wantErr string
	}{
		{"nothing found", nil, 100, false, ""},
		{"zero occurrences need no reason", []enforcement.Finding{F(4, 0, ""), F(6, 0, "")}, 100, false, ""},
		{"one deduction", []enforcement.Finding{F(6, 2, "送达回证无签收日期；决定书未加盖印章")}, 96, false, ""},
		{"at the cap", []enforcement.Finding{F(4, 5, "告知、听证、送达程序均有缺陷")}, 75, false, ""},
		{"beyond the cap", []enforcement.Finding{F(4, 9, "程序严重违法")}, 75, true, ""},
		{"several items", []enforcement.Finding{F(2, 3, "证据不足"), F(4, 9, "程序违法"), F(6, 6, "文书不规范")}, 53, true, ""},
		{"reason required", []enforcement.Finding{F(3, 1, "  ")}, 0, false, "“法律适用”扣分须写明扣分理由"},
		{"negative", []enforcement.Finding{F(3, -1, "x")}, 0, false, "问题处数应在0至99之间"},
		{"unknown item", []enforcement.Finding{F(8, 1, "x")}, 0, false, "没有第8项"},
		{"twice", []enforcement.Finding{F(1, 1, "x"), F(1, 1, "y")}, 0, false, "重复填写"},
	}
	for _, tc := range tests {
		score, ded, err := enforcement.ScoreCase(tab, tc.found)
		if tc.wantErr != "" {
			if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: %v, want %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil || score != tc.score {
			t.Errorf("%s: score %v (%v), want %v", tc.name, score, err, tc.score)
			continue
		}
		capped := false
		sum := 0.0
		for _, d := range ded {
			capped = capped || d.Capped
			sum += d.Points
			if d.Occurrences == 0 || d.Reason == "" {
				t.Errorf("%s: stored deduction %+v", tc.name, d)
			}
		}
		if capped != tc.capped || 100-sum != score {
			t.Errorf("%s: capped %v, deductions %v", tc.name, capped, ded)
		}
	}
	// Fractional deductions stay exact to the cent.
	half := []enforcement.ReviewItem{{Seq: 1, Name: "甲", Points: 60, PerDeduction: 0.5, Cap: 2}, {Seq: 2, Name: "乙", Points: 40, PerDeduction: 0.1, Cap: 40}}
	if s, _, err := enforcement.ScoreCase(half, []enforcement.Finding{F(1, 3, "a"), F(2, 3, "b")}); err != nil || s != 98.2 {
		t.Errorf("fractions: %v %v", s, err)
	}
}

func TestDrawSample(t *testing.T) {
	ids := make([]int64, 200)
	for i := range ids {
		ids[i] = int64(1000 + 3*i)
	}
	a := enforcement.DrawSample(20250101, 7, ids, 5)
	shuffled := slices.Clone(ids)
	slices.Reverse(shuffled)
	b := enforcement.DrawSample(20250101, 7, shuffled, 5)
	if len(a) != 5 || !slices.Equal(a, b) || !slices.IsSorted(a) {
		t.Fatalf("same seed, same pool: %v vs %v", a, b)
	}
	for _, id := range a {
		if !slices.Contains(ids, id) {
			t.Errorf("drew %d, not eligible", id)
		}
	}
	if len(slices.Compact(slices.Clone(a))) != 5 {
		t.Errorf("duplicates in %v", a)
	}
	// Other seeds (and other units under the same seed) usually differ.
	differ := 0
	for seed := int64(1); seed <= 20; seed++ {
		if !slices.Equal(enforcement.DrawSample(seed, 7, ids, 5), a) {
			differ++
		}
	}
	if differ < 19 || slices.Equal(enforcement.DrawSample(20250101, 8, ids, 5), a) {
		t.Errorf("only %d of 20 other seeds drew a different sample", differ)
	}
	// The draw is fixed by the documented algorithm, not by Go's library:
	// these values are what SplitMix64 gives for seed 42, unit 1.
	if got := enforcement.DrawSample(42, 1, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 3); !slices.Equal(got, drawRef(42, 1, 10, 3)) ||
		!slices.Equal(got, []int64{3, 8, 9}) {
		t.Errorf("seed 42: %v, reference %v", got, drawRef(42, 1, 10, 3))
	}
	// Fewer cases than the sample: all of them.
	if got := enforcement.DrawSample(1, 1, []int64{9, 3, 3}, 5); !slices.Equal(got, []int64{3, 9}) {
		t.Errorf("small pool: %v", got)
	}
	if got := enforcement.DrawSample(1, 1, ids, 0); len(got) != 0 {
		t.Errorf("n=0: %v", got)
	}
	// Every case can be drawn: over many seeds each of ten ids appears.
	hits := map[int64]int{}
	for seed := int64(0); seed < 400; seed++ {
		for _, id := range enforcement.DrawSample(seed, 3, ids[:10], 2) {
			hits[id]++
		}
	}
	for _, id := range ids[:10] {
		if hits[id] < 40 || hits[id] > 120 { // expected 80
			t.Errorf("id %d drawn %d times of 400", id, hits[id])
		}
	}
}

// drawRef re-implements the documented draw independently (ids 1..n).
func drawRef(seed, unit int64, n, k int) []int64 {
	s := uint64(seed) + uint64(unit)*0xD1B54A32D192ED03
	next := func() uint64 {
		s += 0x9E3779B97F4A7C15
		z := s
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	pool := make([]int64, n)
	for i := range pool {
		pool[i] = int64(i + 1)
	}
	for i := 0; i < k; i++ {
		m := uint64(n - i)
		limit := ^uint64(0) - ^uint64(0)%m
		x := next()
		for x >= limit {
			x = next()
		}
		j := i + int(x%m)
		pool[i], pool[j] = pool[j], pool[i]
	}
	out := pool[:k]
	slices.Sort(out)
	return out
}

func TestRankUnits(t *testing.T) {
	U := func(name string, scored int, sum float64, exc, good, fail int) enforcement.ReviewUnitResult {
		return enforcement.ReviewUnitResult{UnitName: name, Scored: scored, Sampled: max(scored, 1), Sum: sum, Excellent: exc, Good: good, Fail: fail}
	}
	us := []enforcement.ReviewUnitResult{
		U("丙", 2, 170, 0, 2, 0), // 85, 100%
		U("甲", 2, 180, 1, 1, 0), // 90, 100%
		U("未评", 0, 0, 0, 0, 0),  // nothing scored
		U("乙", 2, 180, 1, 1, 0), // 90, 100% — ties with 甲
		U("丁", 2, 170, 1, 0, 1), // 85, 50%
		U("戊", 3, 255, 1, 1, 0), // 85, 66.67%
	}
	enforcement.RankUnits(us)
	var got []string
	for _, u := range us {
		got = append(got, u.UnitName+":"+strconv.Itoa(u.Rank))
	}
	want := []string{"乙:1", "甲:1", "丙:3", "戊:4", "丁:5", "未评:0"}
	if !slices.Equal(got, want) {
		t.Errorf("ranking %v, want %v", got, want)
	}
	if r, ok := us[3].GoodRate(); !ok || r != 66.67 {
		t.Errorf("优良率 %v %v", r, ok)
	}
	if _, ok := enforcement.GoodRate(0, 0, 0); ok {
		t.Error("rate of nothing reviewed")
	}
}

func TestParseReviewForms(t *testing.T) {
	items, err := enforcement.ParseReviewTable([]string{"主体", " 程序 ", "", ""}, []string{"40", "60", "", ""},
		[]string{"5", "2.5", "", ""}, []string{"10", "60", "", ""}, []string{"", "立案至送达", "", ""})
	if err != nil || len(items) != 2 || items[1].Name != "程序" || items[1].PerDeduction != 2.5 || items[1].Seq != 2 || items[1].Description != "立案至送达" {
		t.Fatalf("table: %+v %v", items, err)
	}
	for _, tc := range []struct {
		names, points, pers, caps []string
		want                      string
	}{
		{[]string{"主体"}, []string{"十"}, []string{"1"}, []string{"1"}, "第1项“主体”：分值“十”不是有效的分数"},
		{[]string{"主体"}, []string{"100"}, []string{""}, []string{"1"}, "每处扣分“”不是有效的分数"},
		{[]string{""}, []string{"100"}, []string{"1"}, []string{"1.005"}, "“（未命名）”：扣分上限“1.005”"},
		{[]string{"主体"}, []string{"90"}, []string{"1"}, []string{"1"}, "合计应为100分，现为90分"},
		{[]string{""}, []string{""}, []string{""}, []string{""}, "至少要有一项"},
	} {
		_, err := enforcement.ParseReviewTable(tc.names, tc.points, tc.pers, tc.caps, nil)
		if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.names, err, tc.want)
		}
	}
	if th, err := enforcement.ParseThresholds("95", "85", "70"); err != nil || th.Good != 85 {
		t.Errorf("thresholds %+v %v", th, err)
	}
	if _, err := enforcement.ParseThresholds("95", "", "70"); err == nil || !strings.Contains(err.Error(), "良好分数线“”") {
		t.Errorf("empty threshold: %v", err)
	}
	form := map[string]string{"n_1": "2", "reason_1": "超越职权", "n_2": ""}
	found, err := enforcement.ReadFindings(enforcement.DefaultReviewTable()[:2], func(k string) string { return form[k] })
	if err != nil || len(found) != 2 || found[0].Occurrences != 2 || found[1].Occurrences != 0 || found[0].Reason != "超越职权" {
		t.Errorf("findings %+v %v", found, err)
	}
	form["n_2"] = "两"
	if _, err := enforcement.ReadFindings(enforcement.DefaultReviewTable()[:2], func(k string) string { return form[k] }); err == nil ||
		!strings.Contains(err.Error(), "“事实认定与证据”的问题处数“两”应为整数") {
		t.Errorf("bad count: %v", err)
	}
}
