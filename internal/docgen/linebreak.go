package docgen

import "strings"

// Line-breaking rules for Chinese text (GB/T 15834 标点符号用法, 4.x 位置):
// 点号 and the closing half of paired marks never start a line, the opening
// half never ends one, 破折号 and 省略号 are not split, and Latin words and
// numbers stay whole. Characters that must not be separated are glued into
// one unit and lines break only between units.

// noLineStart holds marks that may not begin a line.
const noLineStart = "，。、；：？！）」》』】〕〉”’｝］％,.;:?!)]}"

// noLineEnd holds marks that may not end a line.
const noLineEnd = "（「《『【〔〈“‘｛［([{"

func isNoLineStart(r rune) bool { return strings.ContainsRune(noLineStart, r) }
func isNoLineEnd(r rune) bool   { return strings.ContainsRune(noLineEnd, r) }

// isWordRune reports whether r belongs to a Latin word or number, which is
// kept whole ("2026", "3.5%", "GB/T", "http://…").
func isWordRune(r rune) bool {
	return r < 0x2000 && r != ' ' && r != '\n' && r != '\t' && !strings.ContainsRune("([{", r)
}

// lineSpan is one output line: runes [Start, End) of the input.
type lineSpan struct{ Start, End int }

type breakUnit struct {
	start, end int
	width      float64
	space      bool // a breakable space, dropped at a line break
	hard       bool // "\n": a forced line end
}

// breakUnits glues the runes that may not be separated.
func breakUnits(rs []rune, ws []float64) []breakUnit {
	var us []breakUnit
	for i := 0; i < len(rs); {
		u := breakUnit{start: i}
		switch rs[i] {
		case '\n':
			u.hard, i = true, i+1
		case ' ':
			u.space, i = true, i+1
		default:
			for i < len(rs)-1 && isNoLineEnd(rs[i]) && rs[i+1] != ' ' && rs[i+1] != '\n' {
				i++
			}
			i = coreEnd(rs, i)
			for i < len(rs) && isNoLineStart(rs[i]) {
				i++
			}
		}
		u.end = i
		for _, w := range ws[u.start:u.end] {
			u.width += w
		}
		us = glue(us, u, rs)
	}
	return us
}

// glue appends u, or joins it to the previous unit (over spaces) when u
// begins with a mark that may not start a line ("word ！") or the previous
// unit ends with one that may not end a line ("《 word").
func glue(us []breakUnit, u breakUnit, rs []rune) []breakUnit {
	if u.hard || u.space {
		return append(us, u)
	}
	// a single dash is a 连接号 ("2021—2025"), which may not start a line
	single := u.end-u.start == 1 && rs[u.start] == '—'
	j := len(us) - 1
	for j >= 0 && us[j].space {
		j--
	}
	if j < 0 || us[j].hard || !(single || isNoLineStart(rs[u.start]) || isNoLineEnd(rs[us[j].end-1])) {
		return append(us, u)
	}
	for _, v := range us[j+1:] {
		us[j].width += v.width
	}
	us[j].end, us[j].width = u.end, us[j].width+u.width
	return us[:j+1]
}

// coreEnd returns the end of the unbreakable core starting at i: a Latin
// word, a doubled 破折号/省略号, or a single character.
func coreEnd(rs []rune, i int) int {
	if isWordRune(rs[i]) && !isNoLineStart(rs[i]) {
		for i < len(rs) && isWordRune(rs[i]) {
			i++
		}
		return i
	}
	r := rs[i]
	i++
	if r == '—' || r == '…' {
		for i < len(rs) && rs[i] == r {
			i++
		}
	}
	return i
}

// breakLines splits rs into lines no wider than first (the first line, which
// may carry an indent) and rest (the others); ws holds each rune's advance.
// Spaces at a line break are dropped; a unit wider than a whole line is
// split by character as a last resort.
func breakLines(rs []rune, ws []float64, first, rest float64) []lineSpan {
	const eps = 1e-6
	var lines []lineSpan
	limit := first
	cur := lineSpan{Start: -1}
	w := 0.0
	wrapped := false // the current line began at a soft break
	flush := func() {
		if cur.Start < 0 {
			cur.Start, cur.End = 0, 0
			if len(lines) > 0 {
				cur.Start, cur.End = lines[len(lines)-1].End, lines[len(lines)-1].End
			}
		}
		for cur.End > cur.Start && rs[cur.End-1] == ' ' {
			cur.End--
		}
		lines = append(lines, cur)
		cur, w, limit = lineSpan{Start: -1}, 0, rest
	}
	add := func(u breakUnit) {
		if cur.Start < 0 {
			cur.Start = u.start
		}
		cur.End, w = u.end, w+u.width
	}
	for _, u := range breakUnits(rs, ws) {
		switch {
		case u.hard:
			flush()
			wrapped = false
		case u.space && cur.Start < 0 && wrapped:
			// a space that a soft break left at the start of a line
		case w+u.width <= limit+eps:
			add(u)
		case u.space:
			flush()
			wrapped = true
		default:
			if cur.Start >= 0 {
				flush()
				wrapped = true
			}
			if u.width <= limit+eps {
				add(u)
				continue
			}
			for i := u.start; i < u.end; i++ { // too wide for any line
				a := ws[i]
				if cur.Start >= 0 && w+a > limit+eps {
					flush()
				}
				add(breakUnit{start: i, end: i + 1, width: a})
			}
		}
	}
	if cur.Start >= 0 || len(lines) == 0 || (len(rs) > 0 && rs[len(rs)-1] == '\n') {
		flush()
	}
	return lines
}
