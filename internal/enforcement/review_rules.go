package enforcement

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The pure rules of 案卷评查: the scoring table (评查标准) and its checks,
// grades from the round's thresholds, the score of a case from the
// occurrences found, the reproducible sample and the ranking of units.

// ReviewItem is one row of a round's scoring table: the points it carries,
// the deduction per occurrence of a defect and the most it may lose.
type ReviewItem struct {
	Seq          int // 1-based position in the table
	Name         string
	Points       float64
	PerDeduction float64
	Cap          float64
	Description  string // what the reviewer checks
}

// MaxReviewItems bounds a scoring table.
const MaxReviewItems = 30

// DefaultReviewTable is the scoring table a new round starts from, after the
// usual provincial 行政执法案卷评查标准: 100 points over seven items.
func DefaultReviewTable() []ReviewItem {
	return []ReviewItem{
		{1, "执法主体与权限", 10, 5, 10, "执法主体适格，在法定职权范围内实施，执法人员持有效执法证件"},
		{2, "事实认定与证据", 20, 4, 20, "违法事实清楚，证据确凿充分、收集合法，证据之间能够相互印证"},
		{3, "法律适用", 15, 5, 15, "适用法律、法规、规章正确，引用条款具体到条、款、项"},
		{4, "执法程序", 25, 5, 25, "立案、调查取证两人以上并出示执法证件、告知陈述申辩及听证权利、听证、法制审核、集体讨论、送达等程序合法"},
		{5, "裁量适当", 10, 5, 10, "处罚种类和幅度符合裁量基准，偏离基准的有书面理由"},
		{6, "文书制作", 10, 2, 10, "文书齐全、格式规范、要素完整，文号、签章、日期准确"},
		{7, "案卷归档与全过程记录", 10, 2, 10, "案卷装订有序、目录清楚，执法全过程记录（音像记录）完整可回溯"},
	}
}

// CheckReviewTable validates a scoring table: names given and distinct,
// points > 0 adding up to 100, 0 < deduction ≤ cap ≤ points. Errors name
// the row (第n项).
func CheckReviewTable(items []ReviewItem) error {
	if len(items) == 0 {
		return invalid("评查标准至少要有一项")
	}
	if len(items) > MaxReviewItems {
		return invalid("评查标准不能超过%d项", MaxReviewItems)
	}
	seen := map[string]int{}
	total := 0.0
	for i, it := range items {
		n := i + 1
		name := strings.TrimSpace(it.Name)
		switch {
		case name == "":
			return invalid("评查标准第%d项：请填写评查项目名称", n)
		case utf8.RuneCountInString(name) > 50:
			return invalid("评查标准第%d项：项目名称不能超过50字", n)
		case utf8.RuneCountInString(it.Description) > 500:
			return invalid("评查标准第%d项：评查内容不能超过500字", n)
		case seen[name] != 0:
			return invalid("评查标准第%d项“%s”与第%d项重名", n, name, seen[name])
		case !(it.Points > 0):
			return invalid("评查标准第%d项“%s”：分值应大于0", n, name)
		case !(it.PerDeduction > 0):
			return invalid("评查标准第%d项“%s”：每处扣分应大于0", n, name)
		case it.PerDeduction > it.Cap:
			return invalid("评查标准第%d项“%s”：每处扣分（%s）不能大于扣分上限（%s）", n, name, fmtPoints(it.PerDeduction), fmtPoints(it.Cap))
		case it.Cap > it.Points:
			return invalid("评查标准第%d项“%s”：扣分上限（%s）不能大于分值（%s）", n, name, fmtPoints(it.Cap), fmtPoints(it.Points))
		}
		seen[name] = n
		total += it.Points
	}
	if round2(total) != 100 {
		return invalid("评查标准各项分值合计应为100分，现为%s分", fmtPoints(total))
	}
	return nil
}

// ReviewThresholds are the lowest scores of the grades.
type ReviewThresholds struct {
	Excellent, Good, Pass float64
}

// DefaultThresholds: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60.
var DefaultThresholds = ReviewThresholds{Excellent: 90, Good: 80, Pass: 60}

// Check requires 100 ≥ 优秀 > 良好 > 合格 > 0.
func (t ReviewThresholds) Check() error {
	switch {
	case !(t.Excellent <= 100):
		return invalid("优秀分数线不能高于100分")
	case !(t.Excellent > t.Good):
		return invalid("优秀分数线应高于良好分数线")
	case !(t.Good > t.Pass):
		return invalid("良好分数线应高于合格分数线")
	case !(t.Pass > 0):
		return invalid("合格分数线应大于0")
	}
	return nil
}

// Grade is a reviewed case's grade.
type Grade string

const (
	GradeExcellent Grade = "excellent" // 优秀
	GradeGood      Grade = "good"      // 良好
	GradePass      Grade = "pass"      // 合格
	GradeFail      Grade = "fail"      // 不合格
)

// Grades in order, best first.
var Grades = []Grade{GradeExcellent, GradeGood, GradePass, GradeFail}

// Label is the grade in Chinese ("" for a case not scored yet).
func (g Grade) Label() string {
	switch g {
	case GradeExcellent:
		return "优秀"
	case GradeGood:
		return "良好"
	case GradePass:
		return "合格"
	case GradeFail:
		return "不合格"
	}
	return ""
}

// Grade is the grade of score: a score equal to a threshold reaches it.
func (t ReviewThresholds) Grade(score float64) Grade {
	switch score = round2(score); {
	case score >= t.Excellent:
		return GradeExcellent
	case score >= t.Good:
		return GradeGood
	case score >= t.Pass:
		return GradePass
	}
	return GradeFail
}

// Finding is what a reviewer found under one item: how many times the
// defect occurs in the case file and why.
type Finding struct {
	Seq         int
	Occurrences int
	Reason      string
}

// Deduction is the points a finding costs after the item's cap.
type Deduction struct {
	Seq         int
	Name        string
	Occurrences int
	Points      float64
	Capped      bool // occurrences × per deduction exceeded the cap
	Reason      string
}

// MaxOccurrences bounds the occurrences of one item.
const MaxOccurrences = 99

// ScoreCase scores a case against the table: each item loses
// min(occurrences × per deduction, cap), the score is 100 minus all of
// it. Items without occurrences lose nothing; every deduction needs its
// written reason.
func ScoreCase(items []ReviewItem, found []Finding) (float64, []Deduction, error) {
	bySeq := map[int]ReviewItem{}
	for _, it := range items {
		bySeq[it.Seq] = it
	}
	seen := map[int]bool{}
	var out []Deduction
	total := 0.0
	for _, f := range found {
		it, ok := bySeq[f.Seq]
		switch {
		case !ok:
			return 0, nil, invalid("评查标准中没有第%d项", f.Seq)
		case seen[f.Seq]:
			return 0, nil, invalid("“%s”重复填写", it.Name)
		case f.Occurrences < 0 || f.Occurrences > MaxOccurrences:
			return 0, nil, invalid("“%s”的问题处数应在0至%d之间", it.Name, MaxOccurrences)
		}
		seen[f.Seq] = true
		reason := strings.TrimSpace(f.Reason)
		if f.Occurrences == 0 {
			continue
		}
		if reason == "" {
			return 0, nil, invalid("“%s”扣分须写明扣分理由（存在的问题）", it.Name)
		}
		if utf8.RuneCountInString(reason) > 1000 {
			return 0, nil, invalid("“%s”的扣分理由不能超过1000字", it.Name)
		}
		raw := float64(f.Occurrences) * it.PerDeduction
		d := Deduction{Seq: it.Seq, Name: it.Name, Occurrences: f.Occurrences, Points: round2(math.Min(raw, it.Cap)),
			Capped: raw > it.Cap, Reason: reason}
		total += d.Points
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Deduction) int { return a.Seq - b.Seq })
	return round2(100 - total), out, nil
}

// The sample is drawn so that anyone can repeat it: per unit, its eligible
// case ids in ascending order are shuffled by a partial Fisher–Yates whose
// random numbers come from SplitMix64 seeded with
// seed + unitID × 0xD1B54A32D192ED03 (mod 2^64); the first n are the
// sample. SplitMix64 is written out here so the draw does not depend on the
// Go library's generators.
type splitMix64 struct{ s uint64 }

func (m *splitMix64) next() uint64 {
	m.s += 0x9E3779B97F4A7C15
	z := m.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// below is uniform in [0, n): values past the last whole multiple of n are
// drawn again.
func (m *splitMix64) below(n uint64) uint64 {
	limit := math.MaxUint64 - math.MaxUint64%n
	for {
		if x := m.next(); x < limit {
			return x % n
		}
	}
}

// SampleMethod describes the draw for the round page.
const SampleMethod = "各单位符合条件的案件按案件编号升序排列，以“随机种子 + 单位编号 × 0xD1B54A32D192ED03”初始化 SplitMix64 伪随机数发生器，" +
	"用部分 Fisher–Yates 洗牌取前 n 件；案件少于 n 件的全部抽取。种子、名单和方法相同，任何人重新抽取都得到相同的案件。"

// DrawSample returns n of ids (all of them when there are not more), in
// ascending order, drawn for unitID with seed.
func DrawSample(seed, unitID int64, ids []int64, n int) []int64 {
	pool := slices.Clone(ids)
	slices.Sort(pool)
	pool = slices.Compact(pool)
	if n >= len(pool) {
		return pool
	}
	if n <= 0 {
		return nil
	}
	m := splitMix64{s: uint64(seed) + uint64(unitID)*0xD1B54A32D192ED03}
	for i := 0; i < n; i++ {
		j := i + int(m.below(uint64(len(pool)-i)))
		pool[i], pool[j] = pool[j], pool[i]
	}
	out := pool[:n]
	slices.Sort(out)
	return out
}

// ReviewUnitResult is a unit's result in a round.
type ReviewUnitResult struct {
	UnitID                      int64
	UnitName                    string
	UnitPath                    string
	Eligible, Sampled, Scored   int
	Sum                         float64 // of the scored cases' scores
	Excellent, Good, Pass, Fail int
	Rectifying, Rectified       int // 整改 items open, closed
	Rank                        int // 1 = best; 0 while nothing is scored
}

// Average is the mean score of the scored cases (0 when none).
func (u ReviewUnitResult) Average() float64 {
	if u.Scored == 0 {
		return 0
	}
	return round2(u.Sum / float64(u.Scored))
}

// GoodRate is 优良率 = (优秀 + 良好) ÷ reviewed, in percent; false when
// nothing was reviewed.
func (u ReviewUnitResult) GoodRate() (float64, bool) { return GoodRate(u.Excellent, u.Good, u.Scored) }

// GoodRateText is 优良率 for display, "75%" ("—" when nothing was reviewed).
func (u ReviewUnitResult) GoodRateText() string {
	if r, ok := u.GoodRate(); ok {
		return fmtPoints(r) + "%"
	}
	return "—"
}

// GoodRate is (excellent + good) ÷ reviewed × 100.
func GoodRate(excellent, good, reviewed int) (float64, bool) {
	if reviewed == 0 {
		return 0, false
	}
	return round2(float64(excellent+good) * 100 / float64(reviewed)), true
}

// RankUnits sorts results best first — higher average, then higher 优良率,
// then fewer 不合格, then name — and numbers them; units equal on the
// first three share a rank (1, 2, 2, 4). Units with nothing scored come
// last, unranked.
func RankUnits(us []ReviewUnitResult) {
	cmp := func(a, b ReviewUnitResult) int {
		ar, _ := a.GoodRate()
		br, _ := b.GoodRate()
		switch {
		case (a.Scored == 0) != (b.Scored == 0):
			if a.Scored == 0 {
				return 1
			}
			return -1
		case a.Average() != b.Average():
			return cmpDesc(a.Average(), b.Average())
		case ar != br:
			return cmpDesc(ar, br)
		}
		return a.Fail - b.Fail
	}
	slices.SortStableFunc(us, func(a, b ReviewUnitResult) int {
		if c := cmp(a, b); c != 0 {
			return c
		}
		return strings.Compare(a.UnitName, b.UnitName)
	})
	for i := range us {
		switch {
		case us[i].Scored == 0:
			us[i].Rank = 0
		case i > 0 && cmp(us[i-1], us[i]) == 0:
			us[i].Rank = us[i-1].Rank
		default:
			us[i].Rank = i + 1
		}
	}
}

func cmpDesc(a, b float64) int {
	if a > b {
		return -1
	}
	return 1
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// fmtPoints prints points without trailing zeros (2, 2.5).
func fmtPoints(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }
