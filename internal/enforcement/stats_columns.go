package enforcement

import "strconv"

// ReportColumn is one column of the 统计年报, shared by the page and the
// XLSX export so both show the same figures under the same headings.
type ReportColumn struct {
	Group    string // 表头第一行：行政处罚, 行政许可 …
	Name     string // 表头第二行
	Unit     string // 件, 户次, 万元
	Decimals int    // 2 for 万元
	Value    func(Figures) float64
}

// Text formats the column's value of f.
func (c ReportColumn) Text(f Figures) string {
	return strconv.FormatFloat(c.Value(f), 'f', c.Decimals, 64)
}

func catCol(cat Category, col int) func(Figures) float64 {
	return func(f Figures) float64 { return float64(f.Cat[cat][col]) }
}

// otherCategories are counted together as 其他行政执法行为.
func otherDecided(f Figures) float64 {
	var n int64
	for cat, c := range f.Cat {
		if cat != CatPenalty && cat != CatLicense && cat != CatCoercion {
			n += c[cDecided]
		}
	}
	return float64(n)
}

// WanYuan is an amount in fen as 万元 (1 万元 = 1 000 000 分), unrounded.
func WanYuan(fen int64) float64 { return float64(fen) / 1e6 }

func appealCol(i int, fn func(AppealFigures) int64) func(Figures) float64 {
	return func(f Figures) float64 { return float64(fn(f.Appeals[i])) }
}

// ReportColumns are the report's columns in order.
var ReportColumns = func() []ReportColumn {
	const pen = "行政处罚"
	cols := []ReportColumn{
		{pen, "立案", "件", 0, catCol(CatPenalty, cFiled)},
		{pen, "作出处罚决定", "件", 0, catCol(CatPenalty, cDecPenalty)},
		{pen, "其中简易程序", "件", 0, catCol(CatPenalty, cDecSimple)},
	}
	for _, pk := range penaltyKinds {
		cols = append(cols, ReportColumn{pen, pk.Label, "件", 0, catCol(CatPenalty, kindCol[pk.Kind])})
	}
	cols = append(cols,
		ReportColumn{pen, "不予处罚", "件", 0, catCol(CatPenalty, cDecNoPenalty)},
		ReportColumn{pen, "移送", "件", 0, catCol(CatPenalty, cDecTransfer)},
		ReportColumn{pen, "罚款金额", "万元", 2, func(f Figures) float64 { return WanYuan(f.Cat[CatPenalty][cFineFen]) }},
		ReportColumn{pen, "没收金额", "万元", 2, func(f Figures) float64 { return WanYuan(f.Cat[CatPenalty][cConfiscatedFen]) }},
		ReportColumn{pen, "听证", "件", 0, catCol(CatPenalty, cHearings)},
		ReportColumn{pen, "重大执法决定", "件", 0, catCol(CatPenalty, cMajor)},
		ReportColumn{pen, "其中经法制审核", "件", 0, catCol(CatPenalty, cMajorReviewed)},
		ReportColumn{pen, "决定被撤销", "件", 0, catCol(CatPenalty, cRevoked)},
		ReportColumn{"行政许可", "作出许可决定", "件", 0, catCol(CatLicense, cDecided)},
		ReportColumn{"行政强制", "实施强制", "件", 0, catCol(CatCoercion, cDecided)},
		ReportColumn{"行政检查", "检查户次", "户次", 0, func(f Figures) float64 { return float64(f.Visits) }},
		ReportColumn{"行政检查", "其中掌上执法", "户次", 0, func(f Figures) float64 { return float64(f.VisitsMobile) }},
		ReportColumn{"其他行政执法", "作出决定", "件", 0, otherDecided},
		ReportColumn{"两法衔接", "移送公安机关", "件", 0, func(f Figures) float64 { return float64(f.Referrals) }},
	)
	for i, k := range AppealKinds {
		lost := "纠错"
		if k == AppealLitigation {
			lost = "败诉（纠错）"
		}
		cols = append(cols,
			ReportColumn{k.Label(), "收案", "件", 0, appealCol(i, func(a AppealFigures) int64 { return a.Filed })},
			ReportColumn{k.Label(), "审结", "件", 0, appealCol(i, AppealFigures.Decided)},
			ReportColumn{k.Label(), "维持/驳回", "件", 0, appealCol(i, AppealFigures.Upheld)},
			ReportColumn{k.Label(), lost, "件", 0, appealCol(i, AppealFigures.Corrected)},
			ReportColumn{k.Label(), "调解/撤回/其他", "件", 0, appealCol(i, AppealFigures.Other)},
		)
	}
	return cols
}()

// ColumnGroup is a run of columns under one heading.
type ColumnGroup struct {
	Name string
	Span int
}

// ReportGroups are the top headings over ReportColumns.
func ReportGroups() []ColumnGroup {
	var out []ColumnGroup
	for _, c := range ReportColumns {
		if n := len(out); n > 0 && out[n-1].Name == c.Group {
			out[n-1].Span++
			continue
		}
		out = append(out, ColumnGroup{Name: c.Group, Span: 1})
	}
	return out
}
