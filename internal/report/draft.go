package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Input is what drafting draws on: the unit, the year, a snapshot of its
// figures (with the registry's order), and the records of plan supervision
// and assessment.
type Input struct {
	UnitName string
	Year     int
	Figures  Figures
	Order    []string // metric keys in registry order
	Progress []Progress
	Overdue  []TaskRef
	Next     []TaskRef // open tasks with a milestone in the following year
	Weak     []WeakIndicator
}

// Progress is a plan task with the progress reports accepted in the year.
type Progress struct {
	TaskID    int64
	PlanTitle string
	Chapter   string
	Marker    string
	Title     string
	Entries   []ProgressEntry
}

// ProgressEntry is one unit's accepted report.
type ProgressEntry struct {
	UnitName string
	Period   string
	Body     string
	Figures  []string // "清理文件 213件"
}

// TaskRef is a plan task assigned in the unit's subtree.
type TaskRef struct {
	TaskID    int64
	PlanTitle string
	Marker    string
	Title     string
	UnitName  string
	Due       string // ISO date
}

// WeakIndicator is a leaf indicator on which units of the subtree lost
// points in an assessment round of the year.
type WeakIndicator struct {
	RoundID    int64
	RoundTitle string
	Name       string
	Units      int
}

// Drafted is a section as drafting proposes it.
type Drafted struct {
	Key     string
	Part    int
	Heading string
	Body    string
}

// Section keys besides the areas ("a." + area key).
const (
	KeyIntro  = "intro"
	KeyDuty   = "duty"
	KeyIssues = "issues"
	KeyPlans  = "plans"
)

// AreaSectionKey is the section key of an area of part 一.
func AreaSectionKey(area string) string { return "a." + area }

// Draft writes every section of the report from in: the 导语, one section
// per area of part 一 (with its figures and the tasks' accepted progress),
// then 二、三、四 as starting points drawn from the data. What the data
// cannot say is left as 【请补充…】 for the user.
func Draft(in Input) []Drafted {
	out := []Drafted{{Key: KeyIntro, Body: intro(in)}}
	byArea := groupProgress(in.Progress)
	for _, a := range append(Areas, OtherArea) {
		body := areaBody(a, in, byArea[a.Key])
		if a.Key == OtherArea.Key && body == "" {
			continue
		}
		if body == "" {
			body = "【请补充本方面的主要举措和成效】"
		}
		out = append(out, Drafted{Key: AreaSectionKey(a.Key), Part: 1, Heading: a.Heading, Body: body})
	}
	out = append(out,
		Drafted{Key: KeyDuty, Part: 2, Heading: "党政主要负责人履行推进法治建设第一责任人职责情况", Body: duty(in, byArea[dutyArea])},
		Drafted{Key: KeyIssues, Part: 3, Heading: "存在的不足和原因", Body: issues(in)},
		Drafted{Key: KeyPlans, Part: 4, Heading: fmt.Sprintf("%d年度推进法治政府建设的主要安排", in.Year+1), Body: plans(in)})
	return out
}

// DraftSection drafts one section again (for 重新起草).
func DraftSection(in Input, key string) (Drafted, bool) {
	for _, d := range Draft(in) {
		if d.Key == key {
			return d, true
		}
	}
	return Drafted{}, false
}

func intro(in Input) string {
	return fmt.Sprintf("%d年，%s在上级党委、政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"+
		"认真落实党中央、国务院关于法治政府建设的决策部署，把依法行政贯穿政府工作全过程，法治政府建设取得新的成效。现将有关情况报告如下：",
		in.Year, in.UnitName)
}

// dutyArea collects tasks about the 第一责任人 duty, reported in part 二.
const dutyArea = "duty"

var dutyKeywords = []string{"第一责任人", "主要负责人", "述法"}

// groupProgress places each task in the area its chapter and title match.
func groupProgress(ps []Progress) map[string][]Progress {
	out := map[string][]Progress{}
	for _, p := range ps {
		key := AreaForTask(p.Chapter, p.Title)
		for _, k := range dutyKeywords {
			if strings.Contains(p.Title, k) {
				key = dutyArea
			}
		}
		out[key] = append(out[key], p)
	}
	return out
}

func areaBody(a Area, in Input, ps []Progress) string {
	var paras []string
	if f := figureParagraph(a.Key, in.Figures, in.Order); f != "" {
		paras = append(paras, f)
	}
	for _, p := range ps {
		paras = append(paras, progressParagraph(p))
	}
	return strings.Join(paras, "\n")
}

// maxProgressBody bounds how much of one progress report a draft quotes.
const maxProgressBody = 240

// progressParagraph quotes a task's accepted progress, unit by unit, and
// links the task.
func progressParagraph(p Progress) string {
	var parts []string
	for _, e := range p.Entries {
		body := strings.TrimRight(strings.Join(strings.Fields(e.Body), ""), "。；;，, ")
		if utf8.RuneCountInString(body) > maxProgressBody {
			body = string([]rune(body)[:maxProgressBody]) + "……"
		}
		s := e.UnitName + "：" + body
		if len(e.Figures) > 0 {
			s += "（" + strings.Join(e.Figures, "，") + "）"
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("落实《%s》“%s%s”任务，%s。%s", p.PlanTitle, markerText(p.Marker), p.Title,
		strings.Join(parts, "；"), RefToken(RefTask, p.TaskID))
}

func markerText(m string) string {
	if m == "" {
		return ""
	}
	return strings.TrimRight(m, "．.、") + "."
}

func duty(in Input, ps []Progress) string {
	study := ""
	if f, ok := in.Figures["training.gov_study"]; ok && f.Known {
		study = "，政府常务会议全年集体学法" + Token("training.gov_study") + "次"
	}
	paras := []string{fmt.Sprintf("%s党政主要负责人认真履行推进法治建设第一责任人职责，把法治政府建设摆在全局工作的重要位置，"+
		"坚持重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办%s。", in.UnitName, study)}
	for _, p := range ps {
		paras = append(paras, progressParagraph(p))
	}
	paras = append(paras, "【请补充：主要负责人听取法治政府建设工作汇报、研究部署法治建设重要事项、带头学法述法、出庭应诉等情况】")
	return strings.Join(paras, "\n")
}

// shortfall is a figure that falls short of what the rules ask.
type shortfall struct {
	key   string
	short func(v float64) bool
	text  string
}

func below(n float64) func(float64) bool { return func(v float64) bool { return v < n } }

// shortfalls are the requirements part 三 checks the figures against.
var shortfalls = []shortfall{
	{"advice.judicial_rate", below(100), "司法建议办复率为〔advice.judicial_rate〕%，未达到100%的要求"},
	{"advice.procuratorial_rate", below(100), "检察建议办复率为〔advice.procuratorial_rate〕%，未达到100%的要求"},
	{"normdoc.filing_rate", below(100), "行政规范性文件报备率为〔normdoc.filing_rate〕%，尚未做到应备尽备"},
	{"enforce.random_rate", below(100), "“双随机”抽查任务完成率为〔enforce.random_rate〕%"},
	// 草堂镇 2021 report (seed 000): 每年…专题培训不少于40学时.
	{"training.hours_per_officer", below(40), "执法人员人均法律知识培训〔training.hours_per_officer〕学时，低于每人每年不少于40学时的要求"},
	{"litigation.appear_rate", below(100), "行政机关负责人出庭应诉率为〔litigation.appear_rate〕%，仍有提升空间"},
	{"litigation.lost", func(v float64) bool { return v > 0 }, "行政诉讼败诉〔litigation.lost〕件，依法行政水平仍需提高"},
}

func issues(in Input) string {
	var found []string
	for _, s := range shortfalls {
		f, ok := in.Figures[s.key]
		if !ok || !f.Known {
			continue
		}
		if s.short(f.Number) {
			found = append(found, s.text)
		}
	}
	var paras []string
	if len(found) > 0 {
		paras = append(paras, "对照法治政府建设要求，年度数据反映出以下不足："+strings.Join(found, "；")+"。")
	}
	if len(in.Overdue) > 0 {
		paras = append(paras, overdueParagraph(in))
	}
	if len(in.Weak) > 0 {
		paras = append(paras, weakParagraph(in.Weak))
	}
	if len(paras) == 0 {
		paras = append(paras, "对照法治政府建设要求，我们的工作还存在一些差距和不足：【请补充存在的不足】")
	}
	paras = append(paras, "【请结合实际补充存在不足的原因分析】")
	return strings.Join(paras, "\n")
}

// maxListed bounds the tasks or indicators a paragraph names.
const maxListed = 5

func overdueParagraph(in Input) string {
	count := fmt.Sprintf("%d", len(in.Overdue))
	if f, ok := in.Figures["plan.overdue_count"]; ok && f.Known {
		count = Token("plan.overdue_count")
	}
	var names []string
	for i, t := range in.Overdue {
		if i == maxListed {
			break
		}
		names = append(names, "“"+t.Title+"”"+RefToken(RefTask, t.TaskID))
	}
	return fmt.Sprintf("规划任务推进还不平衡，%s项任务逾期未完成，如%s等。", count, strings.Join(names, ""))
}

func weakParagraph(ws []WeakIndicator) string {
	byRound := map[int64][]WeakIndicator{}
	var rounds []int64
	for _, w := range ws {
		if _, ok := byRound[w.RoundID]; !ok {
			rounds = append(rounds, w.RoundID)
		}
		byRound[w.RoundID] = append(byRound[w.RoundID], w)
	}
	var parts []string
	for _, id := range rounds {
		list := byRound[id]
		var names []string
		for i, w := range list {
			if i == maxListed {
				break
			}
			names = append(names, fmt.Sprintf("“%s”（%d个单位失分）", w.Name, w.Units))
		}
		parts = append(parts, fmt.Sprintf("在%s中，%s等%d项指标存在失分%s", list[0].RoundTitle,
			strings.Join(names, "、"), len(list), RefToken(RefAssess, id)))
	}
	return strings.Join(parts, "；") + "。"
}

func plans(in Input) string {
	paras := []string{fmt.Sprintf("%d年，%s将坚持以习近平法治思想为指导，深入推进依法行政，加快建设法治政府，重点做好以下工作：", in.Year+1, in.UnitName)}
	if len(in.Next) > 0 {
		var items []string
		for i, t := range in.Next {
			if i == 8 {
				break
			}
			items = append(items, fmt.Sprintf("%s按照《%s》要求，完成“%s”（%s前）%s", ordinal(i), t.PlanTitle, t.Title,
				dateText(t.Due), RefToken(RefTask, t.TaskID)))
		}
		paras = append(paras, strings.Join(items, "；")+"。")
	}
	if len(in.Overdue) > 0 {
		paras = append(paras, "抓紧推进逾期未完成的规划任务，逐项明确责任单位和完成时限，确保按期完成。")
	}
	paras = append(paras, "【请补充下一年度其他重点工作安排】")
	return strings.Join(paras, "\n")
}

var ordinals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

func ordinal(i int) string {
	if i < len(ordinals) {
		return ordinals[i] + "是"
	}
	return ""
}

// dateText writes an ISO date as 2026年6月30日.
func dateText(iso string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d); err != nil {
		return iso
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d)
}
