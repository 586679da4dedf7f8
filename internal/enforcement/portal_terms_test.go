package enforcement_test

import (
	"slices"
	"testing"

	"fazhi/internal/enforcement"
)

func TestPublicationTerms(t *testing.T) {
	for in, want := range map[string][]string{
		"王*销售过期食品案":      {"王", "销售", "售过", "过期", "期食", "食品", "品案"},
		"清市监罚〔2026〕101号": {"清市", "市监", "监罚", "2026", "101", "号"},
		"ABC公司 abc":      {"abc", "公司"},
		"食品食品":           {"食品", "品食"},
		"":               nil,
		"——":             nil,
	} {
		if got := enforcement.PublicationTerms(in); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
