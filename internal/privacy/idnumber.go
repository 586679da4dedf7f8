package privacy

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// 居民身份证号 per GB 11643-1999 公民身份号码: positions 1–6 address code
// (GB/T 2260), 7–14 birth date YYYYMMDD, 15–17 sequence code (17th odd for
// men, even for women), 18 check character (ISO 7064 MOD 11-2).

// idWeights are the weights of positions 1–17 (2^(18-i) mod 11).
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps the weighted sum mod 11 to the check character.
const idCheckChars = "10X98765432"

// provinceCodes are the first two digits of GB/T 2260 province-level codes,
// plus 81/82/83 used by 港澳台居民居住证 (which follow the same structure).
var provinceCodes = setOf(
	"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
	"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
	"71", "81", "82", "83",
)

// chinaTime is the zone in which "today" is judged for birth dates.
var chinaTime = time.FixedZone("CST", 8*60*60)

// Error is an invalid input; Message is Chinese and safe to show the user.
type Error struct {
	Field   string // form field, e.g. id_number
	Message string
}

func (e *Error) Error() string { return e.Message }

// ErrorCode lets the HTTP layer map the error to 400 in one place.
func (e *Error) ErrorCode() string { return "invalid" }

func invalidID(format string, args ...any) *Error {
	return &Error{Field: "id_number", Message: fmt.Sprintf(format, args...)}
}

// NormalizeIDNumber drops spaces, folds full-width characters and upper-cases
// a trailing x. Normalise before sealing and indexing so that lookups match.
func NormalizeIDNumber(s string) string {
	return strings.ToUpper(compact(s))
}

// IDCheckChar computes the check character for the first 17 digits; ok is
// false when they are not 17 ASCII digits.
func IDCheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idCheckChars[sum%11], true
}

// ValidateIDNumber checks an 18-character 居民身份证号: digits, province code,
// birth date (a real date, not in the future, not before 1900) and the check
// character. The error is an *Error naming what is wrong.
func ValidateIDNumber(s string) error {
	return validateIDAt(s, time.Now())
}

func validateIDAt(s string, now time.Time) error {
	id := NormalizeIDNumber(s)
	n := utf8.RuneCountInString(id)
	switch {
	case n == 0:
		return invalidID("身份证号不能为空")
	case n == 15 && allDigits(id):
		return invalidID("身份证号为15位旧号码，请填写18位居民身份证号")
	case n != 18:
		return invalidID("身份证号应为18位，当前为%d位", n)
	case !allDigits(id[:17]):
		return invalidID("身份证号前17位应为数字")
	case !isDigit(rune(id[17])) && id[17] != 'X':
		return invalidID("身份证号第18位应为数字或X")
	case !provinceCodes[id[:2]]:
		return invalidID("身份证号地区码无效：前两位%s不是省级行政区划代码", id[:2])
	}
	birth, ok := parseDate(id[6:14])
	if !ok {
		return invalidID("身份证号出生日期无效：%s", id[6:14])
	}
	today := now.In(chinaTime)
	if birth.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
		return invalidID("身份证号出生日期%s晚于今天", birth.Format("2006年1月2日"))
	}
	if birth.Year() < 1900 {
		return invalidID("身份证号出生日期%s早于1900年", birth.Format("2006年1月2日"))
	}
	if want, _ := IDCheckChar(id[:17]); id[17] != want {
		return invalidID("身份证号校验位错误：应为%c", want)
	}
	return nil
}

// BirthDate returns the birth date (UTC midnight) of a valid 身份证号.
func BirthDate(id string) (time.Time, error) {
	if err := ValidateIDNumber(id); err != nil {
		return time.Time{}, err
	}
	d, _ := parseDate(NormalizeIDNumber(id)[6:14])
	return d, nil
}

// Sex returns "男" or "女" from the 17th digit of a valid 身份证号 (odd: male).
func Sex(id string) (string, error) {
	if err := ValidateIDNumber(id); err != nil {
		return "", err
	}
	if (NormalizeIDNumber(id)[16]-'0')%2 == 1 {
		return "男", nil
	}
	return "女", nil
}

// parseDate reads YYYYMMDD and rejects dates that do not exist (0230).
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse("20060102", s)
	return t, err == nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return s != ""
}
