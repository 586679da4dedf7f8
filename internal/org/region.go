package org

import "fmt"

// 行政区划代码: GB/T 2260 gives 6 digits (2 province, 2 city, 2 county);
// 乡级 codes (GB/T 10114, as used by the statistics bureau) append 3 digits
// to the county's, and 村级 codes 3 more to the township's.

// Region levels.
const (
	RegionProvince = 1 // 省级
	RegionCity     = 2 // 地级
	RegionCounty   = 3 // 县级
	RegionTownship = 4 // 乡级
	RegionVillage  = 5 // 村级
)

var regionLevelNames = map[int]string{
	RegionProvince: "省级", RegionCity: "地级", RegionCounty: "县级",
	RegionTownship: "乡级", RegionVillage: "村级",
}

// RegionLevelLabel is the Chinese name of a region level.
func RegionLevelLabel(level int) string {
	if s, ok := regionLevelNames[level]; ok {
		return s
	}
	return fmt.Sprint(level)
}

// provinces are the GB/T 2260 province-level prefixes (stable since 1997).
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

// Region is one administrative division.
type Region struct {
	Code       string
	Name       string
	Level      int
	ParentCode string // empty for a top region
}

// LevelLabel is the region's level in Chinese.
func (r Region) LevelLabel() string { return RegionLevelLabel(r.Level) }

// RegionLevel derives the level from a well-formed code (0 if malformed).
func RegionLevel(code string) int {
	if !allDigits(code) {
		return 0
	}
	switch len(code) {
	case 12:
		return RegionVillage
	case 9:
		return RegionTownship
	case 6:
		switch {
		case code[2:] == "0000":
			return RegionProvince
		case code[4:] == "00":
			return RegionCity
		}
		return RegionCounty
	}
	return 0
}

// ValidateRegionCode checks a region code's form and, when parent is given,
// that code nests under it: a 县级 code shares its province's first 2 or its
// city's first 4 digits, a 乡级 code starts with its county's 6 digits and a
// 村级 code with its township's 9.
func ValidateRegionCode(code, parent string) error {
	if err := checkRegionForm(code, "code", "行政区划代码"); err != nil {
		return err
	}
	if parent == "" {
		return nil
	}
	if err := checkRegionForm(parent, "parent_code", "上级行政区划代码"); err != nil {
		return err
	}
	return checkRegionNesting(code, parent)
}

func checkRegionForm(code, field, what string) error {
	if code == "" {
		return invalid(field, "%s不能为空", what)
	}
	if !allDigits(code) || (len(code) != 6 && len(code) != 9 && len(code) != 12) {
		return invalid(field, "%s“%s”应为6位、9位或12位数字", what, code)
	}
	if !provinces[code[:2]] {
		return invalid(field, "%s“%s”的前两位“%s”不是有效的省级代码", what, code, code[:2])
	}
	if code[2:4] == "00" && code[4:6] != "00" {
		return invalid(field, "%s“%s”有误：第3至4位为00时第5至6位也应为00", what, code)
	}
	if len(code) >= 9 && code[2:6] == "0000" {
		return invalid(field, "%s“%s”有误：乡级以下代码的前6位应为县级或地级代码，不能是省级代码", what, code)
	}
	if len(code) >= 9 && code[6:9] == "000" {
		return invalid(field, "%s“%s”有误：第7至9位（乡级码）不能为000", what, code)
	}
	if len(code) == 12 && code[9:] == "000" {
		return invalid(field, "%s“%s”有误：第10至12位（村级码）不能为000", what, code)
	}
	return nil
}

func checkRegionNesting(code, parent string) error {
	cl, pl := RegionLevel(code), RegionLevel(parent)
	if cl <= pl {
		return invalid("parent_code", "%s区划“%s”不能作为%s区划“%s”的下级",
			RegionLevelLabel(cl), code, RegionLevelLabel(pl), parent)
	}
	switch len(code) {
	case 12:
		if len(parent) != 9 {
			return invalid("parent_code", "村级区划“%s”的上级应为9位乡级区划代码", code)
		}
		return wantPrefix(code, parent, 9)
	case 9:
		if len(parent) != 6 || pl == RegionProvince {
			return invalid("parent_code", "乡级区划“%s”的上级应为6位县级区划代码", code)
		}
		return wantPrefix(code, parent, 6)
	}
	if pl == RegionProvince {
		return wantPrefix(code, parent, 2)
	}
	return wantPrefix(code, parent, 4)
}

func wantPrefix(code, parent string, n int) error {
	if code[:n] != parent[:n] {
		return invalid("code", "行政区划代码“%s”不在上级区划“%s”之内：前%d位应为“%s”", code, parent, n, parent[:n])
	}
	return nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
