package org

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestPathInScope(t *testing.T) {
	cases := []struct {
		scope, unit string
		want        bool
	}{
		{"/1/", "/1/", true},
		{"/1/", "/1/5/12/", true},
		{"/1/5/", "/1/5/12/", true},
		{"/1/5/", "/1/50/", false}, // a prefix of digits is not a prefix of ids
		{"/1/5/12/", "/1/5/", false},
		{"/2/", "/1/5/", false},
		{"", "/1/", false},
		{"/", "/1/", false},
		{"/1", "/12/", false},
		{"1/", "1/2/", false},
	}
	for _, c := range cases {
		if got := PathInScope(c.scope, c.unit); got != c.want {
			t.Errorf("PathInScope(%q, %q) = %v, want %v", c.scope, c.unit, got, c.want)
		}
	}
}

func TestLabelsAndOptions(t *testing.T) {
	if LevelLabel(LevelTownship) != "乡镇" || LevelSubdistrict.Label() != "街道" || LevelLabel("x") != "x" {
		t.Error("level labels")
	}
	if OrgTypeLabel(OrgAuthorizedOrg) != "法律法规授权组织" || OrgEntrustedOrg.Label() != "受委托组织" {
		t.Error("org type labels")
	}
	lo, to := LevelOptions(), OrgTypeOptions()
	if len(lo) != 5 || lo[0] != (Option{"government", "县政府"}) || lo[4].Label != "科室" {
		t.Errorf("level options %v", lo)
	}
	if len(to) != 4 || to[0] != (Option{"admin_organ", "行政机关"}) || to[3].Label != "其他" {
		t.Errorf("org type options %v", to)
	}
	if Level("county").Valid() || !LevelSection.Valid() || OrgType("").Valid() {
		t.Error("Valid")
	}
}

func TestParseAndCleanAliases(t *testing.T) {
	got := cleanAliases(ParseAliases("县文广局\n 县文化局 ，县文化局、县体育局；司法局\r\n"), "司法局")
	want := []string{"县文广局", "县文化局", "县体育局"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNormalizeFields(t *testing.T) {
	ok := UnitFields{Name: " 县司法局 ", Level: LevelDepartment, OrgType: OrgAdminOrgan}
	cases := []struct {
		name  string
		edit  func(*UnitFields)
		field string
		want  string
	}{
		{"empty name", func(f *UnitFields) { f.Name = "　" }, "name", "单位名称不能为空"},
		{"long name", func(f *UnitFields) { f.Name = strings.Repeat("局", 101) }, "name", "不能超过100个字"},
		{"level", func(f *UnitFields) { f.Level = "bureau" }, "level", "请选择单位层级"},
		{"org type", func(f *UnitFields) { f.OrgType = "" }, "org_type", "请选择单位性质"},
		{"credit code", func(f *UnitFields) { f.CreditCode = "91440300708461136A" }, "credit_code", "校验位错误：应为T"},
		{"region", func(f *UnitFields) { f.RegionCode = "3301" }, "region_code", "应为6位、9位或12位数字"},
	}
	for _, c := range cases {
		f := ok
		c.edit(&f)
		err := f.normalize()
		var oe *Error
		if !errors.As(err, &oe) || oe.Field != c.field || !strings.Contains(oe.Message, c.want) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: got %v", c.name, err)
		}
	}
	f := ok
	f.CreditCode = withCheck(t, "11330100MB0000000")
	if err := f.normalize(); err != nil || f.Name != "县司法局" {
		t.Errorf("valid fields: %v %q", err, f.Name)
	}
}

func TestCheckPlacement(t *testing.T) {
	gov := &Unit{Name: "县政府", Level: LevelGovernment}
	dept := &Unit{Name: "县司法局", Level: LevelDepartment}
	sec := &Unit{Name: "办公室", Level: LevelSection}
	cases := []struct {
		child  Level
		parent *Unit
		ok     bool
	}{
		{LevelGovernment, nil, true},
		{LevelDepartment, nil, true},
		{LevelDepartment, gov, true},
		{LevelTownship, gov, true},
		{LevelSection, dept, true},
		{LevelSection, sec, true},
		{LevelDepartment, dept, true}, // 派出所 under 公安局
		{LevelDepartment, sec, false},
		{LevelGovernment, dept, false},
		{LevelGovernment, gov, true},
	}
	for _, c := range cases {
		if err := checkPlacement(c.child, c.parent); (err == nil) != c.ok {
			t.Errorf("%s under %v: %v", c.child, c.parent, err)
		}
	}
}

func TestOrderTree(t *testing.T) {
	units := []Unit{
		{ID: 5, ParentID: 1, SortOrder: 2}, {ID: 1}, {ID: 7, ParentID: 5}, {ID: 3, ParentID: 1, SortOrder: 2},
		{ID: 9, ParentID: 1, SortOrder: 1}, {ID: 4, ParentID: 99}, {ID: 6, ParentID: 3},
	}
	var got []int64
	for _, u := range orderTree(units) {
		got = append(got, u.ID)
	}
	want := []int64{1, 9, 3, 6, 5, 7, 4} // 4's parent is absent: a root after 1
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestEventSummary(t *testing.T) {
	e := Event{Kind: EventMove, UnitName: "办公室", FromParentName: "县文化局", ToParentName: "", Note: "县编委〔2024〕3号"}
	if got := e.Summary(); got != "“办公室”隶属关系由“县文化局”调整为“顶级”（县编委〔2024〕3号）" {
		t.Errorf("summary %q", got)
	}
	if EventMerge.Label() != "合并" {
		t.Error("label")
	}
}
