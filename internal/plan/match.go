package plan

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// Candidate is an org unit a parsed name may refer to.
type Candidate struct {
	ID      string
	Name    string
	Aliases []string // short names in use: 县发改局, 县法院 …
}

// MatchKind says how a name matched a candidate.
type MatchKind string

const (
	MatchExact MatchKind = "exact" // same name
	MatchAlias MatchKind = "alias" // an alias, or the same name once the place prefix is dropped
	MatchFuzzy MatchKind = "fuzzy" // similar characters or an abbreviation
)

// Match is one scored candidate, best first in MatchUnit's result.
type Match struct {
	ID    string
	Name  string
	Kind  MatchKind
	Score float64 // 1 exact, 0.95 alias, 0.9 same after prefix, below 0.9 fuzzy
}

// Fuzzy scores lie in [minFuzzyScore, maxFuzzyScore]: weaker ones are
// dropped, and none may rank with a name that is the same after the prefix.
const (
	minFuzzyScore = 0.5
	maxFuzzyScore = 0.89
)

// MatchUnit scores candidates against a unit name as written in a plan.
// Group names (各县区政府, 市政府其他部门) are not expanded here.
func MatchUnit(name string, candidates []Candidate) []Match {
	n := normUnit(name)
	if n == "" {
		return nil
	}
	core := stripPlace(n)
	var out []Match
	for _, c := range candidates {
		if m, ok := scoreCandidate(n, core, c); ok {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func scoreCandidate(n, core string, c Candidate) (Match, bool) {
	m := Match{ID: c.ID, Name: c.Name}
	if normUnit(c.Name) == n {
		m.Kind, m.Score = MatchExact, 1
		return m, true
	}
	names := append([]string{c.Name}, c.Aliases...)
	for _, a := range c.Aliases {
		if normUnit(a) == n {
			m.Kind, m.Score = MatchAlias, 0.95
			return m, true
		}
	}
	best := 0.0
	for _, x := range names {
		xc := stripPlace(normUnit(x))
		if xc != "" && xc == core {
			m.Kind, m.Score = MatchAlias, 0.9
			return m, true
		}
		best = max(best, similarity(core, xc))
	}
	m.Kind, m.Score = MatchFuzzy, math.Round(min(best, maxFuzzyScore)*100)/100
	return m, m.Score >= minFuzzyScore
}

var (
	reUnitSpace = regexp.MustCompile(`\s+`)
	// A place name before the unit: 市, 县, 桐庐县, 张掖市, 中共张掖市委 → 委.
	rePlace = regexp.MustCompile(`^(?:中共)?\p{Han}{0,6}?(?:省|市|县|区|旗)`)
)

// normUnit folds bracket width and white space, and 人民政府 to 政府.
func normUnit(s string) string {
	s = reUnitSpace.ReplaceAllString(trimSpace(s), "")
	s = strings.NewReplacer("（", "(", "）", ")", "人民政府", "政府").Replace(s)
	return s
}

// stripPlace drops a leading place name, but not the 市 of 市场监管局.
func stripPlace(s string) string {
	loc := rePlace.FindStringIndex(s)
	if loc == nil {
		return s
	}
	rest := s[loc[1]:]
	if strings.HasPrefix(rest, "场") || strings.HasPrefix(rest, "域") || rest == "" {
		return s
	}
	return rest
}

// similarity is the best of the character-bigram Dice coefficient and an
// abbreviation score (发展改革委 inside 发展和改革委员会).
func similarity(a, b string) float64 {
	return max(dice(a, b), abbreviation(a, b))
}

func dice(a, b string) float64 {
	ba, bb := bigrams(a), bigrams(b)
	if len(ba) == 0 || len(bb) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, g := range ba {
		count[g]++
	}
	common := 0
	for _, g := range bb {
		if count[g] > 0 {
			count[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ba)+len(bb))
}

func bigrams(s string) []string {
	r := []rune(s)
	var out []string
	for i := 0; i+1 < len(r); i++ {
		out = append(out, string(r[i:i+2]))
	}
	return out
}

// abbreviation scores the shorter name as an in-order subsequence of the
// longer one starting with the same character; 0 when it is not.
func abbreviation(a, b string) float64 {
	short, long := []rune(a), []rune(b)
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) < 3 || short[0] != long[0] {
		return 0
	}
	i := 0
	for _, r := range long {
		if i < len(short) && r == short[i] {
			i++
		}
	}
	if i < len(short) {
		return 0
	}
	return 0.6 + 0.3*float64(len(short))/float64(len(long))
}
