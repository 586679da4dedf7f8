package org

import (
	"strings"
	"unicode/utf8"
)

// 统一社会信用代码, GB 32100-2015 法人和其他组织统一社会信用代码编码规则:
// 1 登记管理部门码, 2 机构类别码, 3–8 登记管理机关行政区划码 (GB/T 2260),
// 9–17 主体标识码 (组织机构代码, GB 11714), 18 校验码.

// creditCharset is the code's alphabet (no I, O, S, V, Z); a character's index
// is its value in the check-character computation.
const creditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the weights of positions 1–17 (3^(i-1) mod 31).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// registrar is one 登记管理部门 with its 机构类别 codes. An empty Kinds map
// accepts any category digit: the standard's tables for the rarer registrars
// have grown over the years and a false refusal is worse than a missed typo.
type registrar struct {
	Name  string
	Kinds map[byte]string
}

// registrars per GB 32100-2015 附录 A and its later additions (A, N).
var registrars = map[byte]registrar{
	'1': {"机构编制", map[byte]string{'1': "机关", '2': "事业单位", '3': "中央编办直接管理机构编制的群众团体", '9': "其他"}},
	'2': {"外交", nil},
	'3': {"司法行政", nil},
	'4': {"文化", nil},
	'5': {"民政", map[byte]string{'1': "社会团体", '2': "民办非企业单位", '3': "基金会", '9': "其他"}},
	'6': {"旅游", nil},
	'7': {"宗教", nil},
	'8': {"工会", nil},
	'9': {"工商", map[byte]string{'1': "企业", '2': "个体工商户", '3': "农民专业合作社"}},
	'A': {"中央军委改革和编制办公室", nil},
	'N': {"农业", nil},
	'Y': {"其他", nil},
}

// NormalizeCreditCode trims spaces, folds full-width characters (typed with a
// Chinese IME) to ASCII and upper-cases.
func NormalizeCreditCode(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if r == ' ' || r == '\u3000' || r == '\t' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// CreditCodeCheckChar computes the check character for the first 17
// characters of a code; ok is false when one of them is outside the charset.
func CreditCodeCheckChar(first17 string) (c byte, ok bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCharset, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditWeights[i]
	}
	return creditCharset[(31-sum%31)%31], true
}

// ValidateCreditCode checks a 统一社会信用代码 (after NormalizeCreditCode):
// length, alphabet, registrar and category codes, the region digits and the
// check character. The message names what is wrong, in Chinese.
func ValidateCreditCode(s string) error {
	s = NormalizeCreditCode(s)
	if s == "" {
		return invalid("credit_code", "统一社会信用代码不能为空")
	}
	if n := utf8.RuneCountInString(s); n != 18 {
		return invalid("credit_code", "统一社会信用代码应为18位，现为%d位", n)
	}
	pos := 0
	for _, r := range s {
		pos++
		if r > 0x7F || strings.IndexByte(creditCharset, byte(r)) < 0 {
			return invalid("credit_code", "统一社会信用代码第%d位“%c”不是有效字符（只用数字和除I、O、S、V、Z以外的大写字母）", pos, r)
		}
	}
	if err := checkCreditPrefix(s); err != nil {
		return err
	}
	want, _ := CreditCodeCheckChar(s[:17])
	if s[17] != want {
		return invalid("credit_code", "统一社会信用代码校验位错误：应为%c", want)
	}
	return nil
}

// checkCreditPrefix checks positions 1–8: registrar, category and the
// registering authority's region code.
func checkCreditPrefix(s string) error {
	reg, ok := registrars[s[0]]
	if !ok {
		return invalid("credit_code", "统一社会信用代码第1位登记管理部门码“%c”无效", s[0])
	}
	if reg.Kinds != nil {
		if _, ok := reg.Kinds[s[1]]; !ok {
			return invalid("credit_code", "统一社会信用代码第2位机构类别码“%c”不属于登记管理部门“%s”", s[1], reg.Name)
		}
	} else if s[1] < '1' || s[1] > '9' {
		return invalid("credit_code", "统一社会信用代码第2位机构类别码“%c”无效", s[1])
	}
	region := s[2:8]
	if !allDigits(region) || (region[:2] != "10" && !provinces[region[:2]]) {
		return invalid("credit_code", "统一社会信用代码第3至8位“%s”不是有效的登记管理机关行政区划码", region)
	}
	return nil
}

// CreditCodeKind names the registrar and category of a valid code, e.g.
// "机构编制 · 机关", for display next to the code.
func CreditCodeKind(s string) string {
	s = NormalizeCreditCode(s)
	if len(s) < 2 {
		return ""
	}
	reg, ok := registrars[s[0]]
	if !ok {
		return ""
	}
	if k, ok := reg.Kinds[s[1]]; ok {
		return reg.Name + " · " + k
	}
	return reg.Name
}
