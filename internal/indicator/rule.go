package indicator

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fazhi/internal/metric"
)

// RuleKind is the shape of an automatic indicator's scoring rule.
type RuleKind int

const (
	AtLeast RuleKind = iota // full score at ≥ target, linear below
	AtMost                  // full score at ≤ target, none above
	Bands                   // the first band whose threshold the value reaches gives its points
)

// Band is one step of a banded rule: value ≥ Min earns Points.
type Band struct {
	Min    float64
	Points float64
}

// Rule is a parsed 目标值.
type Rule struct {
	Kind   RuleKind
	Target float64
	Bands  []Band // descending Min
	// FullIfUnknown gives the full score when the metric has no value, e.g.
	// 出庭率 of a unit without lawsuits (written "…;无数据满分").
	FullIfUnknown bool
}

// unknownClauses mark a rule that gives the full score without data.
var unknownClauses = []string{"无数据得满分", "无数据满分"}

// ParseRule reads a 目标值: "95" or "≥95" (full score at or above, linear
// below), "≤5" (full score at or below, none above), or bands
// "≥95:10;≥80:6;≥60:3" (points per band, the first reached counts, 0 below
// all). Points of a band may not exceed maxScore.
func ParseRule(s string, maxScore float64) (Rule, error) {
	s = strings.TrimSpace(strings.NewReplacer("＞＝", "≥", ">=", "≥", "<=", "≤", "＜＝", "≤", "：", ":", "；", ";", "%", "", "％", "").Replace(s))
	full := false
	for _, c := range unknownClauses {
		if strings.HasSuffix(s, c) {
			full, s = true, strings.TrimSpace(strings.TrimRight(strings.TrimSuffix(s, c), "; "))
			break
		}
	}
	r, err := parseRule(s, maxScore)
	r.FullIfUnknown = full
	return r, err
}

func parseRule(s string, maxScore float64) (Rule, error) {
	if s == "" {
		return Rule{}, fmt.Errorf("自动计算的指标须填写目标值（如 ≥95、≤5 或 ≥95:10;≥80:6，可加“;无数据满分”）")
	}
	if strings.Contains(s, ":") {
		return parseBands(s, maxScore)
	}
	kind := AtLeast
	switch {
	case strings.HasPrefix(s, "≥"):
		s = strings.TrimPrefix(s, "≥")
	case strings.HasPrefix(s, "≤"):
		kind, s = AtMost, strings.TrimPrefix(s, "≤")
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || t < 0 || math.IsInf(t, 0) || math.IsNaN(t) {
		return Rule{}, fmt.Errorf("目标值“%s”应为非负数，可带 ≥ 或 ≤", s)
	}
	return Rule{Kind: kind, Target: t}, nil
}

func parseBands(s string, maxScore float64) (Rule, error) {
	r := Rule{Kind: Bands}
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		th, pts, ok := strings.Cut(part, ":")
		th = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(th), "≥"))
		min, err1 := strconv.ParseFloat(th, 64)
		p, err2 := strconv.ParseFloat(strings.TrimSpace(pts), 64)
		if !ok || err1 != nil || err2 != nil || p < 0 {
			return Rule{}, fmt.Errorf("分档“%s”应写作“≥阈值:得分”，多档以分号分隔", part)
		}
		if p > maxScore+1e-9 {
			return Rule{}, fmt.Errorf("分档“%s”的得分超过本项分值 %s", part, Num(maxScore))
		}
		if n := len(r.Bands); n > 0 && min >= r.Bands[n-1].Min {
			return Rule{}, fmt.Errorf("分档应按阈值从高到低排列（“%s”）", part)
		}
		r.Bands = append(r.Bands, Band{Min: min, Points: p})
	}
	if len(r.Bands) == 0 {
		return Rule{}, fmt.Errorf("分档规则为空")
	}
	return r, nil
}

// Score applies the rule to a value for an indicator worth maxScore.
func (r Rule) Score(v, maxScore float64) float64 {
	switch r.Kind {
	case AtMost:
		if v <= r.Target {
			return maxScore
		}
		return 0
	case Bands:
		for _, b := range r.Bands {
			if v >= b.Min {
				return b.Points
			}
		}
		return 0
	}
	if r.Target <= 0 || v >= r.Target {
		return maxScore
	}
	if v <= 0 {
		return 0
	}
	return round2(maxScore * v / r.Target)
}

// Text is the rule in Chinese.
func (r Rule) Text() string {
	if r.FullIfUnknown {
		return r.baseText() + "；无数据（未发生）得满分"
	}
	return r.baseText()
}

func (r Rule) baseText() string {
	switch r.Kind {
	case AtMost:
		return "≤" + Num(r.Target) + " 得满分，超过不得分"
	case Bands:
		parts := make([]string, len(r.Bands))
		for i, b := range r.Bands {
			parts[i] = "≥" + Num(b.Min) + " 得 " + Num(b.Points) + " 分"
		}
		return strings.Join(parts, "，") + "，其余不得分"
	}
	return "≥" + Num(r.Target) + " 得满分，不足按比例计分"
}

// Auto is an automatic indicator's score with its justification.
type Auto struct {
	Value metric.Value
	Score float64
	Why   string // the metric value, where it came from and the rule applied
}

// AutoScore scores an automatic indicator from its metric value; an
// unknown value scores nothing. name is the metric's Chinese name.
func AutoScore(n Node, name string, v metric.Value) Auto {
	r, err := ParseRule(n.Target, n.MaxScore)
	if err != nil {
		return Auto{Value: v, Why: "评分规则有误：" + err.Error()}
	}
	if name == "" {
		name = n.MetricKey
	}
	if !v.Known && r.FullIfUnknown {
		why := name + "：无数据（未发生），按规则得满分 " + Num(n.MaxScore) + " 分"
		if v.Note != "" {
			why += "（" + v.Note + "）"
		}
		return Auto{Value: v, Score: n.MaxScore, Why: why}
	}
	if !v.Known {
		why := name + "：无数据，得 0 分"
		if v.Note != "" {
			why += "（" + v.Note + "）"
		}
		return Auto{Value: v, Why: why}
	}
	s := r.Score(v.Number, n.MaxScore)
	why := fmt.Sprintf("%s = %s（来源：%s", name, v.Text(), v.From)
	if v.Note != "" {
		why += "；" + v.Note
	}
	why += fmt.Sprintf("）；规则：%s；得 %s 分", r.Text(), Num(s))
	return Auto{Value: v, Score: s, Why: why}
}

// DeductionScore is the score left after occurrences deductions.
func DeductionScore(n Node, occurrences int) float64 {
	d := math.Min(float64(occurrences)*n.PerDeduction, n.Cap())
	return round2(math.Max(n.MaxScore-d, 0))
}
