package docgen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// GB/T 9704 §7.3.1: a title too long for one line is broken so that each
// line keeps its words whole and the lines are of fitting, symmetric
// lengths (梯形或菱形). A title in 2号 on the 156 mm 版心 holds about 20
// full-width characters; readers substitute fonts for 小标宋 that are
// wider, so titles are broken from titleOneLine on, which also gives the
// DOCX and the PDF the same lines.
const (
	titleOneLine = 18 // full-width units a title may take on one line
	titleMaxLine = 20 // and at most on each line once broken
)

// titleBreaks are the places an official title is broken at, preferring
// the ones that keep its phrases whole: after the issuer's 关于, after a
// period (年度), before the document's kind or its subject's close.
var titleBreaks = []struct {
	mark  string
	after bool
}{
	{"关于", true}, {"年度", true}, {"的报告", false}, {"的通知", false}, {"的意见", false},
	{"的决定", false}, {"的批复", false}, {"情况", false}, {"工作", false}, {"实施方案", false},
}

// BalanceTitle returns the title with a line break ("\n") where a long one
// should wrap; a short title, or one already broken by its writer, is
// returned as it is.
func BalanceTitle(title string) string {
	title = strings.TrimSpace(title)
	if strings.Contains(title, "\n") || titleWidth(title) <= titleOneLine {
		return title
	}
	best, bestScore := -1, 0.0
	for _, b := range titleBreaks {
		for from := 0; ; {
			i := strings.Index(title[from:], b.mark)
			if i < 0 {
				break
			}
			at := from + i
			if b.after {
				at += len(b.mark)
			}
			from += i + len(b.mark)
			if score, ok := breakScore(title, at); ok && (best < 0 || score < bestScore) {
				best, bestScore = at, score
			}
		}
	}
	if best < 0 {
		best = middleBreak(title)
	}
	if best <= 0 || best >= len(title) {
		return title
	}
	return title[:best] + "\n" + title[best:]
}

// breakScore rates a break at byte offset at (lower is better): both lines
// must fit, neither may be a stub, and a digit or letter run stays whole.
// Lines of equal length score best; a longer second line (正梯形) is
// preferred to a longer first one by half a character.
func breakScore(title string, at int) (float64, bool) {
	if at <= 0 || at >= len(title) || splitsRun(title, at) {
		return 0, false
	}
	a, b := titleWidth(title[:at]), titleWidth(title[at:])
	if a > titleMaxLine || b > titleMaxLine || a < 4 || b < 4 {
		return 0, false
	}
	d := b - a
	if d < 0 {
		return -d + 0.5, true
	}
	return d, true
}

// middleBreak is the most even break that keeps letter and digit runs
// whole, for titles none of the marks fits.
func middleBreak(title string) int {
	best, bestScore := -1, 0.0
	for at := range title {
		if score, ok := breakScore(title, at); ok && (best < 0 || score < bestScore) {
			best, bestScore = at, score
		}
	}
	return best
}

// splitsRun reports whether a break at byte offset at falls inside a run of
// letters or digits, or before closing punctuation.
func splitsRun(s string, at int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:at])
	after, _ := utf8.DecodeRuneInString(s[at:])
	alnum := func(r rune) bool { return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	if alnum(before) && alnum(after) {
		return true
	}
	return strings.ContainsRune("，。、；：？！）》」』”’", after) || strings.ContainsRune("（《「『“‘", before)
}

// titleWidth counts full-width units: ASCII takes half a unit.
func titleWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < utf8.RuneSelf {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}
