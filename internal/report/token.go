package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A figure is cited in the text as 〔metric.key〕, a record it draws on
// (a plan task, an assessment round) as 〔task:12〕 or 〔assess:3〕. Other uses of the brackets (发文字号 清政发〔2026〕3号) do not
// match either form and stay text.
var (
	reToken     = regexp.MustCompile(`〔([^〔〕]{1,80})〕`)
	reMetricKey = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
	reRef       = regexp.MustCompile(`^(task|assess):([1-9][0-9]{0,17})$`)
	// rePlaceholder marks what the drafter asks the user to fill in.
	rePlaceholder = regexp.MustCompile(`【[^【】]{1,200}】`)
)

// Segment is a piece of a paragraph: literal text, a figure or a link to
// a record.
type Segment struct {
	Text    string // literal text ("" for a token)
	Key     string // metric key of a figure token
	RefKind string // task | assess
	RefID   int64
}

// Ref kinds.
const (
	RefTask   = "task"
	RefAssess = "assess"
)

// RefLink is the page of a referenced record.
func RefLink(kind string, id int64) string {
	if kind == RefAssess {
		return "/assessments/" + strconv.FormatInt(id, 10)
	}
	return "/tasks/" + strconv.FormatInt(id, 10)
}

// RefLabel names a referenced record in a link.
func RefLabel(kind string) string {
	if kind == RefAssess {
		return "考核结果"
	}
	return "督办任务"
}

// Token writes the token citing metric key.
func Token(key string) string { return "〔" + key + "〕" }

// RefToken writes the token linking a record.
func RefToken(kind string, id int64) string {
	return "〔" + kind + ":" + strconv.FormatInt(id, 10) + "〕"
}

// Segments splits a paragraph into text and tokens.
func Segments(p string) []Segment {
	var out []Segment
	last := 0
	for _, m := range reToken.FindAllStringSubmatchIndex(p, -1) {
		inner := p[m[2]:m[3]]
		seg, ok := tokenSegment(inner)
		if !ok {
			continue
		}
		if m[0] > last {
			out = append(out, Segment{Text: p[last:m[0]]})
		}
		out = append(out, seg)
		last = m[1]
	}
	if last < len(p) {
		out = append(out, Segment{Text: p[last:]})
	}
	return out
}

func tokenSegment(inner string) (Segment, bool) {
	if reMetricKey.MatchString(inner) {
		return Segment{Key: inner}, true
	}
	if m := reRef.FindStringSubmatch(inner); m != nil {
		id, err := strconv.ParseInt(m[2], 10, 64)
		return Segment{RefKind: m[1], RefID: id}, err == nil
	}
	return Segment{}, false
}

// Keys lists the metric keys a text cites, in order of first use.
func Keys(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range Segments(text) {
		if s.Key != "" && !seen[s.Key] {
			seen[s.Key] = true
			out = append(out, s.Key)
		}
	}
	return out
}

// Plain resolves a paragraph for a document: figures become their values,
// links to records disappear, a figure without data becomes a placeholder the
// publication check refuses.
func Plain(p string, figs Figures) string {
	var b strings.Builder
	for _, s := range Segments(p) {
		switch {
		case s.Key != "":
			f, ok := figs[s.Key]
			switch {
			case !ok:
				b.WriteString("【数据项" + s.Key + "不存在】")
			case !f.Known:
				b.WriteString("【" + f.Name + "：暂无数据】")
			default:
				b.WriteString(f.Text())
			}
		case s.RefKind != "":
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Placeholders lists the 【…】 spans of a text still to be filled in.
func Placeholders(text string) []string { return rePlaceholder.FindAllString(text, -1) }

// paragraphs splits a body into its non-blank lines, trimmed.
func paragraphs(body string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Limits of a section's text.
const (
	maxHeading = 60
	maxBody    = 20000
	maxNote    = 200
)

// CheckSection validates a section's text against the figures it may cite:
// a heading, a body within bounds, and figure tokens naming known metrics.
func CheckSection(heading, body string, figs Figures, headed bool) error {
	heading = strings.TrimSpace(heading)
	switch {
	case headed && heading == "":
		return invalid("请填写本节标题")
	case utf8.RuneCountInString(heading) > maxHeading:
		return invalid("标题不能超过 %d 个字", maxHeading)
	case strings.ContainsAny(heading, "\r\n"):
		return invalid("标题不能换行")
	case utf8.RuneCountInString(body) > maxBody:
		return invalid("正文不能超过 %d 个字", maxBody)
	}
	for i, p := range paragraphs(body) {
		for _, s := range Segments(p) {
			if s.Key != "" {
				if _, ok := figs[s.Key]; !ok {
					return invalid("第 %d 段引用的数据项〔%s〕不存在，请从右侧数据列表中选用", i+1, s.Key)
				}
			}
		}
	}
	return nil
}
