package plan

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// annotation is one unit list, e.g. "(责任单位：市司法局、市检察院)".
type annotation struct {
	units     []string // 责任单位 / 牵头单位
	coUnits   []string // 配合单位 / 协办单位
	deadlines []string // text after 完成时限 inside the list
	unclosed  bool     // the closing bracket is missing (text cut off)
}

const (
	leadLabels = `牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|主办单位|责任主体`
	coLabels   = `配合单位|配合部门|协办单位|参与单位|协同单位|协作单位`
	timeLabels = `完成时限|完成时间|时间节点|时限要求|完成期限`
)

var (
	reLabel      = regexp.MustCompile(`(` + leadLabels + `|` + coLabels + `|` + timeLabels + `)\s*[:：]`)
	reCoLabel    = regexp.MustCompile(`^(?:` + coLabels + `)`)
	reTimeLabel  = regexp.MustCompile(`^(?:` + timeLabels + `)`)
	reOpenLabel  = regexp.MustCompile(`[(（【]\s*(?:` + leadLabels + `|` + coLabels + `)\s*[:：]`)
	reLabelStart = regexp.MustCompile(`^(?:` + leadLabels + `|` + coLabels + `)\s*[:：]`)
	// "【责任单位】县司法局" and "[牵头单位]" are written as "责任单位：".
	reBoxedLabel = regexp.MustCompile(`[【\[]\s*(` + leadLabels + `|` + coLabels + `|` + timeLabels + `)\s*[】\]]\s*[:：]?`)

	// Qualifiers that follow the last unit: "按职责分工分别负责", "配合".
	reQualDuty = regexp.MustCompile(`(?:按照?|根据|依据|依)(?:各自)?(?:职责|职能)(?:分工)?(?:分别|共同)?(?:负责|落实|抓好落实)?$`)
	reQualVerb = regexp.MustCompile(`(?:分别|共同)?(?:负责|落实|牵头|配合|参与|协助)$`)
	// Natural-language lists: "(市司法局牵头，各有关部门配合)".
	reRoleClause = regexp.MustCompile(`(牵头|负责|配合|参与|协助)$`)
)

// labelLine reads a line that starts with a label: "责任单位：县政府办公室、…".
func labelLine(s string) (annotation, bool) {
	s = reBoxedLabel.ReplaceAllString(s, "$1：")
	if !reLabelStart.MatchString(s) {
		return annotation{}, false
	}
	return parseLabelled(s), true
}

// cutAnnotation finds a bracketed unit list that ends s and returns the text
// before it. A list whose closing bracket is missing is accepted only at the
// end of the text, marked unclosed.
func cutAnnotation(s string) (string, annotation, bool) {
	opens := reOpenLabel.FindAllStringIndex(s, -1)
	// The list ends the line, so only the last few openings can start it;
	// this keeps lines full of labels linear.
	for i := len(opens) - 1; i >= 0 && i >= len(opens)-3; i-- {
		start := opens[i][0]
		end, closed := matchBracket(s, start)
		if !closed {
			if i == len(opens)-1 {
				a := parseLabelled(s[start+bracketLen(s, start):])
				a.unclosed = true
				return trimSpace(s[:start]), a, true
			}
			continue
		}
		if onlyTrailingPunct(s[end:]) {
			a := parseLabelled(s[start+bracketLen(s, start) : end-bracketLenBefore(s, end)])
			return trimSpace(s[:start]), a, true
		}
	}
	return cutRoleClauses(s)
}

// cutRoleClauses reads "(市司法局牵头，各有关部门配合)" at the end of s.
func cutRoleClauses(s string) (string, annotation, bool) {
	body := strings.TrimRight(s, "。；;.")
	if body == "" || !isClose(lastRune(body)) {
		return "", annotation{}, false
	}
	start := openingOf(body)
	if start < 0 {
		return "", annotation{}, false
	}
	inner := body[start+bracketLen(body, start) : len(body)-bracketLenBefore(body, len(body))]
	var a annotation
	lead := false
	for _, clause := range splitTop(inner, "，,；;") {
		m := reRoleClause.FindStringSubmatch(clause)
		if m == nil {
			return "", annotation{}, false
		}
		units := splitUnits(clause)
		switch m[1] {
		case "牵头":
			lead = true
			a.units = append(a.units, units...)
		case "负责":
			a.units = append(a.units, units...)
		default:
			a.coUnits = append(a.coUnits, units...)
		}
	}
	if !lead {
		return "", annotation{}, false
	}
	return trimSpace(s[:start]), a, true
}

// parseLabelled splits "牵头单位：A、B；配合单位：C" by its labels.
func parseLabelled(s string) annotation {
	var a annotation
	locs := reLabel.FindAllStringSubmatchIndex(s, -1)
	for i, m := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		label := s[m[2]:m[3]]
		if reTimeLabel.MatchString(label) {
			a.deadlines = append(a.deadlines, strings.Trim(trimSpace(s[m[1]:end]), "；;，,。"))
			continue
		}
		units := splitUnits(s[m[1]:end])
		if reCoLabel.MatchString(label) {
			a.coUnits = append(a.coUnits, units...)
		} else {
			a.units = append(a.units, units...)
		}
	}
	return a
}

// splitUnits splits a unit list on 、，,；; white space and 及 (not 及其),
// ignoring separators inside brackets, and strips qualifiers.
func splitUnits(s string) []string {
	var parts []string
	var cur strings.Builder
	flush := func() {
		if u := cleanUnit(cur.String()); u != "" {
			parts = append(parts, u)
		}
		cur.Reset()
	}
	runes := []rune(s)
	depth := 0
	for i, r := range runes {
		switch {
		case isOpen(r):
			depth++
		case isClose(r) && depth > 0:
			depth--
		}
		if depth == 0 && (strings.ContainsRune("、，,；;", r) || isSpace(r)) {
			flush()
			continue
		}
		if depth == 0 && r == '及' && !(i+1 < len(runes) && runes[i+1] == '其') {
			kept := strings.TrimSuffix(cur.String(), "以") // 以及
			cur.Reset()
			cur.WriteString(kept)
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return dedupe(parts)
}

// cleanUnit trims punctuation and trailing qualifiers from one unit name.
func cleanUnit(s string) string {
	s = strings.Trim(trimSpace(s), "。.：:")
	s = strings.TrimPrefix(s, "由")
	for {
		before := s
		if s != "" && isClose(lastRune(s)) {
			if start := openingOf(s); start > 0 && isQualifier(s[start+bracketLen(s, start):len(s)-bracketLenBefore(s, len(s))]) {
				s = trimSpace(s[:start])
			}
		}
		s = trimSpace(reQualDuty.ReplaceAllString(s, ""))
		s = trimSpace(reQualVerb.ReplaceAllString(s, ""))
		if s == before {
			return s
		}
	}
}

func isQualifier(s string) bool {
	return s != "" && (reQualDuty.ReplaceAllString(s, "") == "" || reQualVerb.ReplaceAllString(s, "") == "")
}

func dedupe(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := in[:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// splitTop splits s on any of seps outside brackets.
func splitTop(s, seps string) []string {
	var parts []string
	depth, last := 0, 0
	for i, r := range s {
		switch {
		case isOpen(r):
			depth++
		case isClose(r) && depth > 0:
			depth--
		case depth == 0 && strings.ContainsRune(seps, r):
			parts = append(parts, trimSpace(s[last:i]))
			last = i + utf8.RuneLen(r)
		}
	}
	return append(parts, trimSpace(s[last:]))
}

func isOpen(r rune) bool  { return r == '(' || r == '（' || r == '【' }
func isClose(r rune) bool { return r == ')' || r == '）' || r == '】' }

// matchBracket returns the byte offset just past the bracket that closes the
// one opening at start, and whether it was found.
func matchBracket(s string, start int) (int, bool) {
	depth := 0
	for i, r := range s[start:] {
		switch {
		case isOpen(r):
			depth++
		case isClose(r):
			depth--
			if depth == 0 {
				return start + i + utf8.RuneLen(r), true
			}
		}
	}
	return len(s), false
}

// openingOf returns the offset of the bracket opening the group that closes
// at the end of s, or -1.
func openingOf(s string) int {
	depth := 0
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		switch {
		case isClose(r):
			depth++
		case isOpen(r):
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func bracketLen(s string, at int) int {
	_, size := utf8.DecodeRuneInString(s[at:])
	return size
}

func bracketLenBefore(s string, end int) int {
	_, size := utf8.DecodeLastRuneInString(s[:end])
	return size
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func onlyTrailingPunct(s string) bool {
	return strings.Trim(trimSpace(s), "。；;.，,") == ""
}
