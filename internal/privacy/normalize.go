package privacy

import (
	"strings"
	"unicode"
)

// foldWidth maps a full-width ASCII variant (typed with a Chinese IME, e.g.
// ０-９, Ｘ, －) and the ideographic space to its ASCII form.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == '\u3000':
		return ' '
	}
	return r
}

// fold applies foldWidth to every rune of s.
func fold(s string) string {
	return strings.Map(foldWidth, s)
}

// compact folds widths and drops every white-space rune.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		r = foldWidth(r)
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isASCIILetter(r rune) bool { return (r|0x20) >= 'a' && (r|0x20) <= 'z' }

// keepLast returns s with every digit but the last n replaced by '*'; other
// characters (separators) are kept. With n or fewer digits all are masked.
func keepLast(s string, n int) string {
	digits := 0
	for _, r := range s {
		if isDigit(r) {
			digits++
		}
	}
	var b strings.Builder
	seen := 0
	for _, r := range s {
		if isDigit(r) {
			seen++
			if digits <= n || seen <= digits-n {
				r = '*'
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
