package indicator

import (
	"math"
	"sort"
)

// Cell is one unit's standing on one leaf indicator of a round.
type Cell struct {
	Item          Node
	Claimed       *float64 // manual: the self-assessed score
	Occurrences   *int     // deduction: the self-reported occurrences
	SelfNote      string
	SelfByName    string
	Auto          *Auto    // auto: computed from the metric registry
	Score         *float64 // the reviewer's score
	Justification string
	ScoredByName  string
}

// Claim is the score the unit's own figures give: the claimed score, the
// score left after the reported deductions, or the automatic score.
func (c Cell) Claim() (float64, bool) {
	switch c.Item.Method {
	case MethodAuto:
		if c.Auto != nil {
			return c.Auto.Score, true
		}
	case MethodManual:
		if c.Claimed != nil {
			return *c.Claimed, true
		}
	case MethodDeduction:
		if c.Occurrences != nil {
			return DeductionScore(c.Item, *c.Occurrences), true
		}
	}
	return 0, false
}

// Final is the score that counts: the reviewer's, else the claim, else 0.
func (c Cell) Final() float64 {
	if c.Score != nil {
		return *c.Score
	}
	v, _ := c.Claim()
	return v
}

// Reviewed reports whether a reviewer has scored the cell.
func (c Cell) Reviewed() bool { return c.Score != nil }

// Status says in Chinese where the cell stands.
func (c Cell) Status() string {
	_, claimed := c.Claim()
	switch {
	case c.Score != nil:
		return "已评分"
	case c.Item.Method == MethodAuto:
		return "自动计算"
	case claimed:
		return "已自评"
	}
	return "未自评"
}

// Justification required: a reviewer's score that differs from the claim
// (or is given without one) must say why.
func needsJustification(c Cell, score float64) bool {
	claim, ok := c.Claim()
	return !ok || math.Abs(claim-score) > scoreEpsilon
}

// Standing is one unit's line of a round's result.
type Standing struct {
	UnitID    int64
	UnitName  string
	SortKey   int       // the unit's sort order, to break ties of display
	Subtotals []float64 // per level-1 indicator, in code order
	Total     float64
	Rank      int // equal totals share a rank (1, 1, 3)
	Reviewed  int // leaf cells scored by a reviewer
	Leaves    int
}

// Rank orders standings by total, highest first, and numbers them; equal
// totals (to the hundredth) share the better rank, and are listed in the
// units' own order.
func Rank(rows []Standing) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := round2(rows[i].Total), round2(rows[j].Total)
		if a != b {
			return a > b
		}
		if rows[i].SortKey != rows[j].SortKey {
			return rows[i].SortKey < rows[j].SortKey
		}
		return rows[i].UnitName < rows[j].UnitName
	})
	for i := range rows {
		if i > 0 && round2(rows[i].Total) == round2(rows[i-1].Total) {
			rows[i].Rank = rows[i-1].Rank
		} else {
			rows[i].Rank = i + 1
		}
	}
}
