package enforcement

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// 免罚清单 / 轻罚清单 markers of a 裁量基准 row.
const (
	ListKindExempt  = "exempt"  // 免罚清单: 首违不罚、轻微不罚 (处罚法33条第1款)
	ListKindLenient = "lenient" // 轻罚清单: 从轻、减轻处罚 (处罚法32条)
)

// ListKindLabel is the marker's Chinese name ("" for none).
func ListKindLabel(k string) string {
	switch k {
	case ListKindExempt:
		return "免罚清单"
	case ListKindLenient:
		return "轻罚清单"
	}
	return ""
}

// ListKindFromLabel maps "免罚清单"/"免罚", "轻罚清单"/"轻罚" (or the code) back.
func ListKindFromLabel(s string) (string, bool) {
	switch strings.TrimSpace(s) {
	case "":
		return "", true
	case "免罚清单", "免罚", ListKindExempt:
		return ListKindExempt, true
	case "轻罚清单", "轻罚", ListKindLenient:
		return ListKindLenient, true
	}
	return "", false
}

// LevelFromLabel maps a level's Chinese name ("一般处罚" or "一般") or code back.
func LevelFromLabel(s string) (Level, bool) {
	s = strings.TrimSpace(s)
	for _, l := range Levels {
		if s == string(l) || s == l.Label() || s+"处罚" == l.Label() {
			return l, true
		}
	}
	return "", false
}

// ParseYuan reads an amount in 元 ("2000", "2,000.50", "2000元") as fen.
// Empty text is ok with nil (no amount).
func ParseYuan(s string) (*int64, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "元"), " ")
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(s)
	if s == "" {
		return nil, nil
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || !allASCIIDigits(whole) || hasFrac && (frac == "" || len(frac) > 2 || !allASCIIDigits(frac)) {
		return nil, fmt.Errorf("金额“%s”格式有误：应为不带符号的数字，最多两位小数", s)
	}
	if len(whole) > 12 {
		return nil, fmt.Errorf("金额“%s”过大", s)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt((frac + "0")[:2], 10, 64)
	}
	v := w*100 + f
	return &v, nil
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// YuanText formats an optional amount in fen for forms ("" for nil, no
// trailing ".00").
func YuanText(v *int64) string {
	if v == nil {
		return ""
	}
	return strings.TrimSuffix(Fen(*v).Yuan(), ".00")
}

// RangeText describes a row's fine range ("2000–5000元", "无罚款").
func (d Discretion) RangeText() string {
	switch {
	case d.MinFen == nil && d.MaxFen == nil:
		return "无罚款"
	case *d.MinFen == *d.MaxFen:
		return YuanText(d.MinFen) + "元"
	}
	return YuanText(d.MinFen) + "–" + YuanText(d.MaxFen) + "元"
}

// DiscretionInput is one 裁量基准 row as a form or an import sends it.
type DiscretionInput struct {
	Circumstance string
	Level        Level
	MinFen       *int64
	MaxFen       *int64
	Other        string // other penalties: 警告, 没收违法所得 …
	ListKind     string // "" | exempt | lenient
}

// discretionProblem checks one row and returns the field at fault (the
// DiscretionInput field's import column key) and the reason, or "" "".
func discretionProblem(d DiscretionInput) (field, msg string) {
	switch {
	case strings.TrimSpace(d.Circumstance) == "":
		return "circumstance", "请填写违法情节"
	case utf8.RuneCountInString(d.Circumstance) > 500:
		return "circumstance", "违法情节不能超过500字"
	case utf8.RuneCountInString(d.Other) > 500:
		return "other", "其他处罚不能超过500字"
	case d.Level.Label() == string(d.Level):
		return "level", "请选择裁量等级（不予处罚、减轻、从轻、一般或从重处罚）"
	case d.MinFen == nil && d.MaxFen != nil:
		return "min", "罚款下限和上限应同时填写或同时留空"
	case d.MinFen != nil && d.MaxFen == nil:
		return "max", "罚款下限和上限应同时填写或同时留空"
	case d.MinFen != nil && *d.MinFen < 0:
		return "min", "罚款金额不能为负数"
	case d.MaxFen != nil && *d.MaxFen < 0:
		return "max", "罚款金额不能为负数"
	case d.MinFen != nil && *d.MinFen > *d.MaxFen:
		return "min", fmt.Sprintf("罚款下限%s元高于上限%s元", YuanText(d.MinFen), YuanText(d.MaxFen))
	case d.Level == LevelNone && d.MaxFen != nil && *d.MaxFen > 0:
		return "max", "不予处罚的情节不能设罚款"
	case d.Level == LevelNone && strings.TrimSpace(d.Other) != "":
		return "other", "不予处罚的情节不能设其他处罚"
	case d.Level != LevelNone && d.MinFen == nil && strings.TrimSpace(d.Other) == "":
		return "min", d.Level.Label() + "应填写罚款幅度或其他处罚"
	}
	switch d.ListKind {
	case "":
	case ListKindExempt:
		if d.Level != LevelNone {
			return "list_kind", "列入免罚清单的情节，裁量等级应为不予处罚"
		}
	case ListKindLenient:
		if d.Level != LevelMitigated && d.Level != LevelLighter {
			return "list_kind", "列入轻罚清单的情节，裁量等级应为减轻或从轻处罚"
		}
	default:
		return "list_kind", "清单标记应为免罚清单、轻罚清单或留空"
	}
	return "", ""
}

// CheckPenalty tells whether a fine fits the chosen 裁量基准 row of item:
// the row must be one of the item's, and the fine inside its range (none
// for 不予处罚 or a row without fines). When it does not fit, reason says
// why in Chinese; the caller then requires a written departure reason.
func CheckPenalty(item Item, discretionID int64, fine Fen) (ok bool, reason string) {
	if discretionID == 0 {
		if len(item.Discretion) == 0 {
			return true, ""
		}
		return false, fmt.Sprintf("事项“%s”有裁量基准，未选择适用的违法情节", item.Name)
	}
	var row *Discretion
	for i := range item.Discretion {
		if item.Discretion[i].ID == discretionID {
			row = &item.Discretion[i]
		}
	}
	switch {
	case row == nil:
		return false, fmt.Sprintf("所选裁量基准不属于事项“%s”", item.Name)
	case fine < 0:
		return false, "罚款金额不能为负数"
	case row.Level == LevelNone && fine > 0:
		return false, fmt.Sprintf("情节“%s”的裁量等级为不予处罚，却处罚款%s元", row.Circumstance, fine.Yuan())
	case row.MinFen == nil && fine > 0:
		return false, fmt.Sprintf("情节“%s”的裁量基准未设罚款，却处罚款%s元", row.Circumstance, fine.Yuan())
	case row.MinFen != nil && int64(fine) < *row.MinFen:
		return false, fmt.Sprintf("罚款%s元低于情节“%s”的裁量下限%s元", fine.Yuan(), row.Circumstance, Fen(*row.MinFen).Yuan())
	case row.MaxFen != nil && int64(fine) > *row.MaxFen:
		return false, fmt.Sprintf("罚款%s元高于情节“%s”的裁量上限%s元", fine.Yuan(), row.Circumstance, Fen(*row.MaxFen).Yuan())
	}
	return true, ""
}
