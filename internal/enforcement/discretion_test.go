package enforcement_test

import (
	"strings"
	"testing"

	"fazhi/internal/enforcement"
)

func regFen(v int64) *int64 { return &v }

func TestParseYuan(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64 // -1: nil, -2: error
	}{
		{"", -1}, {"  ", -1}, {"2000", 200000}, {"2,000.5", 200050}, {"2000.05元", 200005}, {"0", 0},
		{"5000元", 500000}, {"1.234", -2}, {"-5", -2}, {"abc", -2}, {"12.", -2}, {".5", -2},
	} {
		got, err := enforcement.ParseYuan(c.in)
		switch {
		case c.want == -2:
			if err == nil {
				t.Errorf("%q: accepted as %v", c.in, *got)
			}
		case c.want == -1:
			if err != nil || got != nil {
				t.Errorf("%q: %v %v, want nil", c.in, got, err)
			}
		case err != nil || got == nil || *got != c.want:
			t.Errorf("%q: %v %v, want %d", c.in, got, err, c.want)
		}
	}
}

// regPenaltyItem is a valid penalty item input with two 裁量基准 rows.
func regPenaltyItem(code string) enforcement.ItemInput {
	return enforcement.ItemInput{Code: code, Name: "销售不符合食品安全标准的食品", Category: enforcement.CatPenalty,
		Law: "《中华人民共和国食品安全法》", Article: "第一百二十四条", BasisText: "……处五万元以上十万元以下罚款……", Major: true,
		Hearing: true, Discretion: []enforcement.DiscretionInput{
			{Circumstance: "首次违法且危害后果轻微并及时改正", Level: enforcement.LevelNone, ListKind: enforcement.ListKindExempt},
			{Circumstance: "一般情节", Level: enforcement.LevelGeneral, MinFen: regFen(200000), MaxFen: regFen(500000)},
		}}
}

func TestValidateItem(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*enforcement.ItemInput)
		want   string // "" valid; otherwise part of the message
	}{
		{"valid", func(*enforcement.ItemInput) {}, ""},
		{"no code", func(in *enforcement.ItemInput) { in.Code = " " }, "事项编码"},
		{"code with space", func(in *enforcement.ItemInput) { in.Code = "CF 01" }, "事项编码"},
		{"no name", func(in *enforcement.ItemInput) { in.Name = "" }, "事项名称"},
		{"bad category", func(in *enforcement.ItemInput) { in.Category = "x" }, "事项类别"},
		{"no law", func(in *enforcement.ItemInput) { in.Law = "" }, "法律法规"},
		{"min above max", func(in *enforcement.ItemInput) {
			in.Discretion[1].MinFen, in.Discretion[1].MaxFen = regFen(600000), regFen(500000)
		}, "第2行：罚款下限6000元高于上限5000元"},
		{"only min", func(in *enforcement.ItemInput) { in.Discretion[1].MaxFen = nil }, "第2行：罚款下限和上限"},
		{"none with fine", func(in *enforcement.ItemInput) {
			in.Discretion[0].MinFen, in.Discretion[0].MaxFen = regFen(0), regFen(100)
		}, "第1行：不予处罚"},
		{"none with zero range", func(in *enforcement.ItemInput) {
			in.Discretion[0].MinFen, in.Discretion[0].MaxFen = regFen(0), regFen(0)
		}, ""},
		{"general without anything", func(in *enforcement.ItemInput) {
			in.Discretion[1].MinFen, in.Discretion[1].MaxFen = nil, nil
		}, "第2行：一般处罚应填写"},
		{"general with warning only", func(in *enforcement.ItemInput) {
			in.Discretion[1].MinFen, in.Discretion[1].MaxFen, in.Discretion[1].Other = nil, nil, "警告"
		}, ""},
		{"exempt not none", func(in *enforcement.ItemInput) { in.Discretion[1].ListKind = enforcement.ListKindExempt }, "第2行：列入免罚清单"},
		{"lenient general", func(in *enforcement.ItemInput) { in.Discretion[1].ListKind = enforcement.ListKindLenient }, "第2行：列入轻罚清单"},
		{"no level", func(in *enforcement.ItemInput) { in.Discretion[1].Level = "" }, "第2行：请选择裁量等级"},
		{"no circumstance", func(in *enforcement.ItemInput) { in.Discretion[0].Circumstance = "" }, "第1行：请填写违法情节"},
		{"duplicate circumstance", func(in *enforcement.ItemInput) { in.Discretion[1].Circumstance = in.Discretion[0].Circumstance }, "第2行与第1行"},
	} {
		in := regPenaltyItem("CF-001")
		c.change(&in)
		err := enforcement.ValidateItem(in)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", c.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want …%s…", c.name, err, c.want)
		}
	}
}

func TestCheckPenalty(t *testing.T) {
	item := enforcement.Item{Name: "无照经营", Discretion: []enforcement.Discretion{
		{ID: 11, Circumstance: "首次轻微", Level: enforcement.LevelNone},
		{ID: 12, Circumstance: "一般", Level: enforcement.LevelGeneral, MinFen: regFen(200000), MaxFen: regFen(500000)},
		{ID: 13, Circumstance: "警告即可", Level: enforcement.LevelLighter, Other: "警告"},
	}}
	for _, c := range []struct {
		row  int64
		fine enforcement.Fen
		ok   bool
		want string
	}{
		{12, 200000, true, ""}, {12, 500000, true, ""}, {12, 350000, true, ""},
		{12, 199999, false, "低于"}, {12, 500001, false, "高于"},
		{11, 0, true, ""}, {11, 100, false, "不予处罚"},
		{13, 0, true, ""}, {13, 5000, false, "未设罚款"},
		{99, 200000, false, "不属于"}, {0, 200000, false, "未选择"},
	} {
		ok, reason := enforcement.CheckPenalty(item, c.row, c.fine)
		if ok != c.ok || !strings.Contains(reason, c.want) || ok && reason != "" {
			t.Errorf("row %d fine %d: %v %q, want %v …%s…", c.row, c.fine, ok, reason, c.ok, c.want)
		}
	}
	if ok, _ := enforcement.CheckPenalty(enforcement.Item{Name: "无裁量"}, 0, 100); !ok {
		t.Error("an item without rows refused a fine without a row")
	}
}

func TestLevelAndListKindLabels(t *testing.T) {
	for in, want := range map[string]enforcement.Level{"不予处罚": enforcement.LevelNone, "从重": enforcement.LevelHeavier,
		"一般处罚": enforcement.LevelGeneral, "mitigated": enforcement.LevelMitigated} {
		if got, ok := enforcement.LevelFromLabel(in); !ok || got != want {
			t.Errorf("%s: %v %v", in, got, ok)
		}
	}
	if _, ok := enforcement.LevelFromLabel("严重"); ok {
		t.Error("unknown level accepted")
	}
	if k, ok := enforcement.ListKindFromLabel("免罚清单"); !ok || k != enforcement.ListKindExempt {
		t.Errorf("免罚清单: %q %v", k, ok)
	}
	if _, ok := enforcement.ListKindFromLabel("黑名单"); ok {
		t.Error("unknown list kind accepted")
	}
}
