package indicator

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Limits of the tree.
const (
	MaxLevel       = 3
	maxName        = 200
	maxDescription = 2000
	maxNodes       = 2000
	scoreEpsilon   = 0.005 // weights are compared to the hundredth
)

var codePattern = regexp.MustCompile(`^[1-9][0-9]{0,2}(\.[1-9][0-9]{0,2}){0,2}$`)

// Validate checks a whole tree: codes well formed, unique and nested under an
// existing parent; names present; scores positive; the children of every
// node adding up to its score; leaves carrying a scoring method with what
// it needs (a known metric and a valid rule, a deduction per occurrence)
// and inner nodes none. It sets Level and Leaf and returns the nodes sorted
// by code. knownMetric reports whether a metric key is registered.
func Validate(nodes []Node, knownMetric func(string) bool) ([]Node, []Problem) {
	var probs []Problem
	add := func(n Node, col, format string, args ...any) {
		probs = append(probs, Problem{Row: n.Row, Code: n.Code, Column: col, Reason: fmt.Sprintf(format, args...)})
	}
	if len(nodes) == 0 {
		return nil, []Problem{{Reason: "指标体系为空：至少需要一项一级指标"}}
	}
	if len(nodes) > maxNodes {
		return nil, []Problem{{Reason: fmt.Sprintf("指标不能超过 %d 项", maxNodes)}}
	}
	byCode := map[string]int{}
	out := make([]Node, 0, len(nodes))
	for _, n := range nodes {
		n.Code = strings.TrimSpace(n.Code)
		n.Name = strings.TrimSpace(n.Name)
		switch {
		case n.Code == "":
			add(n, "编码", "不能为空")
			continue
		case !codePattern.MatchString(n.Code):
			add(n, "编码", "“%s”格式不对：应为 1、1.2 或 1.2.3 这样以点分隔的数字（最多三级）", n.Code)
			continue
		}
		if _, dup := byCode[n.Code]; dup {
			add(n, "编码", "“%s”重复", n.Code)
			continue
		}
		n.Level = strings.Count(n.Code, ".") + 1
		if n.Name == "" {
			add(n, "名称", "不能为空")
		} else if utf8.RuneCountInString(n.Name) > maxName {
			add(n, "名称", "不能超过 %d 个字", maxName)
		}
		if utf8.RuneCountInString(n.Description) > maxDescription {
			add(n, "说明", "不能超过 %d 个字", maxDescription)
		}
		if n.MaxScore <= 0 || math.IsNaN(n.MaxScore) || math.IsInf(n.MaxScore, 0) {
			add(n, "分值", "应为大于 0 的数")
		}
		byCode[n.Code] = len(out)
		out = append(out, n)
	}
	children := map[string][]int{}
	for i, n := range out {
		if p := Parent(n.Code); p != "" {
			if _, ok := byCode[p]; !ok {
				add(n, "编码", "上级指标“%s”不存在", p)
				continue
			}
			children[p] = append(children[p], i)
		}
	}
	for i := range out {
		n := &out[i]
		kids := children[n.Code]
		n.Leaf = len(kids) == 0
		if !n.Leaf {
			sum := 0.0
			for _, k := range kids {
				sum += out[k].MaxScore
			}
			if math.Abs(sum-n.MaxScore) > scoreEpsilon {
				add(*n, "分值", "下级指标分值合计 %s，应等于本项分值 %s", Num(sum), Num(n.MaxScore))
			}
			if n.Method != "" || n.MetricKey != "" || n.Target != "" || n.PerDeduction != 0 || n.DeductionCap != 0 {
				add(*n, "评分方式", "有下级指标的项目不填评分方式、指标项、目标值和扣分，由下级得分合计")
			}
			continue
		}
		probs = append(probs, checkLeaf(*n, knownMetric)...)
	}
	total := 0.0
	for _, n := range out {
		if n.Level == 1 {
			total += n.MaxScore
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return CompareCodes(out[i].Code, out[j].Code) < 0 })
	for i := range out {
		out[i].SortOrder = i + 1
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Row < probs[j].Row })
	return out, probs
}

// checkLeaf checks a leaf's scoring method.
func checkLeaf(n Node, knownMetric func(string) bool) []Problem {
	var probs []Problem
	add := func(col, format string, args ...any) {
		probs = append(probs, Problem{Row: n.Row, Code: n.Code, Column: col, Reason: fmt.Sprintf(format, args...)})
	}
	switch n.Method {
	case "":
		add("评分方式", "末级指标须填写评分方式：自动计算、人工评分或按次扣分")
	case MethodAuto:
		if n.MetricKey == "" {
			add("指标项", "自动计算的指标须填写指标项（指标目录中的键，如 enforce.mobile_rate）")
		} else if knownMetric != nil && !knownMetric(n.MetricKey) {
			add("指标项", "“%s”不在指标目录中", n.MetricKey)
		}
		if _, err := ParseRule(n.Target, n.MaxScore); err != nil {
			add("目标值", "%s", err.Error())
		}
	case MethodDeduction:
		if n.PerDeduction <= 0 {
			add("每次扣分", "按次扣分的指标须填写大于 0 的每次扣分")
		} else if n.PerDeduction > n.MaxScore+scoreEpsilon {
			add("每次扣分", "不能超过本项分值 %s", Num(n.MaxScore))
		}
		if n.DeductionCap < 0 || n.DeductionCap > n.MaxScore+scoreEpsilon {
			add("扣分上限", "应在 0 到本项分值 %s 之间（0 或空表示扣完为止）", Num(n.MaxScore))
		}
	}
	if n.Method != MethodAuto && (n.MetricKey != "" || n.Target != "") {
		add("指标项", "只有自动计算的指标填写指标项和目标值")
	}
	if n.Method != MethodDeduction && (n.PerDeduction != 0 || n.DeductionCap != 0) {
		add("每次扣分", "只有按次扣分的指标填写每次扣分和扣分上限")
	}
	return probs
}

// Counts returns how many indicators each level holds.
func Counts(nodes []Node) [MaxLevel + 1]int {
	var c [MaxLevel + 1]int
	for _, n := range nodes {
		if n.Level >= 1 && n.Level <= MaxLevel {
			c[n.Level]++
		}
	}
	return c
}
