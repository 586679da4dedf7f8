package ledger

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// FieldError is a refused value, with the Chinese message naming the field.
type FieldError struct {
	Key     string
	Message string // e.g. “行政复议新收案件”应为非负整数
	Reason  string // the message without the field name, e.g. 应为非负整数
	Batch   int    // which batch of SaveAll it belongs to
}

// ValidationError lists every refused value of a save; nothing was saved.
type ValidationError struct {
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		msgs[i] = fe.Message
	}
	return strings.Join(msgs, "；")
}

// ErrorCode maps the error to 400 in httpx.Classify.
func (e *ValidationError) ErrorCode() string { return CodeInvalid }

// ByKey returns the message for each refused field.
func (e *ValidationError) ByKey() map[string]string {
	m := make(map[string]string, len(e.Errors))
	for _, fe := range e.Errors {
		if _, ok := m[fe.Key]; !ok {
			m[fe.Key] = fe.Reason
		}
	}
	return m
}

func fieldError(f Field, reason string) FieldError {
	return FieldError{Key: f.Key, Reason: reason, Message: "“" + f.Name + "”" + reason}
}

// Reasons, one per check.
const (
	reasonInt     = "应为非负整数"
	reasonPercent = "应为 0 到 100 之间的数（最多两位小数）"
	reasonDecimal = "应为非负数（最多两位小数）"
	reasonDerived = "由系统计算，不能填报"
)

var decimalRE = regexp.MustCompile(`^\d+(\.\d{1,2})?$`)

// normalize makes what people type comparable: full-width digits and
// points, thousands separators, spaces and a trailing % are accepted.
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		case r == ',' || r == '，' || r == ' ' || r == '\u00a0' || r == '\u3000':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	return strings.TrimSuffix(strings.TrimSuffix(s, "%"), "％")
}

// Parse checks an entered value against the field's rule and returns its
// canonical text and number. An empty value is valid and means "no figure".
func (f Field) Parse(raw string) (string, float64, *FieldError) {
	s := normalize(raw)
	if s == "" {
		return "", 0, nil
	}
	if f.Derived() {
		fe := fieldError(f, reasonDerived)
		return "", 0, &fe
	}
	reason := map[Check]string{NonNegInt: reasonInt, Percent: reasonPercent, Decimal: reasonDecimal}[f.Check]
	if f.Check == NonNegInt {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 1e12 {
			fe := fieldError(f, reason)
			return "", 0, &fe
		}
		return strconv.FormatInt(n, 10), float64(n), nil
	}
	if !decimalRE.MatchString(s) {
		fe := fieldError(f, reason)
		return "", 0, &fe
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(n, 0) || n > 1e12 || (f.Check == Percent && n > 100) {
		fe := fieldError(f, reason)
		return "", 0, &fe
	}
	return strconv.FormatFloat(n, 'f', -1, 64), n, nil
}

// parseAll validates values (field key → entered text) and returns the
// canonical texts; unknown keys are refused.
func parseAll(values map[string]string) (map[string]string, []FieldError) {
	out := make(map[string]string, len(values))
	var errs []FieldError
	for _, f := range Fields {
		raw, ok := values[f.Key]
		if !ok {
			continue
		}
		text, _, fe := f.Parse(raw)
		if fe != nil {
			errs = append(errs, *fe)
			continue
		}
		out[f.Key] = text
	}
	for k := range values {
		if _, ok := byKey[k]; !ok {
			errs = append(errs, FieldError{Key: k, Reason: "不是台账字段", Message: fmt.Sprintf("“%s”不是台账字段", k)})
		}
	}
	return out, errs
}

// partOf is a consistency rule: the parts may not exceed the whole.
type partOf struct {
	parts []string
	whole string
}

// consistency are the rules between figures of one unit and year.
var consistency = []partOf{
	{[]string{"review.corrected"}, "review.closed"},
	{[]string{"litigation.head_appeared"}, "litigation.cases"},
	{[]string{"litigation.lost"}, "litigation.cases"},
	{[]string{"advice.judicial_replied"}, "advice.judicial"},
	{[]string{"advice.procuratorial_replied"}, "advice.procuratorial"},
	{[]string{"normdoc.clean_kept", "normdoc.clean_repealed", "normdoc.clean_amended"}, "normdoc.cleaned"},
	{[]string{"dispute.resolved"}, "dispute.received"},
	{[]string{"enforce.excellent_cases"}, "enforce.case_reviews"},
}

// checkConsistency applies the rules to one unit's figures (canonical texts
// after the save); a rule applies when the whole is filled in.
func checkConsistency(sheet map[string]string) []FieldError {
	var errs []FieldError
	for _, c := range consistency {
		whole, ok := number(sheet[c.whole])
		if !ok {
			continue
		}
		var sum float64
		var names []string
		for _, p := range c.parts {
			n, _ := number(sheet[p])
			sum += n
			pf, _ := FieldByKey(p)
			names = append(names, "“"+pf.Name+"”")
		}
		if sum > whole {
			wf, _ := FieldByKey(c.whole)
			first, _ := FieldByKey(c.parts[0])
			reason := fmt.Sprintf("不应大于“%s”（%s）", wf.Name, sheet[c.whole])
			msg := strings.Join(names, "与") + "之和" + reason
			if len(names) == 1 {
				msg = names[0] + reason
			}
			errs = append(errs, FieldError{Key: first.Key, Reason: reason, Message: msg})
		}
	}
	return errs
}

func number(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}
