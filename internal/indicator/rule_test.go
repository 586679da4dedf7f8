package indicator

import (
	"strconv"
	"strings"
	"testing"

	"fazhi/internal/metric"
)

func TestRuleScore(t *testing.T) {
	cases := []struct {
		target string
		max, v float64
		want   float64
		bad    bool
	}{
		{"≥95", 10, 98.38, 10, false},
		{"95", 10, 95, 10, false},
		{">=95%", 10, 47.5, 5, false},
		{"≥95", 10, 0, 0, false},
		{"≤5", 4, 5, 4, false},
		{"≤5", 4, 5.01, 0, false},
		{"≥95:10;≥80:6;≥60:3", 10, 85, 6, false},
		{"≥95：10；≥80：6", 10, 50, 0, false},
		{"≥95:12", 10, 0, 0, true},
		{"≥80:6;≥95:10", 10, 0, 0, true},
		{"", 10, 0, 0, true},
		{"≤10;无数据得满分", 6, 3, 6, false},
		{"无数据满分", 6, 3, 0, true},
		{"九十", 10, 0, 0, true},
	}
	for _, c := range cases {
		r, err := ParseRule(c.target, c.max)
		if (err != nil) != c.bad {
			t.Errorf("%q: err %v", c.target, err)
			continue
		}
		if err == nil {
			if got := r.Score(c.v, c.max); got != c.want {
				t.Errorf("%q on %v: %v, want %v", c.target, c.v, got, c.want)
			}
		}
	}
}

func TestAutoAndDeduction(t *testing.T) {
	n := Node{Code: "1.1.1", MaxScore: 10, Method: MethodAuto, MetricKey: "enforce.mobile_rate", Target: "≥95"}
	a := AutoScore(n, "掌上执法率", metric.Value{Number: 76, Known: true, From: "台账"})
	if a.Score != 8 || !strings.Contains(a.Why, "掌上执法率 = 76（来源：台账）") || !strings.Contains(a.Why, "得 8 分") {
		t.Errorf("auto: %+v", a)
	}
	if a := AutoScore(n, "掌上执法率", metric.Value{}); a.Score != 0 || !strings.Contains(a.Why, "无数据") {
		t.Errorf("unknown: %+v", a)
	}
	full := Node{Code: "3.1.1", MaxScore: 6, Method: MethodAuto, MetricKey: "litigation.appear_rate", Target: "≥90；无数据满分"}
	if a := AutoScore(full, "负责人出庭应诉率", metric.Value{Note: "分母为 0"}); a.Score != 6 || !strings.Contains(a.Why, "按规则得满分 6 分") {
		t.Errorf("full if unknown: %+v", a)
	}
	if a := AutoScore(full, "负责人出庭应诉率", metric.Value{Number: 45, Known: true, From: "台账"}); a.Score != 3 {
		t.Errorf("full-if-unknown rule on a value: %+v", a)
	}
	d := Node{MaxScore: 5, Method: MethodDeduction, PerDeduction: 1, DeductionCap: 3}
	for occ, want := range map[int]float64{0: 5, 2: 3, 3: 2, 9: 2} {
		if got := DeductionScore(d, occ); got != want {
			t.Errorf("deduction %d: %v, want %v", occ, got, want)
		}
	}
	d.DeductionCap = 0
	if got := DeductionScore(d, 9); got != 0 {
		t.Errorf("uncapped: %v", got)
	}
}

func TestValidate(t *testing.T) {
	known := func(k string) bool { return k == "plan.completion_rate" }
	good := []Node{
		{Row: 2, Code: "1", Name: "依法全面履行政府职能", MaxScore: 10},
		{Row: 3, Code: "1.1", Name: "权责清单", MaxScore: 10},
		{Row: 4, Code: "1.1.1", Name: "任务完成率", MaxScore: 6, Method: MethodAuto, MetricKey: "plan.completion_rate", Target: "≥90"},
		{Row: 5, Code: "1.1.2", Name: "违法事项", MaxScore: 4, Method: MethodDeduction, PerDeduction: 1, DeductionCap: 4},
	}
	nodes, probs := Validate(good, known)
	if len(probs) != 0 || len(nodes) != 4 || !nodes[3].Leaf || nodes[1].Leaf || nodes[2].Level != 3 {
		t.Fatalf("good tree: %v %+v", probs, nodes)
	}
	cases := []struct {
		name string
		edit func([]Node) []Node
		want string
	}{
		{"sum", func(n []Node) []Node { n[3].MaxScore = 3; return n }, "第 3 行“分值”：下级指标分值合计 9，应等于本项分值 10"},
		{"orphan", func(n []Node) []Node { n[3].Code = "1.2.1"; return n }, "第 5 行“编码”：上级指标“1.2”不存在"},
		{"bad code", func(n []Node) []Node { n[3].Code = "1.1.a"; return n }, "第 5 行“编码”：“1.1.a”格式不对"},
		{"dup", func(n []Node) []Node { n[3].Code = "1.1.1"; return n }, "第 5 行“编码”：“1.1.1”重复"},
		{"metric", func(n []Node) []Node { n[2].MetricKey = "no.such"; return n }, "第 4 行“指标项”：“no.such”不在指标目录中"},
		{"target", func(n []Node) []Node { n[2].Target = ""; return n }, "第 4 行“目标值”"},
		{"method", func(n []Node) []Node { n[3].Method = ""; return n }, "第 5 行“评分方式”：末级指标须填写评分方式"},
		{"inner method", func(n []Node) []Node { n[1].Method = MethodManual; return n }, "第 3 行“评分方式”"},
		{"per", func(n []Node) []Node { n[3].PerDeduction = 0; return n }, "第 5 行“每次扣分”"},
		{"name", func(n []Node) []Node { n[0].Name = " "; return n }, "第 2 行“名称”：不能为空"},
	}
	for _, c := range cases {
		tree := c.edit(append([]Node(nil), good...))
		_, probs := Validate(tree, known)
		found := false
		for _, p := range probs {
			if strings.HasPrefix(p.String(), c.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: %v, want %q", c.name, probs, c.want)
		}
	}
}

func TestRankTies(t *testing.T) {
	rows := []Standing{{UnitName: "甲", Total: 80, SortKey: 3}, {UnitName: "乙", Total: 90}, {UnitName: "丙", Total: 80.001, SortKey: 1}, {UnitName: "丁", Total: 70}}
	Rank(rows)
	got := ""
	for _, r := range rows {
		got += r.UnitName + strconv.Itoa(r.Rank) + " "
	}
	if got != "乙1 丙2 甲2 丁4 " {
		t.Errorf("rank: %s", got)
	}
}

func TestParseSheet(t *testing.T) {
	rows := [][]string{{"某县指标体系"}, Columns, {"1", "甲", "10", "", "", "", "", "", ""}, {}, {"1.1", "乙", "十", "人工", "", "", "", "", ""},
		{"1.2", "丙", "5", "打分"}}
	nodes, probs := ParseSheet(rows)
	if len(nodes) != 3 || nodes[1].Row != 5 || len(probs) != 2 ||
		probs[0].String() != "第 5 行“分值”：“十”应为非负数" || !strings.HasPrefix(probs[1].String(), "第 6 行“评分方式”") {
		t.Fatalf("%+v %v", nodes, probs)
	}
}
