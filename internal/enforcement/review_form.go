package enforcement

import (
	"strconv"
	"strings"
)

// Reading the 案卷评查 forms: the scoring table and thresholds of a new
// round, and the occurrences of a scoring. Pure; errors name the row.

// ParseReviewTable reads the scoring table from the form's parallel
// columns. Rows left wholly empty are skipped; the table is then checked.
func ParseReviewTable(names, points, pers, caps, descs []string) ([]ReviewItem, error) {
	col := func(c []string, i int) string {
		if i < len(c) {
			return strings.TrimSpace(c[i])
		}
		return ""
	}
	var out []ReviewItem
	for i := range names {
		it := ReviewItem{Seq: len(out) + 1, Name: col(names, i), Description: col(descs, i)}
		p, d, c := col(points, i), col(pers, i), col(caps, i)
		if it.Name == "" && p == "" && d == "" && c == "" && it.Description == "" {
			continue
		}
		label := it.Name
		if label == "" {
			label = "（未命名）"
		}
		for _, f := range []struct {
			field, text string
			dst         *float64
		}{{"分值", p, &it.Points}, {"每处扣分", d, &it.PerDeduction}, {"扣分上限", c, &it.Cap}} {
			v, err := parsePoints(f.text)
			if err != nil {
				return nil, invalid("评查标准第%d项“%s”：%s“%s”不是有效的分数", it.Seq, label, f.field, f.text)
			}
			*f.dst = v
		}
		out = append(out, it)
	}
	return out, CheckReviewTable(out)
}

// ParseThresholds reads the three grade lines and checks them.
func ParseThresholds(excellent, good, pass string) (ReviewThresholds, error) {
	var t ReviewThresholds
	for _, f := range []struct {
		field, text string
		dst         *float64
	}{{"优秀分数线", excellent, &t.Excellent}, {"良好分数线", good, &t.Good}, {"合格分数线", pass, &t.Pass}} {
		v, err := parsePoints(f.text)
		if err != nil {
			return t, invalid("%s“%s”不是有效的分数", f.field, f.text)
		}
		*f.dst = v
	}
	return t, t.Check()
}

// parsePoints reads a score with at most two decimals ("" is refused).
func parsePoints(s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != round2(v) || v < 0 || v > 1000 {
		return 0, ErrInvalid
	}
	return v, nil
}

// ReadFindings reads a scoring form: for each item of the table, the
// occurrences in field n_<seq> ("" = none) and the reason in reason_<seq>.
func ReadFindings(items []ReviewItem, get func(string) string) ([]Finding, error) {
	out := make([]Finding, 0, len(items))
	for _, it := range items {
		seq := strconv.Itoa(it.Seq)
		text := strings.TrimSpace(get("n_" + seq))
		n := 0
		if text != "" {
			v, err := strconv.Atoi(text)
			if err != nil {
				return nil, invalid("“%s”的问题处数“%s”应为整数", it.Name, text)
			}
			n = v
		}
		out = append(out, Finding{Seq: it.Seq, Occurrences: n, Reason: get("reason_" + seq)})
	}
	return out, nil
}
