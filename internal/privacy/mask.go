package privacy

import (
	"regexp"
	"strings"
)

// The patterns are anchored: they are tried at a position of width-folded text
// whose previous character is not a digit or letter; the caller checks that the
// character after a match is not a digit either (see matchAt).
var (
	reID18 = regexp.MustCompile(`^[0-9]{17}[0-9Xx]`)
	reID15 = regexp.MustCompile(`^[0-9]{15}`)
	// Mobile numbers 1[3-9]x-xxxx-xxxx, optionally with +86/0086 and separators.
	reMobile = regexp.MustCompile(`^(?:(\+86|0086)[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})`)
	// Landlines: area codes 010 and 02x have three digits, all others four.
	reLandline = regexp.MustCompile(`^(?:[(（](0[0-9]{2,3})[)）] ?|(0[12][0-9])[- ]?|(0[3-9][0-9]{2})[- ]?)([0-9]{7,8})`)
	// Bank card and similar account numbers.
	reCard = regexp.MustCompile(`^[0-9]{16,19}`)
	// An extension after a landline in a phone field.
	reExtension = regexp.MustCompile(`^ ?(?:-|转|#|ext\.?|分机) ?[0-9]{1,6}$`)
)

// MaskIDNumber masks a 身份证号 for publication: 18 characters keep the first 3
// and last 4 (330***********1234), old 15-digit numbers likewise
// (330********1234); anything else keeps only its last 4 characters, and
// values of 4 characters or fewer are masked entirely.
func MaskIDNumber(s string) string {
	id := NormalizeIDNumber(s)
	switch {
	case id == "":
		return ""
	case len(id) == 18 && reID18.MatchString(id):
		return maskID(id)
	case len(id) == 15 && allDigits(id):
		return maskID(id)
	}
	return maskAllButLast([]rune(id), 4)
}

// maskID keeps the first 3 and last 4 characters of an ASCII ID number.
func maskID(id string) string {
	return id[:3] + strings.Repeat("*", len(id)-7) + id[len(id)-4:]
}

func maskAllButLast(rs []rune, n int) string {
	if len(rs) <= n {
		return strings.Repeat("*", len(rs))
	}
	return strings.Repeat("*", len(rs)-n) + string(rs[len(rs)-n:])
}

// MaskPhone masks phone numbers for publication: mobiles 13812345678 →
// 138****5678 (+86 kept as "+86 "), landlines 0571-88123456 → 0571-****3456
// (an extension stays), anything else keeps its last 4 digits. Several
// numbers separated by / 、 , ; are masked one by one.
func MaskPhone(s string) string {
	v := strings.TrimSpace(fold(s))
	if v == "" {
		return ""
	}
	var b strings.Builder
	start := 0
	for i, r := range v {
		if strings.ContainsRune("/、,，;；", r) {
			b.WriteString(maskOnePhone(v[start:i]))
			b.WriteRune(r)
			start = i + len(string(r))
		}
	}
	b.WriteString(maskOnePhone(v[start:]))
	return b.String()
}

func maskOnePhone(p string) string {
	trimmed := strings.TrimSpace(p)
	lead := p[:strings.Index(p, trimmed)]
	trail := p[len(lead)+len(trimmed):]
	if m := reMobile.FindStringSubmatch(trimmed); m != nil && len(m[0]) == len(trimmed) {
		return lead + maskMobile(m) + trail
	}
	if m := reLandline.FindStringSubmatch(trimmed); m != nil {
		rest := trimmed[len(m[0]):]
		if rest == "" || reExtension.MatchString(rest) {
			return lead + maskLandline(m) + rest + trail
		}
	}
	return lead + keepLast(trimmed, 4) + trail
}

// maskMobile formats a reMobile match as [+86 ]138****5678.
func maskMobile(m []string) string {
	prefix := ""
	if m[1] != "" {
		prefix = "+86 "
	}
	return prefix + m[2] + "****" + m[4]
}

// maskLandline formats a reLandline match as 0571-****3456.
func maskLandline(m []string) string {
	area := m[1] + m[2] + m[3]
	num := m[4]
	return area + "-" + strings.Repeat("*", len(num)-4) + num[len(num)-4:]
}
