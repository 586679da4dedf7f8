package indicator

import (
	"fmt"
	"strconv"
	"strings"

	"fazhi/internal/xlsx"
)

// Columns of the indicator workbook, in order.
var Columns = []string{"编码", "名称", "分值", "评分方式", "指标项", "目标值", "每次扣分", "扣分上限", "说明"}

// SheetName is the worksheet the export writes.
const SheetName = "指标体系"

// ParseSheet reads the rows of an indicator workbook: the header row (the
// first row whose first cell is 编码, so a title row above it is allowed)
// names the columns; blank rows are skipped. Row numbers in problems are
// those Excel shows.
func ParseSheet(rows [][]string) ([]Node, []Problem) {
	head := -1
	for i := 0; i < len(rows) && i < 5; i++ {
		if len(rows[i]) > 0 && strings.TrimSpace(rows[i][0]) == Columns[0] {
			head = i
			break
		}
	}
	if head < 0 {
		return nil, []Problem{{Reason: "找不到表头：第一列应为“编码”，列依次为 " + strings.Join(Columns, "、")}}
	}
	col := map[string]int{}
	for i, h := range rows[head] {
		col[strings.TrimSpace(h)] = i
	}
	var probs []Problem
	for _, c := range Columns[:4] {
		if _, ok := col[c]; !ok {
			probs = append(probs, Problem{Row: head + 1, Column: c, Reason: "缺少该列"})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	var nodes []Node
	for i := head + 1; i < len(rows); i++ {
		row := rows[i]
		cell := func(name string) string {
			j, ok := col[name]
			if !ok || j >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[j])
		}
		if strings.Join(row, "") == "" || strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		n := Node{Row: i + 1, Code: cell("编码"), Name: cell("名称"), MetricKey: cell("指标项"),
			Target: cell("目标值"), Description: cell("说明")}
		num := func(name string, dst *float64) {
			s := strings.TrimSpace(strings.TrimSuffix(cell(name), "分"))
			if s == "" {
				return
			}
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f < 0 {
				probs = append(probs, Problem{Row: n.Row, Code: n.Code, Column: name, Reason: fmt.Sprintf("“%s”应为非负数", cell(name))})
				return
			}
			*dst = f
		}
		num("分值", &n.MaxScore)
		num("每次扣分", &n.PerDeduction)
		num("扣分上限", &n.DeductionCap)
		m, ok := ParseMethod(cell("评分方式"))
		if !ok {
			probs = append(probs, Problem{Row: n.Row, Code: n.Code, Column: "评分方式",
				Reason: fmt.Sprintf("“%s”应为 自动计算、人工评分 或 按次扣分", cell("评分方式"))})
		}
		n.Method = m
		nodes = append(nodes, n)
	}
	return nodes, probs
}

// Table is the tree as a worksheet in the import layout, so an export can be
// edited and imported again.
func Table(nodes []Node) xlsx.Table {
	t := xlsx.Table{Sheet: SheetName, Headers: Columns, Widths: []float64{10, 40, 8, 12, 28, 20, 10, 10, 60}}
	for _, n := range nodes {
		row := []any{n.Code, n.Name, n.MaxScore, n.Method.Label(), n.MetricKey, n.Target, "", "", n.Description}
		if n.Method == MethodDeduction {
			row[6], row[7] = n.PerDeduction, n.DeductionCap
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
