// Package metric is the registry through which capabilities expose named,
// documented figures for a unit (with its subtree) and a period. A figure may
// have two sources: the capability that records it natively, and the yearly
// ledger (台账) as the fallback until it does. The registry prefers the native
// value whenever it is known and says so.
//
// The package knows nothing of the web or of other capabilities.
package metric

import (
	"context"
	"fmt"
	"strconv"
)

// Kind is what sort of figure a metric is.
type Kind string

const (
	KindCount  Kind = "count"  // 件、人、户次 …
	KindRate   Kind = "rate"   // a percentage 0–100
	KindAmount Kind = "amount" // money or another decimal quantity
	KindHours  Kind = "hours"  // 学时
)

// Label is the kind in Chinese.
func (k Kind) Label() string {
	switch k {
	case KindCount:
		return "计数"
	case KindRate:
		return "比率"
	case KindAmount:
		return "金额/数量"
	case KindHours:
		return "学时"
	}
	return string(k)
}

// Aggregate says how the figures of a subtree combine into the figure of its
// root unit.
type Aggregate string

const (
	AggSum   Aggregate = "sum"           // the subtree's figures add up
	AggRatio Aggregate = "ratio-of-sums" // Σ numerator ÷ Σ denominator (never a mean of rates)
	AggNone  Aggregate = "none"          // only the unit's own figure counts
)

// Label is the aggregation in Chinese.
func (a Aggregate) Label() string {
	switch a {
	case AggSum:
		return "下级合计"
	case AggRatio:
		return "分子分母分别合计后相除"
	case AggNone:
		return "不汇总（取本单位填报值）"
	}
	return string(a)
}

// Ratio defines a derived metric: Num ÷ Den × Scale (100 for a percentage).
type Ratio struct {
	Num, Den string
	Scale    float64
}

// Metric is a named, documented figure.
type Metric struct {
	Key       string // stable identifier, e.g. "review.received"
	Name      string // 中文名称
	Unit      string // 件、人、户次、%、学时、万元 …
	Doc       string // 中文说明：口径、计算方法、依据
	Kind      Kind
	Aggregate Aggregate
	Group     string // section for display, e.g. 行政复议与应诉
	Ratio     *Ratio // set for derived metrics, computed from two others
	Owner     string // the capability recording it natively (行政执法 …); "" for ledger-only figures
}

// Value is a metric's figure for one unit and period.
type Value struct {
	Number float64
	Known  bool   // false: no source has the figure
	From   string // "台账" or the capability, e.g. "行政执法"
	Note   string // how it was obtained, e.g. "12 个单位填报"
	// Replaced is set when a native value was chosen over a ledger value
	// that also exists; Manual is that ledger value.
	Replaced bool
	Manual   float64
}

// Text formats the number for display: integers without decimals, others
// with up to two; unknown values as "—".
func (v Value) Text() string {
	if !v.Known {
		return "—"
	}
	return FormatNumber(v.Number)
}

// FormatNumber prints n without trailing zeros, rounded to two decimals.
func FormatNumber(n float64) string {
	return strconv.FormatFloat(roundTo(n, 2), 'f', -1, 64)
}

func roundTo(n float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	if n < 0 {
		return -float64(int64(-n*p+0.5)) / p
	}
	return float64(int64(n*p+0.5)) / p
}

// Source yields a metric's value for unitID and its whole subtree.
type Source func(ctx context.Context, unitID int64, p Period) (Value, error)

// LedgerFrom is the From of values that come from the ledger.
const LedgerFrom = "台账"

// errUnknown is returned for a key nobody registered.
func errUnknown(key string) error { return fmt.Errorf("metric %q is not registered", key) }
