package plan

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// DeadlineKind tells a dated milestone from a recurring obligation.
type DeadlineKind string

const (
	Milestone DeadlineKind = "milestone" // 2022年年底前, 到2025年
	Recurring DeadlineKind = "recurring" // 每年, 每季度, 每年第一季度
)

// Period is the cycle of a recurring obligation.
type Period string

const (
	PeriodYear     Period = "year"
	PeriodHalfYear Period = "half-year"
	PeriodQuarter  Period = "quarter"
	PeriodMonth    Period = "month"
	PeriodWeek     Period = "week"
)

// Deadline is one time phrase found in a task and what it means.
type Deadline struct {
	Phrase string       `json:"phrase"` // as written
	Kind   DeadlineKind `json:"kind"`
	Date   string       `json:"date,omitempty"`   // milestone: last day allowed, YYYY-MM-DD
	Period Period       `json:"period,omitempty"` // recurring: the cycle
	Every  int          `json:"every,omitempty"`  // recurring: cycles between occurrences (每两年 → 2)
	Due    string       `json:"due,omitempty"`    // recurring: due point within the cycle: Q1, H1, MM-DD
}

// deadlineRule is one phrase shape. group is the submatch that is the phrase
// (0 = the whole match); whole, when set, is the shape of the phrase alone
// with the same submatches; norm reads the submatches.
type deadlineRule struct {
	src, whole string
	group      int
	norm       func(m []string, year int) (Deadline, bool)
	re, full   *regexp.Regexp
}

const (
	reBefore  = `(?:前|以前|之前)`
	reQuarter = `第?[一二三四1-4]季度`
)

var deadlineRules = []*deadlineRule{
	{src: `(?:到|至|截至|截止)?(\d{4})\s*年(?:年底|年末|底|末)` + reBefore + `?`, norm: yearEnd},
	{src: `(\d{4})\s*年(\d{1,2})\s*月(\d{1,2})\s*日` + reBefore, norm: exactDay},
	{src: `(\d{4})\s*年(\d{1,2})\s*月((?:底|末)` + reBefore + `?|` + reBefore + `)`, norm: monthEnd},
	{src: `(\d{4})\s*年(?:的)?(上半年|下半年|` + reQuarter + `)(?:末|底)?` + reBefore + `?`, norm: partOfYear},
	{src: `(?:到|至|截至|截止)(\d{4})\s*年`, norm: yearEnd},
	{src: `(\d{4})\s*年` + reBefore, norm: yearEnd},
	// A bare year counts only before a verb of completion: "2023年建成…".
	{src: `((\d{4})\s*年)(?:建成|实现|完成|基本|全面|形成|力争|达到|确保|初步|建立|出台)`, whole: `((\d{4})\s*年)`, group: 1, norm: bareYear},
	{src: `每个?(?:年度|年)(?:的?(` + reQuarter + `|上半年|下半年|\d{1,2}月(?:底|末)?` + reBefore + `?|年底前?|年末前?))?`, norm: everyYear},
	{src: `每个?(半年|季度|季|月|周|星期|两年|二年|三年)`, norm: everyPeriod},
	// Without a year these need the plan's year (年度工作要点).
	{src: `()(\d{1,2})\s*月((?:底|末)` + reBefore + `?|` + reBefore + `)`, norm: monthEnd},
	{src: `()(上半年|下半年|(?:年底|年末)前)`, norm: partOfYear},
}

func init() {
	for _, r := range deadlineRules {
		r.re = regexp.MustCompile(r.src)
		whole := r.whole
		if whole == "" {
			whole = r.src
		}
		r.full = regexp.MustCompile(`^(?:` + whole + `)$`)
	}
}

// NormalizeDeadline reads one deadline phrase such as "2023年6月底前" or
// "每年第一季度". Phrases without a year ("6月底前") need NormalizeDeadlineIn.
func NormalizeDeadline(phrase string) (Deadline, bool) {
	return NormalizeDeadlineIn(phrase, 0)
}

// NormalizeDeadlineIn is NormalizeDeadline with the plan's year for phrases
// that omit it; year 0 means unknown.
func NormalizeDeadlineIn(phrase string, year int) (Deadline, bool) {
	phrase = trimSpace(phrase)
	for _, r := range deadlineRules {
		m := r.full.FindStringSubmatch(phrase)
		if m == nil {
			continue
		}
		if d, ok := r.norm(m, year); ok {
			d.Phrase = phrase
			return d, true
		}
	}
	return Deadline{}, false
}

type phraseSpan struct {
	start, end int
	rule       *deadlineRule
	m          []string
}

// ExtractDeadlines finds deadline phrases in text, in order, each once.
// Where phrases overlap the earliest, then longest, wins ("2022年年底前"
// hides its "年底前").
func ExtractDeadlines(text string, year int) []Deadline {
	var spans []phraseSpan
	for _, r := range deadlineRules {
		for _, idx := range r.re.FindAllStringSubmatchIndex(text, -1) {
			if r.group > 0 && precededByRange(text, idx[0]) {
				continue // "(2021-2025年)" is a period, not a deadline
			}
			m := make([]string, len(idx)/2)
			for k := range m {
				if idx[2*k] >= 0 {
					m[k] = text[idx[2*k]:idx[2*k+1]]
				}
			}
			spans = append(spans, phraseSpan{idx[2*r.group], idx[2*r.group+1], r, m})
		}
	}
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	out := []Deadline{}
	seen := map[string]bool{}
	end := -1
	for _, s := range spans {
		if s.start < end {
			continue
		}
		d, ok := s.rule.norm(s.m, year)
		if !ok {
			continue
		}
		end = s.end
		d.Phrase = text[s.start:s.end]
		if !seen[d.Phrase] {
			seen[d.Phrase] = true
			out = append(out, d)
		}
	}
	return out
}

func precededByRange(text string, at int) bool {
	before := strings.TrimRight(text[:at], " ")
	return strings.HasSuffix(before, "-") || strings.HasSuffix(before, "—") ||
		strings.HasSuffix(before, "–") || strings.HasSuffix(before, "~") ||
		strings.HasSuffix(before, "～") || strings.HasSuffix(before, "至")
}

func milestone(y, m, d int) Deadline {
	return Deadline{Kind: Milestone, Date: fmt.Sprintf("%04d-%02d-%02d", y, m, d)}
}

// lastDay returns the last day of month m (1-12) of year y.
func lastDay(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// pickYear returns the year written in the phrase, else the plan's year.
func pickYear(s string, year int) (int, bool) {
	if s != "" {
		return atoi(s), true
	}
	return year, year > 0
}
