package ledger

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The XLSX layout of the ledger, shared by export and import: an optional
// title row, a header row starting with 单位, one row per unit, the field
// columns headed "名称（单位）", derived columns after them (ignored on
// import) and a 合计 row (ignored on import).

// UnitHeader heads the unit column; TotalLabel marks the totals row.
const (
	UnitHeader = "单位"
	TotalLabel = "合计"
)

// ColumnHeader is a field's column heading, e.g. 行政复议新收案件（件）.
func (f Field) ColumnHeader() string { return f.Name + "（" + f.Unit + "）" }

// Columns are the exported field columns: entered fields, then derived ones.
func Columns() []Field {
	out := Entered()
	for _, f := range Fields {
		if f.Derived() {
			out = append(out, f)
		}
	}
	return out
}

// ImportRow is one unit's row of an import.
type ImportRow struct {
	Line int // spreadsheet row number (1-based)
	Batch
}

// ResolveUnit finds a unit by the name in the unit column; the message is
// shown to the user when it cannot (不存在、不在数据范围内 …).
type ResolveUnit func(name string) (id int64, message string)

// ParseImport reads rows (as xlsx.Read returns them) into one batch per unit
// row, blank cells left unchanged. It returns every problem as a Chinese
// message naming the row and column; the caller saves nothing if any.
func ParseImport(rows [][]string, resolve ResolveUnit) ([]ImportRow, []string) {
	head := -1
	for i, r := range rows {
		if len(r) > 0 && strings.TrimSpace(r[0]) == UnitHeader {
			head = i
			break
		}
	}
	if head < 0 {
		return nil, []string{"未找到表头：表头行的第一列应为“单位”，请使用本页导出的表格填写"}
	}
	cols, errs := importColumns(rows[head], head+1)
	var out []ImportRow
	seen := map[int64]int{}
	for i := head + 1; i < len(rows); i++ {
		row, line := rows[i], i+1
		name := ""
		if len(row) > 0 {
			name = strings.TrimSpace(row[0])
		}
		if name == "" && blankRow(row) || strings.HasPrefix(name, TotalLabel) {
			continue
		}
		ir, rowErrs := importRow(row, line, name, cols, resolve)
		errs = append(errs, rowErrs...)
		if ir.UnitID != 0 {
			if prev, dup := seen[ir.UnitID]; dup {
				errs = append(errs, fmt.Sprintf("第%d行：单位“%s”与第%d行重复", line, name, prev))
				continue
			}
			seen[ir.UnitID] = line
			out = append(out, ir)
		}
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, "表格中没有单位数据")
	}
	return out, errs
}

// importColumns maps column indexes to entered fields (derived columns are
// skipped, unknown headings refused).
func importColumns(header []string, line int) (map[int]Field, []string) {
	cols := map[int]Field{}
	used := map[string]bool{}
	var errs []string
	for j := 1; j < len(header); j++ {
		h := strings.TrimSpace(header[j])
		if h == "" {
			continue
		}
		f, ok := fieldForHeader(h)
		switch {
		case !ok:
			errs = append(errs, fmt.Sprintf("第%d行：无法识别的列“%s”", line, h))
		case f.Derived():
		case used[f.Key]:
			errs = append(errs, fmt.Sprintf("第%d行：列“%s”重复", line, h))
		default:
			used[f.Key] = true
			cols[j] = f
		}
	}
	return cols, errs
}

var byName = func() map[string]Field {
	m := map[string]Field{}
	for _, f := range Fields {
		m[f.Name], m[f.ColumnHeader()], m[f.Key] = f, f, f
	}
	return m
}()

func fieldForHeader(h string) (Field, bool) {
	if f, ok := byName[h]; ok {
		return f, true
	}
	if i := strings.LastIndex(h, "（"); i > 0 && strings.HasSuffix(h, "）") {
		f, ok := byName[strings.TrimSpace(h[:i])]
		return f, ok
	}
	return Field{}, false
}

func importRow(row []string, line int, name string, cols map[int]Field, resolve ResolveUnit) (ImportRow, []string) {
	ir := ImportRow{Line: line, Batch: Batch{Values: map[string]string{}}}
	var errs []string
	if name == "" {
		errs = append(errs, fmt.Sprintf("第%d行：未填写单位", line))
	} else if id, msg := resolve(name); msg != "" {
		errs = append(errs, fmt.Sprintf("第%d行：%s", line, msg))
	} else {
		ir.UnitID = id
	}
	for _, j := range slices.Sorted(maps.Keys(cols)) {
		f := cols[j]
		if j >= len(row) || strings.TrimSpace(row[j]) == "" {
			continue
		}
		text, _, fe := f.Parse(row[j])
		if fe != nil {
			errs = append(errs, fmt.Sprintf("第%d行“%s”：%s", line, f.Name, fe.Reason))
			continue
		}
		ir.Values[f.Key] = text
	}
	return ir, errs
}

func blankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// RowErrors turns the refusals of SaveAll over imported rows into messages
// naming the row.
func RowErrors(rows []ImportRow, ve *ValidationError) []string {
	out := make([]string, len(ve.Errors))
	for i, fe := range ve.Errors {
		line := 0
		if fe.Batch < len(rows) {
			line = rows[fe.Batch].Line
		}
		out[i] = fmt.Sprintf("第%d行：%s", line, fe.Message)
	}
	return out
}
