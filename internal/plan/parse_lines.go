package plan

import (
	"regexp"
	"strconv"
	"strings"
)

// lineKind classifies one trimmed input line.
type lineKind int

const (
	lineBlank    lineKind = iota
	lineText              // ordinary paragraph
	lineHeading           // starts with a numbering marker
	lineUnits             // only a unit list: "责任单位：…" or "（牵头单位：…）"
	lineDeadline          // "完成时限：…"
	lineBoundary          // 附件, a date line, 抄送: ends the current item
)

type line struct {
	no      int    // 1-based line number in the input
	text    string // trimmed line as written
	content string // text with a trailing unit list removed
	kind    lineKind
	head    heading     // when kind == lineHeading
	annot   *annotation // unit list found on this line, if any
}

// Numbering ranks, shallowest first.
const (
	rankPart    = iota // 第一部分 / 第一章
	rankChapter        // 一、
	rankItem           // (一)
	rankPoint          // 1.  1、
	rankSub            // (1)
	rankCircled        // ①
)

type heading struct {
	rank   int
	num    int
	marker string // numbering as written, e.g. "(二十五)"
	rest   string // text after the marker, unit list removed
}

const cnDigits = `一二三四五六七八九十百零〇两`

var (
	reRankPart    = regexp.MustCompile(`^第([` + cnDigits + `]+)(?:部分|章|篇)`)
	reRankChapter = regexp.MustCompile(`^([` + cnDigits + `]+)\s*[、．.]`)
	reRankItem    = regexp.MustCompile(`^[(（]\s*([` + cnDigits + `]+)\s*[)）]`)
	reRankPoint   = regexp.MustCompile(`^([0-9０-９]{1,3})\s*[.．、]`)
	reRankSub     = regexp.MustCompile(`^[(（]\s*([0-9０-９]{1,3})\s*[)）]`)
	reRankCircled = regexp.MustCompile(`^([①-⑳])`)

	reDateLine     = regexp.MustCompile(`^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$`)
	reBoundaryLine = regexp.MustCompile(`^(?:附\s*件\s*[\d０-９]*\s*(?:[:：]|$)|抄\s*送\s*[:：]|[(（]此件[^)）]{0,10}[)）]$)`)
	reDeadlineLine = regexp.MustCompile(`^[(（]?\s*(?:完成时限|完成时间|时间节点|时限要求|完成期限)\s*[:：]`)
)

// classifyLines splits text into lines and classifies each one.
func classifyLines(text string) []line {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]line, len(raw))
	for i, s := range raw {
		lines[i] = classifyLine(i+1, trimSpace(s))
	}
	return lines
}

func classifyLine(no int, s string) line {
	ln := line{no: no, text: s, content: s}
	switch {
	case s == "":
		ln.kind = lineBlank
		return ln
	case reDateLine.MatchString(s) || reBoundaryLine.MatchString(s):
		ln.kind = lineBoundary
		return ln
	case reDeadlineLine.MatchString(s):
		ln.kind = lineDeadline
		return ln
	}
	if a, ok := labelLine(s); ok {
		ln.kind, ln.annot, ln.content = lineUnits, &a, ""
		return ln
	}
	if before, a, ok := cutAnnotation(s); ok {
		ln.annot, ln.content = &a, before
		if before == "" {
			ln.kind = lineUnits
			return ln
		}
	}
	ln.kind = lineText
	if h, ok := parseHeading(ln.content); ok {
		ln.kind, ln.head = lineHeading, h
	}
	return ln
}

// parseHeading recognises a numbering marker at the start of s.
func parseHeading(s string) (heading, bool) {
	type pattern struct {
		re      *regexp.Regexp
		rank    int
		chinese bool
	}
	patterns := []pattern{
		{reRankPart, rankPart, true},
		{reRankChapter, rankChapter, true},
		{reRankItem, rankItem, true},
		{reRankSub, rankSub, false},
		{reRankPoint, rankPoint, false},
		{reRankCircled, rankCircled, false},
	}
	for _, p := range patterns {
		m := p.re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		rest := s[m[1]:]
		if p.rank == rankPoint && startsWithDigit(rest) {
			continue // "1.5亿元" is a number, not a marker
		}
		num, ok := markerNumber(s[m[2]:m[3]], p.chinese)
		if !ok {
			continue
		}
		return heading{rank: p.rank, num: num, marker: s[:m[1]], rest: trimSpace(rest)}, true
	}
	return heading{}, false
}

func startsWithDigit(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9')
}

func markerNumber(s string, chinese bool) (int, bool) {
	if chinese {
		return parseChineseNumber(s)
	}
	if r := []rune(s); len(r) == 1 && r[0] >= '①' && r[0] <= '⑳' {
		return int(r[0]-'①') + 1, true
	}
	n, err := strconv.Atoi(asciiDigits(s))
	return n, err == nil && n > 0
}

// asciiDigits folds full-width digits to ASCII.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// parseChineseNumber reads 一 … 九十九 … 一百零一.
func parseChineseNumber(s string) (int, bool) {
	digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
		'五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	total, cur := 0, 0
	for _, r := range s {
		if d, ok := digits[r]; ok {
			cur = d
			continue
		}
		mult := 10
		if r == '百' {
			mult = 100
		} else if r != '十' {
			return 0, false
		}
		if cur == 0 {
			cur = 1
		}
		total += cur * mult
		cur = 0
	}
	return total + cur, total+cur > 0
}
