// Package indicator holds the indicator tree (指标体系) used for 考核 and the
// assessment rounds scored against it: units self-assess with evidence,
// automatic indicators are computed from the metric registry, reviewers
// score, and the result is a ranked table.
//
// The package knows nothing of the web.
package indicator

import (
	"fmt"
	"strconv"
	"strings"
)

// Method is how a leaf indicator is scored.
type Method string

const (
	MethodAuto      Method = "auto"      // computed from a metric of the registry
	MethodManual    Method = "manual"    // self-assessed with evidence, scored by a reviewer
	MethodDeduction Method = "deduction" // a fixed deduction per occurrence, up to a cap
)

// Label is the method in Chinese, as written in the XLSX.
func (m Method) Label() string {
	switch m {
	case MethodAuto:
		return "自动计算"
	case MethodManual:
		return "人工评分"
	case MethodDeduction:
		return "按次扣分"
	}
	return ""
}

// ParseMethod reads a method from its Chinese label (or its code); "" is
// returned for an empty cell.
func ParseMethod(s string) (Method, bool) {
	switch strings.TrimSpace(s) {
	case "":
		return "", true
	case "自动", "自动计算", "auto":
		return MethodAuto, true
	case "人工", "人工评分", "手工", "manual":
		return MethodManual, true
	case "扣分", "按次扣分", "deduction":
		return MethodDeduction, true
	}
	return "", false
}

// Node is one indicator of the tree.
type Node struct {
	ID           int64
	Code         string // "1", "1.2", "1.2.3"
	Level        int    // 1–3, the number of code segments
	Name         string
	MaxScore     float64 // 分值 (weight)
	Method       Method  // "" for a node with children
	MetricKey    string  // auto: the metric registry key
	Target       string  // auto: the scoring rule, e.g. "≥95", "≤5", "≥95:10;≥80:6"
	PerDeduction float64 // deduction: points per occurrence
	DeductionCap float64 // deduction: at most this many points; 0 = the whole score
	Description  string  // 评分标准、佐证材料要求
	SortOrder    int
	Leaf         bool // no indicator below it (set by Validate and by the store)
	Row          int  // the XLSX row it came from; 0 otherwise
}

// LevelLabel is 一级/二级/三级.
func (n Node) LevelLabel() string {
	switch n.Level {
	case 1:
		return "一级"
	case 2:
		return "二级"
	case 3:
		return "三级"
	}
	return strconv.Itoa(n.Level) + "级"
}

// Cap is the effective deduction cap.
func (n Node) Cap() float64 {
	if n.DeductionCap <= 0 || n.DeductionCap > n.MaxScore {
		return n.MaxScore
	}
	return n.DeductionCap
}

// RuleText describes the scoring method in Chinese for display.
func (n Node) RuleText() string {
	switch n.Method {
	case MethodAuto:
		return "自动计算：" + n.MetricKey + " " + n.Target
	case MethodDeduction:
		return fmt.Sprintf("每次扣 %s 分，最多扣 %s 分", Num(n.PerDeduction), Num(n.Cap()))
	case MethodManual:
		return "人工评分"
	}
	return ""
}

// Parent is the code one level up ("" for a level-1 code).
func Parent(code string) string {
	i := strings.LastIndexByte(code, '.')
	if i < 0 {
		return ""
	}
	return code[:i]
}

// Top is the level-1 code an indicator belongs to.
func Top(code string) string {
	if i := strings.IndexByte(code, '.'); i >= 0 {
		return code[:i]
	}
	return code
}

// CompareCodes orders codes segment by segment, numerically.
func CompareCodes(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if x != y {
			return x - y
		}
	}
	return len(as) - len(bs)
}

// Num formats a score without trailing zeros, rounded to two decimals.
func Num(f float64) string { return strconv.FormatFloat(round2(f), 'f', -1, 64) }

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}

// Error codes, spelled as in the other capabilities so httpx.Classify maps
// them alike.
const (
	CodeInvalid  = "invalid"
	CodeNotFound = "not_found"
	CodeConflict = "conflict"
)

// Error is a refusal with a Chinese message for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// ErrorCode lets the HTTP layer map the error to a status in one place.
func (e *Error) ErrorCode() string { return e.Code }

func invalid(format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf(format, args...)}
}

// Problem is one refusal of a tree or a form, naming where it is.
type Problem struct {
	Row    int    // XLSX row; 0 when not from a file
	Code   string // indicator code
	Column string // column or field, e.g. 分值
	Reason string
}

func (p Problem) String() string {
	where := ""
	switch {
	case p.Row > 0:
		where = fmt.Sprintf("第 %d 行", p.Row)
	case p.Code != "":
		where = "指标 " + p.Code
	}
	if p.Column != "" {
		where += "“" + p.Column + "”"
	}
	if where == "" {
		return p.Reason
	}
	return where + "：" + p.Reason
}

// ValidationError lists every problem found; nothing was saved.
type ValidationError struct{ Problems []Problem }

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0].String()
	}
	return fmt.Sprintf("发现 %d 处问题，均未保存：%s 等", len(e.Problems), e.Problems[0].String())
}

// ErrorCode maps a validation error to 400.
func (e *ValidationError) ErrorCode() string { return CodeInvalid }

// Messages are the problems as text, for a list on the page.
func (e *ValidationError) Messages() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.String()
	}
	return out
}

// ScoreText is the score (weight) for display.
func (n Node) ScoreText() string { return Num(n.MaxScore) }

// PerText is the deduction per occurrence for a form field ("" when none).
func (n Node) PerText() string { return numOrBlank(n.PerDeduction) }

// CapText is the deduction cap for a form field ("" when none).
func (n Node) CapText() string { return numOrBlank(n.DeductionCap) }

func numOrBlank(f float64) string {
	if f == 0 {
		return ""
	}
	return Num(f)
}
