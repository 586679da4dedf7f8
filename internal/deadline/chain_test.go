package deadline

import (
	"slices"
	"testing"
)

func TestRegionChain(t *testing.T) {
	for code, want := range map[string][]string{
		"":             nil,
		"360000":       {"360000"},
		"369900":       {"360000", "369900"},
		"369921":       {"360000", "369900", "369921"},
		"110101":       {"110000", "110100", "110101"},
		"369921001":    {"360000", "369900", "369921", "369921001"},
		"369921001002": {"360000", "369900", "369921", "369921001", "369921001002"},
		"abc":          {"abc"},
	} {
		if got := regionChain(code); !slices.Equal(got, want) {
			t.Errorf("regionChain(%q) = %v, want %v", code, got, want)
		}
	}
}
