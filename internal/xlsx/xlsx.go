// Package xlsx writes and reads the simple tables people keep in Excel: one
// header row, one record per row. Every list page exports through it.
package xlsx

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Table is a sheet: a title row is optional, headers are required.
type Table struct {
	Sheet   string
	Title   string // written above the header when set, e.g. "审计日志（2026年1月1日至…）"
	Headers []string
	Widths  []float64 // column widths in characters; 0 or missing = 16
	Rows    [][]any
}

// Write renders tables (one sheet each) as an XLSX workbook to w.
func Write(w io.Writer, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.Sheet); err != nil {
			return err
		}
		if err := writeTable(f, t); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Sheet, err)
		}
	}
	return f.Write(w)
}

func writeTable(f *excelize.File, t Table) error {
	sw, err := f.NewStreamWriter(t.Sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF2F7"}}})
	if err != nil {
		return err
	}
	for i := range t.Headers {
		wd := 16.0
		if i < len(t.Widths) && t.Widths[i] > 0 {
			wd = t.Widths[i]
		}
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	row := 1
	if t.Title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{Value: t.Title, StyleID: bold}}); err != nil {
			return err
		}
		row = 2
	}
	head := make([]any, len(t.Headers))
	for i, h := range t.Headers {
		head[i] = excelize.Cell{Value: h, StyleID: bold}
	}
	cell, _ := excelize.CoordinatesToCellName(1, row)
	if err := sw.SetRow(cell, head); err != nil {
		return err
	}
	for _, r := range t.Rows {
		row++
		cell, _ := excelize.CoordinatesToCellName(1, row)
		vals := make([]any, len(r))
		for i, v := range r {
			vals[i] = cellValue(v)
		}
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

var cst = time.FixedZone("CST", 8*3600)

// cellValue writes times as text in China time so they read the same in any
// spreadsheet program.
func cellValue(v any) any {
	if t, ok := v.(time.Time); ok {
		if t.IsZero() {
			return ""
		}
		return t.In(cst).Format("2006-01-02 15:04:05")
	}
	return v
}

// Read returns the rows of the first (or named) sheet as strings.
func Read(r io.Reader, sheet string) ([][]string, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("不是有效的 Excel（.xlsx）文件：%w", err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	return f.GetRows(sheet)
}
