package calendar

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// The grammar of one numbered item. The first sentence gives the days off
// ("1月28日至2月4日放假调休，共8天", "4月5日放假，4月7日补休"); later sentences
// give the working weekends ("…上班") or, in the notices up to 2009, spell
// out which days are 法定假日, 公休日 and where each 公休日 was moved.
var (
	spanVerb     = regexp.MustCompile(`^(?:调休)?放假(?:调休|公休)?(?:(\d+)天)?$`)
	totalClause  = regexp.MustCompile(`^共(\d+)天$`)
	joinClause   = regexp.MustCompile(`^与[^,;]{1,8}连休$`)
	legalClause  = regexp.MustCompile(`^为[^,;]{0,8}?法定(?:节)?(?:休)?假日$`)
	restClause   = regexp.MustCompile(`^(?:为公休日|照常公休)$`)
	moveClause   = regexp.MustCompile(`^(?:一个|两个|二个|三个)?公休日(?:及中秋节)?(?:分别)?调至(.+)$`)
	commaInParen = regexp.MustCompile(`\([^()]*\)`)
)

const maxSpanDays = 15

// sectionParse collects what the sentences of one item say.
type sectionParse struct {
	sc       *dateScanner
	sec      Section
	extra    []Date // 补休 days
	legal    []Date // "为法定假日"
	rest     []Date // "照常公休" / "为公休日"
	moveFrom []Date // 公休日 moved away …
	moveTo   []Date // … to these days
	work     []Date // "…上班"
}

func parseSection(year int, it item) (Section, error) {
	name, err := sectionName(it.name)
	if err != nil {
		return Section{}, err
	}
	p := &sectionParse{
		sc:  &dateScanner{year: year, newYear: strings.HasPrefix(name, "元旦")},
		sec: Section{Ordinal: it.ordinal, Name: name, Text: display(it.body)},
	}
	sentences := splitSentences(it.body)
	if len(sentences) == 0 {
		return Section{}, errors.New("缺少放假日期")
	}
	if err := p.spanSentence(sentences[0]); err != nil {
		return Section{}, err
	}
	for _, s := range sentences[1:] {
		p.sc.reset(p.sec.From)
		if err := p.laterSentence(s); err != nil {
			return Section{}, err
		}
	}
	if err := p.finish(); err != nil {
		return Section{}, err
	}
	return p.sec, nil
}

// splitSentences splits on 。 after making commas inside parentheses
// harmless and joining "(清明节),为法定节假日" into one clause.
func splitSentences(body string) []string {
	body = commaInParen.ReplaceAllStringFunc(body, func(s string) string {
		return strings.ReplaceAll(s, ",", "、")
	})
	body = strings.ReplaceAll(body, ",为", "为")
	var out []string
	for _, s := range strings.Split(body, "。") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func splitClauses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
}

func unparsable(s string) error { return fmt.Errorf("无法解析：“%s”", display(s)) }

// spanSentence reads "D[至D]放假[调休][，共N天][，不调休][，与周末连休][，D补休]".
func (p *sectionParse) spanSentence(s string) error {
	clauses := splitClauses(s)
	from, rest, ok, err := p.sc.date(clauses[0])
	if err != nil {
		return fmt.Errorf("%w（“%s”）", err, display(s))
	}
	if !ok {
		return unparsable(s)
	}
	to := from
	if strings.HasPrefix(rest, "至") {
		if to, rest, ok, err = p.sc.date(strings.TrimPrefix(rest, "至")); err != nil || !ok {
			return unparsable(s)
		}
	}
	m := spanVerb.FindStringSubmatch(rest)
	if m == nil {
		return unparsable(s)
	}
	p.sec.From, p.sec.To, p.sec.StatedDays = from, to, atoi(m[1])
	for _, c := range clauses[1:] {
		if err := p.spanTail(c, s); err != nil {
			return err
		}
	}
	return nil
}

func (p *sectionParse) spanTail(c, sentence string) error {
	switch {
	case totalClause.MatchString(c):
		p.sec.StatedDays = atoi(totalClause.FindStringSubmatch(c)[1])
		return nil
	case c == "不调休", joinClause.MatchString(c):
		return nil
	}
	ds, rest, err := p.sc.dates(c)
	if err != nil {
		return fmt.Errorf("%w（“%s”）", err, display(sentence))
	}
	if len(ds) == 0 || rest != "补休" {
		return unparsable(sentence)
	}
	p.extra = append(p.extra, ds...)
	return nil
}

// laterSentence reads the 上班 / 其中 sentences and advisory 鼓励 sentences.
func (p *sectionParse) laterSentence(s string) error {
	body := strings.TrimLeft(strings.TrimPrefix(s, "其中"), ",:")
	if joinClause.MatchString(body) {
		return nil // "与中秋节连休": the span already says which days
	}
	if strings.HasPrefix(body, "鼓励") {
		p.sec.Notes = append(p.sec.Notes, display(body))
		return nil
	}
	for _, c := range splitClauses(body) {
		if err := p.clause(strings.TrimPrefix(c, "将")); err != nil {
			if errors.Is(err, errUnparsable) {
				return unparsable(s)
			}
			return fmt.Errorf("%w（“%s”）", err, display(s))
		}
	}
	return nil
}

var errUnparsable = errors.New("unparsable")

func (p *sectionParse) clause(c string) error {
	ds, rest, err := p.sc.dates(c)
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		return errUnparsable
	}
	switch {
	case rest == "上班":
		p.work = append(p.work, ds...)
	case legalClause.MatchString(rest):
		p.legal = append(p.legal, ds...)
	case restClause.MatchString(rest):
		p.rest = append(p.rest, ds...)
	case moveClause.MatchString(rest):
		to, tail, err := p.sc.dates(moveClause.FindStringSubmatch(rest)[1])
		if err != nil {
			return err
		}
		if len(to) == 0 || tail != "" {
			return errUnparsable
		}
		p.moveFrom = append(p.moveFrom, ds...)
		p.moveTo = append(p.moveTo, to...)
	default:
		return errUnparsable
	}
	return nil
}
