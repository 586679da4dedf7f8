package privacy

import (
	"regexp"
	"strings"
)

// MaskText masks personal numbers inside free text (a decision's 违法事实, a
// complaint): 18-digit 身份证号 (330***********1234), 15-digit old numbers with a
// plausible birth date, mobile numbers and landlines with an area code, and
// bank card numbers of 16–19 digits (last 4 kept). Amounts, dates and 文号
// (清市监罚〔2026〕31号) are left alone, as are numbers embedded in a longer run
// of digits or letters (统一社会信用代码). Full-width digits are recognised;
// masked numbers are written with ASCII digits.
//
// Local numbers without an area code (88123456) cannot be told from amounts
// and are not masked here; use MaskPhone on phone fields.
func MaskText(s string) string {
	if s == "" {
		return ""
	}
	rs := []rune(s)
	norm := make([]rune, len(rs))
	for i, r := range rs {
		norm[i] = foldWidth(r)
	}
	t := newRuneText(norm)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !t.candidateAt(i) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		if end, masked, ok := t.matchAt(i); ok {
			b.WriteString(masked)
			i = end
			continue
		}
		// Skip the whole digit run so that nothing matches inside a longer
		// number; after "+" or "(" only that character, "(13812345678)".
		j := i + 1
		for isDigit(norm[i]) && j < len(rs) && isDigit(norm[j]) {
			j++
		}
		b.WriteString(string(rs[i:j]))
		i = j
	}
	return b.String()
}

// runeText is folded text with the byte offset of every rune, so that
// regular expressions (byte based) can be anchored at a rune index.
type runeText struct {
	runes  []rune
	str    string
	offset []int // byte offset of rune i; offset[len(runes)] = len(str)
	index  []int // rune index at a byte offset (valid at rune starts)
}

func newRuneText(rs []rune) *runeText {
	t := &runeText{runes: rs, str: string(rs), offset: make([]int, len(rs)+1)}
	t.index = make([]int, len(t.str)+1)
	off := 0
	for i, r := range rs {
		t.offset[i] = off
		t.index[off] = i
		off += len(string(r))
	}
	t.offset[len(rs)] = off
	t.index[off] = len(rs)
	return t
}

// candidateAt: a number may start at i when the rune there can start one and
// the rune before is not a digit (the number would be part of a longer one).
func (t *runeText) candidateAt(i int) bool {
	r := t.runes[i]
	if !isDigit(r) && r != '+' && r != '(' && r != '（' {
		return false
	}
	return i == 0 || !isDigit(t.runes[i-1])
}

// textRule is one kind of number MaskText recognises. alnum rules also refuse
// a letter right after the match (a longer code such as a 统一社会信用代码);
// letters before a number do not protect it ("NO330122…", "Tel138…").
type textRule struct {
	re    *regexp.Regexp
	alnum bool
	mask  func(m []string) (string, bool)
}

// textRules in order of precedence.
var textRules = []textRule{
	{reID18, true, func(m []string) (string, bool) { return maskID(strings.ToUpper(m[0])), true }},
	// Old 15-digit numbers carry a YYMMDD birth date; 15-digit 注册号 of
	// companies do not, and are public.
	{reID15, true, func(m []string) (string, bool) {
		_, ok := parseDate("19" + m[0][6:12])
		return maskID(m[0]), ok
	}},
	{reMobile, false, func(m []string) (string, bool) { return maskMobile(m), true }},
	{reLandline, false, func(m []string) (string, bool) { return maskLandline(m), true }},
	{reCard, true, func(m []string) (string, bool) { return keepLast(m[0], 4), true }},
}

// matchAt tries the rules at rune i and returns the rune index after the
// match and its masked form.
func (t *runeText) matchAt(i int) (end int, masked string, ok bool) {
	rest := t.str[t.offset[i]:]
	for _, r := range textRules {
		m := r.re.FindStringSubmatch(rest)
		if m == nil {
			continue
		}
		end := t.index[t.offset[i]+len(m[0])]
		if end < len(t.runes) && (isDigit(t.runes[end]) || r.alnum && isASCIILetter(t.runes[end])) {
			continue
		}
		if masked, ok := r.mask(m); ok {
			return end, masked, true
		}
	}
	return 0, "", false
}
