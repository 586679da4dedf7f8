package plan

import "testing"

var testUnits = []Candidate{
	{ID: "sfj", Name: "张掖市司法局"},
	{ID: "fgw", Name: "张掖市发展和改革委员会", Aliases: []string{"市发改委"}},
	{ID: "scj", Name: "张掖市市场监督管理局", Aliases: []string{"市市场监管局"}},
	{ID: "dx", Name: "中共张掖市委党校（张掖行政学院）", Aliases: []string{"市委党校(行政学院)"}},
	{ID: "zfb", Name: "张掖市人民政府办公室"},
	{ID: "gaj", Name: "张掖市公安局"},
}

func TestMatchUnit(t *testing.T) {
	cases := []struct {
		name string
		id   string
		kind MatchKind
	}{
		{"张掖市司法局", "sfj", MatchExact},
		{"市发改委", "fgw", MatchAlias},
		{"市司法局", "sfj", MatchAlias},
		{"市市场监管局", "scj", MatchAlias},
		{"市委党校（行政学院）", "dx", MatchAlias},
		{"市政府办公室", "zfb", MatchAlias},
		{"市发展改革委", "fgw", MatchFuzzy},
		{"市市场监督局", "scj", MatchFuzzy},
	}
	for _, c := range cases {
		got := MatchUnit(c.name, testUnits)
		if len(got) == 0 || got[0].ID != c.id || got[0].Kind != c.kind {
			t.Errorf("MatchUnit(%q) = %+v, want %s %s", c.name, got, c.id, c.kind)
		}
	}
}

func TestMatchUnitRanksAndRejects(t *testing.T) {
	for _, name := range []string{"各县区政府", "市教育局", ""} {
		if got := MatchUnit(name, testUnits); len(got) != 0 {
			t.Errorf("MatchUnit(%q) = %+v, want none", name, got)
		}
	}
	got := MatchUnit("市公安局", testUnits)
	if len(got) != 1 || got[0].Score != 0.9 {
		t.Errorf("市公安局 = %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not sorted: %+v", got)
		}
	}
}

func TestStripPlace(t *testing.T) {
	cases := map[string]string{
		"市司法局": "司法局", "桐庐县司法局": "司法局", "市场监管局": "市场监管局",
		"市市场监管局": "市场监管局", "县域经济办": "县域经济办", "中共张掖市委组织部": "委组织部", "市委组织部": "委组织部",
	}
	for in, want := range cases {
		if got := stripPlace(in); got != want {
			t.Errorf("stripPlace(%q) = %q, want %q", in, got, want)
		}
	}
}
