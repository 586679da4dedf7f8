package enforcement

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReportLine is one line of the report as printed: a unit's own figures, or
// the subtotal of a unit with its subordinate units.
type ReportLine struct {
	Label    string
	UnitID   int64
	Depth    int
	Figures  Figures
	Subtotal bool
}

// Lines lays the report out like the usual yearly tables: the 合计 first,
// then each unit in tree order; a unit whose subordinate units have figures
// gets a 小计 line (含下级) followed by its own (本级) line. The own lines
// add up to the 合计.
func (r AnnualReport) Lines() []ReportLine {
	var out []ReportLine
	for i, row := range r.Rows {
		switch {
		case i == 0:
			out = append(out, ReportLine{Label: "合计", UnitID: row.UnitID, Figures: r.Total, Subtotal: true})
			if !row.Own.Empty() || !row.HasSub {
				out = append(out, ReportLine{Label: row.Name + "（本级）", UnitID: row.UnitID, Figures: row.Own})
			}
		case row.HasSub:
			out = append(out, ReportLine{Label: row.Name + " 小计（含下级）", UnitID: row.UnitID, Depth: row.Depth,
				Figures: row.Sub, Subtotal: true})
			if !row.Own.Empty() {
				out = append(out, ReportLine{Label: row.Name + "（本级）", UnitID: row.UnitID, Depth: row.Depth, Figures: row.Own})
			}
		default:
			out = append(out, ReportLine{Label: row.Name, UnitID: row.UnitID, Depth: row.Depth, Figures: row.Own})
		}
	}
	return out
}

// WriteSheet writes the report as an XLSX workbook: title, 填报单位 and
// 统计年度, a two-row header (groups over columns), one line per unit.
func (r AnnualReport) WriteSheet(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "统计年报"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := sheetStyles(f)
	if err != nil {
		return err
	}
	last := len(ReportColumns) + 1
	lastCol, _ := excelize.ColumnNumberToName(last)
	set := func(col, row int, v any, style int) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	merge := func(c1, r1, c2, r2 int) error {
		a, _ := excelize.CoordinatesToCellName(c1, r1)
		b, _ := excelize.CoordinatesToCellName(c2, r2)
		return f.MergeCell(sheet, a, b)
	}
	steps := []error{
		set(1, 1, fmt.Sprintf("行政执法统计年报（%d年度）", r.Year), st.title), merge(1, 1, last, 1),
		set(1, 2, "填报单位："+r.RootName+"（含所属单位）", st.plain), merge(1, 2, last/2, 2),
		set(last/2+1, 2, fmt.Sprintf("统计年度：%d年　　金额单位：万元", r.Year), st.plain), merge(last/2+1, 2, last, 2),
		set(1, 3, "单位", st.head), merge(1, 3, 1, 4),
		f.SetColWidth(sheet, "A", "A", 36), f.SetColWidth(sheet, "B", lastCol, 11), f.SetRowHeight(sheet, 4, 48),
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, Split: false, XSplit: 1, YSplit: 4, TopLeftCell: "B5", ActivePane: "bottomRight"}),
	}
	col := 2
	for _, g := range ReportGroups() {
		steps = append(steps, set(col, 3, g.Name, st.head), merge(col, 3, col+g.Span-1, 3))
		col += g.Span
	}
	for i, c := range ReportColumns {
		steps = append(steps, set(i+2, 4, c.Name+"（"+c.Unit+"）", st.head))
	}
	if err := firstErr(steps); err != nil {
		return err
	}
	for i, l := range r.Lines() {
		row := 5 + i
		style, num := st.plain, st.num
		if l.Subtotal {
			style, num = st.bold, st.boldNum
		}
		steps = steps[:0]
		steps = append(steps, set(1, row, strings.Repeat("　", l.Depth)+l.Label, style))
		for j, c := range ReportColumns {
			s := num
			if c.Decimals > 0 {
				s = st.money
				if l.Subtotal {
					s = st.boldMoney
				}
			}
			steps = append(steps, set(j+2, row, c.Value(l.Figures), s))
		}
		if err := firstErr(steps); err != nil {
			return err
		}
	}
	return f.Write(w)
}

type sheetStyleIDs struct{ title, plain, head, bold, num, boldNum, money, boldMoney int }

func sheetStyles(f *excelize.File) (sheetStyleIDs, error) {
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	money := "0.00"
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center"}},
		{Border: border},
		{Font: &excelize.Font{Bold: true}, Border: border, Alignment: center,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}}},
		{Font: &excelize.Font{Bold: true}, Border: border},
		{Border: border, NumFmt: 1},
		{Font: &excelize.Font{Bold: true}, Border: border, NumFmt: 1},
		{Border: border, CustomNumFmt: &money},
		{Font: &excelize.Font{Bold: true}, Border: border, CustomNumFmt: &money},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return sheetStyleIDs{}, err
		}
		ids[i] = id
	}
	return sheetStyleIDs{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7]}, nil
}

func firstErr(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
