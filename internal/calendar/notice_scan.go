package calendar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The notice parser works on a normalised text: ASCII punctuation for the
// structural marks, every dash or tilde between dates as "至", no spaces.
var normalizer = strings.NewReplacer(
	"（", "(", "）", ")", "：", ":", "，", ",", "；", ";",
	"星期天", "星期日", "周天", "周日",
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	" ", "", "\t", "", "\u3000", "", "\u00a0", "", "\r", "",
)

var dashRun = regexp.MustCompile(`[—–―－\-~～]+`)

// normalizeLine prepares one line of notice text for matching.
func normalizeLine(s string) string {
	s = normalizer.Replace(s)
	return dashRun.ReplaceAllString(s, "至")
}

// display turns normalised text back into the notice's own punctuation for
// error messages and previews.
var displayer = strings.NewReplacer("(", "（", ")", "）", ":", "：", ",", "，", ";", "；")

func display(s string) string { return displayer.Replace(s) }

// dateToken matches one date as notices write it: [YYYY年][M月]D日[(注)].
var dateToken = regexp.MustCompile(`^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?`)

var weekdayInNote = regexp.MustCompile(`(?:星期|周)([一二三四五六日])`)

var weekdayByName = map[string]time.Weekday{
	"日": time.Sunday, "一": time.Monday, "二": time.Tuesday, "三": time.Wednesday,
	"四": time.Thursday, "五": time.Friday, "六": time.Saturday,
}

// dateScanner resolves the partial dates of one notice section. Notices omit
// the year (and often the month) when it can be read from the context.
type dateScanner struct {
	year      int  // the notice's year
	newYear   bool // 元旦 section: a bare "12月" date belongs to the previous year
	lastYear  int
	lastMonth time.Month
}

// reset makes the next month-less date inherit from d (each sentence of a
// section starts again from the section's first holiday).
func (sc *dateScanner) reset(d Date) { sc.lastYear, sc.lastMonth = d.Year, d.Month }

// date reads one date at the start of s and returns it with the rest of s.
func (sc *dateScanner) date(s string) (Date, string, bool, error) {
	m := dateToken.FindStringSubmatch(s)
	if m == nil {
		return Date{}, s, false, nil
	}
	year, month := sc.lastYear, sc.lastMonth
	switch {
	case m[1] != "":
		year, _ = strconv.Atoi(m[1])
		if m[2] == "" {
			return Date{}, s, false, fmt.Errorf("日期缺少月份：%q", display(m[0]))
		}
		month = monthOf(m[2])
	case m[2] != "":
		year, month = sc.year, monthOf(m[2])
		if sc.newYear && month == time.December {
			year = sc.year - 1
		}
	}
	if year == 0 {
		return Date{}, s, false, fmt.Errorf("无法确定日期的年月：%q", display(m[0]))
	}
	day, _ := strconv.Atoi(m[3])
	d, err := NewDate(year, month, day)
	if err != nil {
		return Date{}, s, false, err
	}
	if err := checkNote(d, m[4]); err != nil {
		return Date{}, s, false, err
	}
	sc.lastYear, sc.lastMonth = d.Year, d.Month
	return d, s[len(m[0]):], true, nil
}

func monthOf(s string) time.Month {
	n, _ := strconv.Atoi(s)
	return time.Month(n)
}

// checkNote verifies the weekday written in a date's parenthesis, if any.
// Other notes (农历除夕, 清明节 …) are informative; digits there are not.
func checkNote(d Date, note string) error {
	if strings.ContainsAny(note, "0123456789") {
		return fmt.Errorf("日期注释无法解析：%s（%s）", d.Chinese(), note)
	}
	if m := weekdayInNote.FindStringSubmatch(note); m != nil && weekdayByName[m[1]] != d.Weekday() {
		return fmt.Errorf("日期与星期不符：%s是%s，通知写作“%s”", d.Chinese(), d.WeekdayName(), m[0])
	}
	return nil
}

// dates reads a list "D、D、D" at the start of s.
func (sc *dateScanner) dates(s string) ([]Date, string, error) {
	var out []Date
	for {
		d, rest, ok, err := sc.date(s)
		if err != nil {
			return nil, s, err
		}
		if !ok {
			return out, s, nil
		}
		out = append(out, d)
		s = rest
		if !strings.HasPrefix(s, "、") {
			return out, s, nil
		}
		if _, _, ok, _ := sc.peek(s[len("、"):]); !ok {
			return out, s, nil
		}
		s = s[len("、"):]
	}
}

// peek reports whether s starts with a date, without consuming context.
func (sc *dateScanner) peek(s string) (Date, string, bool, error) {
	saved := *sc
	d, rest, ok, err := sc.date(s)
	*sc = saved
	return d, rest, ok, err
}

// chineseDigits maps the characters of an issue date such as 二〇〇六年十二月十四日.
var chineseDigits = map[rune]int{
	'〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

var (
	issuedArabic  = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
	issuedChinese = regexp.MustCompile(`^([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$`)
)

// parseIssued reads a signature date line in Arabic or Chinese numerals.
func parseIssued(line string) (Date, bool) {
	if m := issuedArabic.FindStringSubmatch(line); m != nil {
		y, _ := strconv.Atoi(m[1])
		d, err := NewDate(y, monthOf(m[2]), atoi(m[3]))
		return d, err == nil
	}
	m := issuedChinese.FindStringSubmatch(line)
	if m == nil {
		return Date{}, false
	}
	year := 0
	for _, r := range m[1] {
		year = year*10 + chineseDigits[r]
	}
	d, err := NewDate(year, time.Month(chineseNumber(m[2])), chineseNumber(m[3]))
	return d, err == nil
}

// chineseNumber converts 1–39 written as 七, 十, 十二, 二十, 三十一.
func chineseNumber(s string) int {
	tens, n := 0, 0
	for _, r := range s {
		if r == '十' {
			tens = max(n, 1)
			n = 0
			continue
		}
		n = chineseDigits[r]
	}
	return tens*10 + n
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
