package report

import (
	"fmt"
	"strings"
	"time"

	"fazhi/internal/org"
)

// Action is a step of the report's workflow.
type Action string

const (
	ActEdit     Action = "edit" // edit, refresh figures, redraft, change dates
	ActSubmit   Action = "submit"
	ActPublish  Action = "publish"
	ActWithdraw Action = "withdraw"
)

// Allowed says whether act may be taken on a report in status st, and if
// not, why (in Chinese). A published report is frozen: withdraw it first.
func Allowed(st Status, act Action) error {
	ok := map[Action][]Status{
		ActEdit:     {StatusDraft, StatusSubmitted},
		ActSubmit:   {StatusDraft},
		ActPublish:  {StatusSubmitted},
		ActWithdraw: {StatusPublished},
	}[act]
	for _, s := range ok {
		if s == st {
			return nil
		}
	}
	switch act {
	case ActEdit:
		return conflict("报告已公开，不能修改；如需修改请先撤回公开")
	case ActSubmit:
		return conflict("报告%s，不能再次报送", st.Label())
	case ActPublish:
		if st == StatusDraft {
			return conflict("报告尚未报送党委和上级政府，不能公开")
		}
		return conflict("报告已公开")
	case ActWithdraw:
		return conflict("报告未公开，无需撤回")
	}
	return conflict("不支持的操作")
}

// CheckSubmit validates the submission record: a date that is neither in
// the future nor before the reported year ends, and the recipients.
func CheckSubmit(year int, on string, to string, today time.Time) error {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(on))
	if err != nil {
		return invalid("请填写报送日期（如 %d-02-20）", year+1)
	}
	switch {
	case d.After(today):
		return invalid("报送日期不能晚于今天")
	case d.Year() <= year:
		return invalid("报送日期应在%d年度结束之后", year)
	case strings.TrimSpace(to) == "":
		return invalid("请填写报送对象（如县委、市政府）")
	case len([]rune(to)) > 100:
		return invalid("报送对象不能超过 100 个字")
	}
	return nil
}

// Blockers lists what keeps a report's text from being published: the
// 【…】 placeholders still to fill in and figures without data, by section.
func Blockers(secs []Section, snaps map[int]Figures) []string {
	var out []string
	for _, s := range secs {
		label := s.Heading
		if label == "" {
			label = "导语"
		}
		figs := snaps[s.Snapshot]
		for _, p := range s.Paragraphs() {
			for _, ph := range Placeholders(Plain(p, figs)) {
				out = append(out, fmt.Sprintf("“%s”：%s", label, ph))
			}
		}
	}
	return out
}

// DefaultTitle is the report's title in the seeds' form.
func DefaultTitle(unitName string, year int) string {
	return fmt.Sprintf("%s关于%d年度法治政府建设情况的报告", unitName, year)
}

// DefaultAddressee is whom the report goes to under the 督察工作规定: a
// government reports to the Party committee and 人大常委会 of its level and
// to the government above; a township to the county's Party committee and
// government; a department to its own level's Party committee and
// government. region and parent are region names (清溪县, 云岭市).
func DefaultAddressee(level org.Level, region, parent string) string {
	short := func(name string) string { return "中共" + name + "委" }
	switch {
	case region == "":
		return ""
	case level == org.LevelGovernment && parent != "":
		return short(region) + "、" + region + "人大常委会、" + parent + "人民政府："
	case level == org.LevelGovernment:
		return short(region) + "、" + region + "人大常委会："
	case (level == org.LevelTownship || level == org.LevelSubdistrict) && parent != "":
		return short(parent) + "、" + parent + "人民政府："
	}
	return short(region) + "、" + region + "人民政府："
}
