package org

import (
	"errors"
	"strings"
	"testing"
)

func TestRegionLevel(t *testing.T) {
	cases := map[string]int{
		"330000": RegionProvince, "330100": RegionCity, "330106": RegionCounty,
		"330106001": RegionTownship, "330106001001": RegionVillage,
		"33010": 0, "33010a": 0, "": 0,
	}
	for code, want := range cases {
		if got := RegionLevel(code); got != want {
			t.Errorf("RegionLevel(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestValidateRegionCode(t *testing.T) {
	cases := []struct {
		code, parent string
		field, want  string // want "" means valid
	}{
		{"330000", "", "", ""},
		{"330106", "", "", ""},
		{"330100", "330000", "", ""},
		{"330106", "330100", "", ""},
		{"429004", "420000", "", ""}, // 省直辖县级行政单位 under the province
		{"110101", "110000", "", ""}, // 直辖市 district under the municipality
		{"330106001", "330106", "", ""},
		{"441900003", "441900", "", ""}, // 东莞: towns directly under a 不设区的市
		{"330106001001", "330106001", "", ""},
		{"", "", "code", "不能为空"},
		{"33010", "", "code", "应为6位、9位或12位数字"},
		{"3301061", "", "code", "应为6位、9位或12位数字"},
		{"33O106", "", "code", "应为6位、9位或12位数字"},
		{"990106", "", "code", "前两位“99”不是有效的省级代码"},
		{"330006", "", "code", "第3至4位为00时第5至6位也应为00"},
		{"330106000", "", "code", "第7至9位（乡级码）不能为000"},
		{"330106001000", "", "code", "第10至12位（村级码）不能为000"},
		{"330000001", "", "code", "不能是省级代码"},
		{"430102", "330100", "code", "前4位应为“3301”"},
		{"430102", "330000", "code", "前2位应为“33”"},
		{"330206", "330100", "code", "前4位应为“3301”"},
		{"330107001", "330106", "code", "前6位应为“330106”"},
		{"330106002001", "330106001", "code", "前9位应为“330106001”"},
		{"330100", "330106", "parent_code", "地级区划“330100”不能作为县级区划“330106”的下级"},
		{"330106", "330106", "parent_code", "不能作为"},
		{"330106001001", "330106", "parent_code", "上级应为9位乡级区划代码"},
		{"330106001", "330000", "parent_code", "上级应为6位县级区划代码"},
		{"330106", "33010", "parent_code", "上级行政区划代码“33010”应为"},
	}
	for _, c := range cases {
		err := ValidateRegionCode(c.code, c.parent)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s under %q: %v", c.code, c.parent, err)
			}
			continue
		}
		var oe *Error
		if !errors.As(err, &oe) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s under %q: want invalid, got %v", c.code, c.parent, err)
			continue
		}
		if oe.Field != c.field || !strings.Contains(oe.Message, c.want) {
			t.Errorf("%s under %q: got [%s] %s, want [%s] …%s…", c.code, c.parent, oe.Field, oe.Message, c.field, c.want)
		}
	}
}
