// Package org keeps the county's organisation tree: administrative regions
// (行政区划) and units (县政府, 部门, 乡镇, 街道, 科室) with their structural
// history (更名, 调整隶属, 机构改革合并, 撤销). Every change is one transaction
// with its audit entry and a unit_events row.
package org

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Level is a unit's place in the county's hierarchy.
type Level string

const (
	LevelGovernment  Level = "government"  // 县政府
	LevelDepartment  Level = "department"  // 部门
	LevelTownship    Level = "township"    // 乡镇
	LevelSubdistrict Level = "subdistrict" // 街道
	LevelSection     Level = "section"     // 科室
)

// Levels in display order, for forms.
var Levels = []Level{LevelGovernment, LevelDepartment, LevelTownship, LevelSubdistrict, LevelSection}

var levelNames = map[Level]string{
	LevelGovernment:  "县政府",
	LevelDepartment:  "部门",
	LevelTownship:    "乡镇",
	LevelSubdistrict: "街道",
	LevelSection:     "科室",
}

// Label is the level's Chinese name.
func (l Level) Label() string { return LevelLabel(l) }

// Valid reports whether l is a known level.
func (l Level) Valid() bool { _, ok := levelNames[l]; return ok }

// LevelLabel is the Chinese name of a level (the code itself if unknown).
func LevelLabel(l Level) string {
	if s, ok := levelNames[l]; ok {
		return s
	}
	return string(l)
}

// OrgType is the legal nature of a unit as an enforcement subject (执法主体).
type OrgType string

const (
	OrgAdminOrgan    OrgType = "admin_organ"    // 行政机关
	OrgAuthorizedOrg OrgType = "authorized_org" // 法律法规授权组织
	OrgEntrustedOrg  OrgType = "entrusted_org"  // 受委托组织
	OrgOther         OrgType = "other"          // 其他
)

// OrgTypes in display order, for forms.
var OrgTypes = []OrgType{OrgAdminOrgan, OrgAuthorizedOrg, OrgEntrustedOrg, OrgOther}

var orgTypeNames = map[OrgType]string{
	OrgAdminOrgan:    "行政机关",
	OrgAuthorizedOrg: "法律法规授权组织",
	OrgEntrustedOrg:  "受委托组织",
	OrgOther:         "其他",
}

// Label is the org type's Chinese name.
func (t OrgType) Label() string { return OrgTypeLabel(t) }

// Valid reports whether t is a known org type.
func (t OrgType) Valid() bool { _, ok := orgTypeNames[t]; return ok }

// OrgTypeLabel is the Chinese name of an org type (the code itself if unknown).
func OrgTypeLabel(t OrgType) string {
	if s, ok := orgTypeNames[t]; ok {
		return s
	}
	return string(t)
}

// Option is one choice of a form's select.
type Option struct {
	Value string
	Label string
}

// LevelOptions lists the levels for a select, in display order.
func LevelOptions() []Option {
	out := make([]Option, len(Levels))
	for i, l := range Levels {
		out[i] = Option{Value: string(l), Label: l.Label()}
	}
	return out
}

// OrgTypeOptions lists the org types for a select, in display order.
func OrgTypeOptions() []Option {
	out := make([]Option, len(OrgTypes))
	for i, t := range OrgTypes {
		out[i] = Option{Value: string(t), Label: t.Label()}
	}
	return out
}

// Unit is one node of the org tree.
type Unit struct {
	ID         int64
	Name       string
	ShortName  string
	Aliases    []string // former and other names, for matching plan texts
	Level      Level
	OrgType    OrgType
	CreditCode string // 统一社会信用代码; empty for sections without one
	RegionCode string
	ParentID   int64  // 0 for a root
	Path       string // "/1/5/12/": ids from the root down to this unit
	Active     bool
	MergedInto int64 // set when merged away in 机构改革
	SortOrder  int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Depth is 1 for a root, 2 for its children and so on.
func (u Unit) Depth() int { return strings.Count(u.Path, "/") - 1 }

// Merged reports whether the unit was merged into another.
func (u Unit) Merged() bool { return u.MergedInto != 0 }

// StatusLabel is 在用, 已停用 or 已合并.
func (u Unit) StatusLabel() string {
	switch {
	case u.Merged():
		return "已合并"
	case !u.Active:
		return "已停用"
	}
	return "在用"
}

// UnitFields are the editable attributes, for Create and Update.
type UnitFields struct {
	Name       string
	ShortName  string
	Aliases    []string
	Level      Level
	OrgType    OrgType
	CreditCode string
	RegionCode string
	SortOrder  int
	// Note is the basis of the change (e.g. the 编委 document); it is kept in
	// the unit's history, not on the unit.
	Note string
}

const maxNameLen = 100

// normalize trims the fields, folds the credit code and checks every rule
// that needs no database.
func (f *UnitFields) normalize() error {
	f.Name = strings.TrimSpace(f.Name)
	f.ShortName = strings.TrimSpace(f.ShortName)
	f.CreditCode = NormalizeCreditCode(f.CreditCode)
	f.RegionCode = strings.TrimSpace(f.RegionCode)
	f.Note = strings.TrimSpace(f.Note)
	f.Aliases = cleanAliases(f.Aliases, f.Name)
	switch {
	case f.Name == "":
		return invalid("name", "单位名称不能为空")
	case utf8.RuneCountInString(f.Name) > maxNameLen:
		return invalid("name", "单位名称不能超过%d个字", maxNameLen)
	case utf8.RuneCountInString(f.ShortName) > maxNameLen:
		return invalid("short_name", "单位简称不能超过%d个字", maxNameLen)
	case !f.Level.Valid():
		return invalid("level", "请选择单位层级")
	case !f.OrgType.Valid():
		return invalid("org_type", "请选择单位性质")
	}
	for _, a := range f.Aliases {
		if utf8.RuneCountInString(a) > maxNameLen {
			return invalid("aliases", "别名“%s”超过%d个字", a, maxNameLen)
		}
	}
	if f.CreditCode != "" {
		if err := ValidateCreditCode(f.CreditCode); err != nil {
			return err
		}
	}
	if f.RegionCode != "" {
		if err := ValidateRegionCode(f.RegionCode, ""); err != nil {
			return &Error{Code: CodeInvalid, Field: "region_code", Message: err.Error()}
		}
	}
	return nil
}

// ParseAliases splits a form's text into names: one per line, or separated
// by commas, 、 or semicolons.
func ParseAliases(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return strings.ContainsRune("\n\r,，、;；", r)
	})
}

// cleanAliases trims, drops empties, duplicates and the unit's own name.
func cleanAliases(in []string, name string) []string {
	var out []string
	seen := map[string]bool{name: true}
	for _, a := range in {
		for _, part := range strings.Split(a, "\n") {
			part = strings.TrimSpace(part)
			if part != "" && !seen[part] {
				seen[part] = true
				out = append(out, part)
			}
		}
	}
	return out
}

// checkPlacement holds the few nesting rules that are always true: only
// 科室 sit under a 科室, and a 县政府 sits at the top or under a higher
// government. Anything else (派出所 under 公安局, 所 under 乡镇) is allowed.
func checkPlacement(child Level, parent *Unit) error {
	if parent == nil {
		return nil
	}
	if parent.Level == LevelSection && child != LevelSection {
		return invalid("parent_id", "科室“%s”下只能设科室，不能设%s", parent.Name, child.Label())
	}
	if child == LevelGovernment && parent.Level != LevelGovernment {
		return invalid("parent_id", "县政府只能作为顶级单位或设在上级政府之下，不能设在%s“%s”之下",
			parent.Level.Label(), parent.Name)
	}
	return nil
}

// PathInScope reports whether a unit with unitPath lies in the subtree whose
// root has scopePath (the root itself included). Both are materialised paths
// like "/1/5/"; an empty or malformed scope matches nothing.
func PathInScope(scopePath, unitPath string) bool {
	if len(scopePath) < 3 || scopePath[0] != '/' || scopePath[len(scopePath)-1] != '/' {
		return false
	}
	return strings.HasPrefix(unitPath, scopePath)
}

// pathIDs lists the ids in a path, root first.
func pathIDs(path string) []int64 {
	var ids []int64
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func childPath(parent *Unit, id int64) string {
	p := "/"
	if parent != nil {
		p = parent.Path
	}
	return p + strconv.FormatInt(id, 10) + "/"
}
