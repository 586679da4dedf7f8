package enforcement

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// The workbook of a 权责清单 version: sheet 事项 (one row per item) and sheet
// 裁量基准 (one row per row, tied to its item by the code). Export and import
// share the layout, so an exported file can be edited and imported back.
const (
	SheetItems      = "事项"
	SheetDiscretion = "裁量基准"
)

type sheetCol struct{ key, header string }

var itemCols = []sheetCol{{"code", "事项编码"}, {"name", "事项名称"}, {"category", "事项类别"}, {"law", "依据法律法规"},
	{"article", "条款"}, {"basis", "条文内容"}, {"major", "重大执法决定"}, {"hearing", "听证"}, {"collective", "集体讨论"},
	{"sort", "排序"}}

var discretionCols = []sheetCol{{"code", "事项编码"}, {"seq", "序号"}, {"circumstance", "违法情节"}, {"level", "裁量等级"},
	{"min", "罚款下限（元）"}, {"max", "罚款上限（元）"}, {"other", "其他处罚"}, {"list_kind", "免罚/轻罚清单"}}

func headers(cols []sheetCol) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.header
	}
	return out
}

// ItemSheetHeaders and DiscretionSheetHeaders are the header rows.
func ItemSheetHeaders() []string       { return headers(itemCols) }
func DiscretionSheetHeaders() []string { return headers(discretionCols) }

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// ListSheetRows returns the rows of both sheets for a version's items.
func ListSheetRows(items []Item) (itemRows, discretionRows [][]any) {
	for _, it := range items {
		itemRows = append(itemRows, []any{it.Code, it.Name, it.Category.Label(), it.Law, it.Article, it.BasisText,
			yesNo(it.Major), yesNo(it.Hearing), yesNo(it.Collective), it.SortOrder})
		for _, d := range it.Discretion {
			discretionRows = append(discretionRows, []any{it.Code, d.Seq, d.Circumstance, d.Level.Label(),
				YuanText(d.MinFen), YuanText(d.MaxFen), d.Other, ListKindLabel(d.ListKind)})
		}
	}
	return itemRows, discretionRows
}

// RowError is a problem of an imported workbook, located by sheet, row (as
// Excel numbers it) and column header.
type RowError struct {
	Sheet  string
	Row    int
	Column string
	Msg    string
}

func (e RowError) String() string {
	if e.Column == "" {
		return fmt.Sprintf("“%s”表第%d行：%s", e.Sheet, e.Row, e.Msg)
	}
	return fmt.Sprintf("“%s”表第%d行“%s”列：%s", e.Sheet, e.Row, e.Column, e.Msg)
}

// sheetReader finds a sheet's header row and reads cells by column key.
type sheetReader struct {
	name   string
	rows   [][]string
	header int
	at     map[string]int
	cols   []sheetCol
}

func newSheetReader(name string, rows [][]string, cols []sheetCol) (*sheetReader, []RowError) {
	r := &sheetReader{name: name, rows: rows, header: -1, at: map[string]int{}, cols: cols}
	for i, row := range rows {
		if len(row) > 0 && strings.TrimSpace(row[0]) == cols[0].header {
			r.header = i
			for j, h := range row {
				r.at[strings.TrimSpace(h)] = j
			}
			break
		}
	}
	if r.header < 0 {
		return r, []RowError{{Sheet: name, Row: 1, Msg: fmt.Sprintf("找不到表头（第一列应为“%s”）；请使用本页导出的文件作为模板", cols[0].header)}}
	}
	var errs []RowError
	for _, c := range cols {
		if _, ok := r.at[c.header]; !ok {
			errs = append(errs, RowError{Sheet: name, Row: r.header + 1, Column: c.header, Msg: "缺少该列"})
		}
	}
	return r, errs
}

func (r *sheetReader) header0(key string) string {
	for _, c := range r.cols {
		if c.key == key {
			return c.header
		}
	}
	return key
}

func (r *sheetReader) cell(row []string, key string) string {
	j, ok := r.at[r.header0(key)]
	if !ok || j >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[j])
}

func (r *sheetReader) fail(i int, key, msg string) RowError {
	return RowError{Sheet: r.name, Row: i + 1, Column: r.header0(key), Msg: msg}
}

// dataRows yields the indexes of non-empty rows below the header.
func (r *sheetReader) dataRows() []int {
	var out []int
	for i := r.header + 1; i < len(r.rows); i++ {
		if strings.TrimSpace(strings.Join(r.rows[i], "")) != "" {
			out = append(out, i)
		}
	}
	return out
}

func parseYesNo(s string) (bool, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "是", "Y", "YES", "1", "TRUE", "√":
		return true, true
	case "否", "N", "NO", "0", "FALSE", "":
		return false, true
	}
	return false, false
}

// ParseListWorkbook reads the two sheets of a 权责清单 workbook into items.
// Any problem is reported by sheet, row and column; the items are only
// usable when there are none.
func ParseListWorkbook(itemSheet, discretionSheet [][]string) ([]ItemInput, []RowError) {
	ir, errs := newSheetReader(SheetItems, itemSheet, itemCols)
	dr, derrs := newSheetReader(SheetDiscretion, discretionSheet, discretionCols)
	if errs = append(errs, derrs...); len(errs) > 0 {
		return nil, errs
	}
	items, byCode, errs := parseItemRows(ir)
	errs = append(errs, parseDiscretionRows(dr, items, byCode)...)
	if len(items) == 0 && len(errs) == 0 {
		errs = append(errs, RowError{Sheet: SheetItems, Row: ir.header + 2, Msg: "没有事项"})
	}
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Sheet != errs[j].Sheet {
			return errs[i].Sheet == SheetItems
		}
		return errs[i].Row < errs[j].Row
	})
	return items, errs
}

func parseItemRows(r *sheetReader) ([]ItemInput, map[string]int, []RowError) {
	var items []ItemInput
	var errs []RowError
	byCode, rowOf := map[string]int{}, map[string]int{}
	for _, i := range r.dataRows() {
		row := r.rows[i]
		in := ItemInput{Code: r.cell(row, "code"), Name: r.cell(row, "name"), Law: r.cell(row, "law"),
			Article: r.cell(row, "article"), BasisText: r.cell(row, "basis")}
		cat, ok := CategoryFromLabel(r.cell(row, "category"))
		if !ok {
			errs = append(errs, r.fail(i, "category", fmt.Sprintf("事项类别“%s”无法识别，应为行政处罚、行政许可、行政强制、行政检查、行政征收、行政确认等", r.cell(row, "category"))))
		}
		in.Category = cat
		for _, f := range []struct {
			key string
			dst *bool
		}{{"major", &in.Major}, {"hearing", &in.Hearing}, {"collective", &in.Collective}} {
			v, ok := parseYesNo(r.cell(row, f.key))
			if !ok {
				errs = append(errs, r.fail(i, f.key, "应填“是”或“否”"))
			}
			*f.dst = v
		}
		if s := r.cell(row, "sort"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				errs = append(errs, r.fail(i, "sort", "排序应为整数"))
			}
			in.SortOrder = n
		}
		if ok {
			if field, msg := itemProblem(in); msg != "" {
				errs = append(errs, r.fail(i, field, msg))
			}
		}
		if prev, dup := rowOf[in.Code]; dup && in.Code != "" {
			errs = append(errs, r.fail(i, "code", fmt.Sprintf("事项编码%s与第%d行重复，编码在清单中不能重复", in.Code, prev)))
			continue
		}
		rowOf[in.Code] = i + 1
		byCode[in.Code] = len(items)
		items = append(items, in)
	}
	return items, byCode, errs
}

func parseDiscretionRows(r *sheetReader, items []ItemInput, byCode map[string]int) []RowError {
	var errs []RowError
	seen := map[string]int{}
	for _, i := range r.dataRows() {
		row := r.rows[i]
		code := r.cell(row, "code")
		at, ok := byCode[code]
		if !ok {
			errs = append(errs, r.fail(i, "code", fmt.Sprintf("事项编码“%s”不在“事项”表中", code)))
			continue
		}
		d := DiscretionInput{Circumstance: r.cell(row, "circumstance"), Other: r.cell(row, "other")}
		var bad bool
		if d.Level, ok = LevelFromLabel(r.cell(row, "level")); !ok {
			errs, bad = append(errs, r.fail(i, "level", fmt.Sprintf("裁量等级“%s”无法识别，应为不予处罚、减轻处罚、从轻处罚、一般处罚或从重处罚", r.cell(row, "level")))), true
		}
		if d.ListKind, ok = ListKindFromLabel(r.cell(row, "list_kind")); !ok {
			errs, bad = append(errs, r.fail(i, "list_kind", "应填“免罚清单”“轻罚清单”或留空")), true
		}
		var err error
		for _, f := range []struct {
			key string
			dst **int64
		}{{"min", &d.MinFen}, {"max", &d.MaxFen}} {
			if *f.dst, err = ParseYuan(r.cell(row, f.key)); err != nil {
				errs, bad = append(errs, r.fail(i, f.key, err.Error())), true
			}
		}
		if bad {
			continue
		}
		if field, msg := discretionProblem(d); msg != "" {
			errs = append(errs, r.fail(i, field, msg))
			continue
		}
		key := code + "\x00" + d.Circumstance
		if prev, dup := seen[key]; dup {
			errs = append(errs, r.fail(i, "circumstance", fmt.Sprintf("与第%d行的违法情节相同", prev)))
			continue
		}
		seen[key] = i + 1
		items[at].Discretion = append(items[at].Discretion, d)
	}
	return errs
}

// PreviewItems turns parsed input into items (without ids) for comparing
// with the version they would replace.
func PreviewItems(in []ItemInput) []Item {
	out := make([]Item, len(in))
	for i, x := range in {
		it := Item{Code: x.Code, Name: x.Name, Category: x.Category, Law: x.Law, Article: x.Article, BasisText: x.BasisText,
			Major: x.Major, Hearing: x.Hearing, Collective: x.Collective, SortOrder: x.SortOrder}
		for j, d := range x.Discretion {
			it.Discretion = append(it.Discretion, Discretion{Seq: j + 1, Circumstance: d.Circumstance, Level: d.Level,
				MinFen: d.MinFen, MaxFen: d.MaxFen, Other: d.Other, ListKind: d.ListKind})
		}
		out[i] = it
	}
	return out
}

// ImportDraft replaces a draft version's items with imported ones, all or
// nothing: every item is validated again before anything is written.
func (s *Service) ImportDraft(ctx context.Context, listID int64, items []ItemInput) error {
	codes := map[string]bool{}
	for i := range items {
		items[i].normalise()
		if err := ValidateItem(items[i]); err != nil {
			return invalid("事项%s：%s", items[i].Code, err.Error())
		}
		if codes[items[i].Code] {
			return invalid("事项编码%s重复", items[i].Code)
		}
		codes[items[i].Code] = true
	}
	if len(items) == 0 {
		return invalid("导入文件没有事项")
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		l, err := draftList(ctx, tx, listID)
		if err != nil {
			return err
		}
		if err := deleteItems(ctx, tx, "list_id = ?", listID); err != nil {
			return err
		}
		rows := 0
		for _, in := range items {
			if _, err := insertItem(ctx, tx, l, in); err != nil {
				return fmt.Errorf("import item %s: %w", in.Code, err)
			}
			rows += len(in.Discretion)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.list.import", ObjectType: "enf_list", ObjectID: regID(listID),
			Summary: fmt.Sprintf("导入%s权责清单第%d版草稿：事项%d项、裁量基准%d行（替换草稿原有%d项）", l.UnitName, l.Version,
				len(items), rows, l.Items)})
	})
}
