package calendar

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// YearPlan is what one 国务院办公厅关于XXXX年部分节假日安排的通知 says: every
// day it declares a holiday or an adjusted working day, section by section.
type YearPlan struct {
	Year     int       `json:"year"`
	Title    string    `json:"title"`
	DocNo    string    `json:"doc_no,omitempty"`
	Issued   Date      `json:"issued"` // zero when the text carries no signature date
	Sections []Section `json:"sections"`
	Days     []PlanDay `json:"days"` // sorted by date
}

// Section is one numbered item of the notice, e.g. "二、春节：……".
type Section struct {
	Ordinal    string   `json:"ordinal"`
	Name       string   `json:"name"`
	Text       string   `json:"text"`
	From       Date     `json:"from"`
	To         Date     `json:"to"`
	StatedDays int      `json:"stated_days,omitempty"` // "共N天", 0 when not stated
	Holidays   []Date   `json:"holidays"`
	Workdays   []Date   `json:"workdays"`
	Notes      []string `json:"notes,omitempty"` // advisory sentences, e.g. 鼓励……休息
}

// PlanDay is one day the notice sets.
type PlanDay struct {
	Date Date    `json:"date"`
	Kind DayKind `json:"kind"` // KindHoliday or KindAdjustedWorkday
	Name string  `json:"name"`
}

var (
	titlePattern   = regexp.MustCompile(`关于(\d{4})年部分节假日安排的通知`)
	docNoPattern   = regexp.MustCompile(`国(?:办)?发明电〔\d{4}〕\d+号`)
	headingPattern = regexp.MustCompile(`^([一二三四五六七八九十]+)、([^\d:]{1,24}?):?(\d.*|)$`)
)

// ParseNotice parses the text of a 部分节假日安排 notice. It rejects any
// sentence of a numbered item that it cannot account for, and cross-checks
// "共N天", weekdays in parentheses and the stated 调休 against each other.
func ParseNotice(text string) (YearPlan, error) {
	lines := noticeLines(text)
	var plan YearPlan
	for _, l := range lines {
		if m := titlePattern.FindStringSubmatch(l); m != nil && plan.Title == "" {
			plan.Title = "国务院办公厅" + m[0]
			plan.Year = atoi(m[1])
		}
		if plan.DocNo == "" {
			plan.DocNo = docNoPattern.FindString(l)
		}
		if d, ok := parseIssued(l); ok {
			plan.Issued = d
		}
	}
	if plan.Title == "" {
		return YearPlan{}, errors.New("未找到通知标题（应包含“关于XXXX年部分节假日安排的通知”）")
	}
	if plan.Year < MinYear || plan.Year > MaxYear {
		return YearPlan{}, fmt.Errorf("通知年份 %d 超出支持范围（%d年至%d年）", plan.Year, MinYear, MaxYear)
	}
	items := numberedItems(lines)
	if len(items) == 0 {
		return YearPlan{}, errors.New("未找到放假安排条目（应为“一、元旦：……”的形式）")
	}
	for _, it := range items {
		sec, err := parseSection(plan.Year, it)
		if err != nil {
			return YearPlan{}, fmt.Errorf("%s、%s：%w", it.ordinal, it.name, err)
		}
		plan.Sections = append(plan.Sections, sec)
	}
	days, err := collectDays(plan.Sections)
	if err != nil {
		return YearPlan{}, err
	}
	plan.Days = days
	return plan, nil
}

// noticeLines splits and normalises the text, dropping empty lines.
func noticeLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = normalizeLine(strings.TrimSpace(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}

type item struct{ ordinal, name, body string }

// numberedItems finds the "一、元旦：……" paragraphs. A following line that
// starts with a date or 其中 continues the item (reprints often break lines).
func numberedItems(lines []string) []item {
	var items []item
	open := false
	for _, l := range lines {
		if m := headingPattern.FindStringSubmatch(l); m != nil {
			items = append(items, item{m[1], m[2], m[3]})
			open = true
			continue
		}
		if open && (startsWithDigit(l) || strings.HasPrefix(l, "其中")) {
			items[len(items)-1].body += l
			continue
		}
		open = false
	}
	return items
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// holidayNames maps the names used over the years to today's names.
var holidayNames = map[string]string{
	"元旦": "元旦", "春节": "春节", "清明节": "清明节", "清明": "清明节",
	"劳动节": "劳动节", "五一": "劳动节", "五一国际劳动节": "劳动节", "国际劳动节": "劳动节",
	"端午节": "端午节", "端午": "端午节", "中秋节": "中秋节", "中秋": "中秋节",
	"国庆节": "国庆节", "十一": "国庆节",
}

// sectionName normalises "“五一”" or "中秋节、国庆节" and rejects unknown names.
func sectionName(raw string) (string, error) {
	clean := strings.NewReplacer("“", "", "”", "", "\"", "", "「", "", "」", "").Replace(raw)
	var parts []string
	for _, p := range strings.Split(clean, "、") {
		n, ok := holidayNames[p]
		if !ok {
			return "", fmt.Errorf("无法识别的节日名称：“%s”", raw)
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, "、"), nil
}

// collectDays merges the sections into one sorted list and rejects a date
// that two sections claim.
func collectDays(sections []Section) ([]PlanDay, error) {
	seen := map[Date]PlanDay{}
	add := func(d Date, kind DayKind, name string) error {
		if prev, ok := seen[d]; ok {
			return fmt.Errorf("日期冲突：%s 同时出现在“%s”和“%s”中", d.Chinese(), prev.Name, name)
		}
		seen[d] = PlanDay{d, kind, name}
		return nil
	}
	for _, s := range sections {
		for _, d := range s.Holidays {
			if err := add(d, KindHoliday, s.Name); err != nil {
				return nil, err
			}
		}
		for _, d := range s.Workdays {
			if err := add(d, KindAdjustedWorkday, s.Name); err != nil {
				return nil, err
			}
		}
	}
	out := make([]PlanDay, 0, len(seen))
	for _, d := range seen {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}
