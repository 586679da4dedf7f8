package plan

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func mustParse(t *testing.T, text string) ParsedPlan {
	t.Helper()
	p, err := ParseText(text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func hasWarning(p ParsedPlan, part string) bool {
	for _, w := range p.Warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// Annual plan: "责任单位:" on its own line, qualifier on the last unit, a
// year in the title for "6月底前", and a text cut off mid-sentence.
func TestParseAnnualUnitsOwnLine(t *testing.T) {
	p := parseFixture(t, "annual_units_own_line.txt")
	if p.Title != "东平县2020年度法治政府建设工作安排" || p.Year != 2020 {
		t.Errorf("title %q year %d", p.Title, p.Year)
	}
	if len(p.Tasks) != 4 || !p.Truncated || !hasWarning(p, "第17行中断") {
		t.Fatalf("tasks %d truncated %v warnings %q", len(p.Tasks), p.Truncated, p.Warnings)
	}
	want := [][]string{
		{"县政府办公室", "县司法局", "各有关部门", "乡镇人民政府"},
		{"县卫生健康委", "县司法局", "县政府有关部门"},
		{"县司法局", "各乡镇人民政府", "街道办事处"},
		{},
	}
	for i, task := range p.Tasks {
		if !reflect.DeepEqual(task.Units, want[i]) {
			t.Errorf("task %d units %q", i+1, task.Units)
		}
	}
	var dates []string
	for _, task := range p.Tasks {
		for _, d := range task.Deadlines {
			dates = append(dates, d.Phrase+"="+d.Date+string(d.Period))
		}
	}
	wantDates := []string{"6月底前=2020-06-30", "每季度=quarter", "年底前=2020-12-31", "2020年9月30日前=2020-09-30", "上半年=2020-06-30"}
	if !reflect.DeepEqual(dates, wantDates) {
		t.Errorf("deadlines %q", dates)
	}
	if !hasWarning(p, "任务(四)未标明责任单位") {
		t.Errorf("warnings %q", p.Warnings)
	}
}

// "1." tasks under chapters, with 牵头单位 and 配合单位 on separate lines.
func TestParseLeadCoLines(t *testing.T) {
	p := parseFixture(t, "lead_co_lines.txt")
	if p.Title != "关于深入推进法治政府建设的实施意见" || len(p.Chapters) != 3 || len(p.Tasks) != 4 {
		t.Fatalf("title %q chapters %d tasks %d", p.Title, len(p.Chapters), len(p.Tasks))
	}
	t1, t2 := p.Tasks[0], p.Tasks[1]
	if !reflect.DeepEqual(t1.Units, []string{"县政府办", "县编办", "县政府法制办"}) || !reflect.DeepEqual(t1.CoUnits, []string{"县政府各有关部门"}) {
		t.Errorf("task 1 %q / %q", t1.Units, t1.CoUnits)
	}
	if !reflect.DeepEqual(t2.Units, []string{"县编办"}) || !reflect.DeepEqual(t2.CoUnits, []string{"县政府法制办", "县财政局"}) {
		t.Errorf("task 2 %q / %q", t2.Units, t2.CoUnits)
	}
	if t2.Chapter != "二、依法全面履行政府职能" || p.Tasks[2].No != 3 || p.Tasks[2].Chapter != "三、健全依法决策机制" {
		t.Errorf("chapters %q %q", t2.Chapter, p.Tasks[2].Chapter)
	}
	if !p.Truncated || hasWarning(p, "处责任单位标注") {
		t.Errorf("truncated %v warnings %q", p.Truncated, p.Warnings)
	}
}

func TestParseBracketVariants(t *testing.T) {
	text := `某县法治政府建设实施方案
一、健全政府机构职能体系
（一）推进机构职能优化。完善机构设置。（牵头单位：县委编办；配合单位：县司法局、县财政局及各乡镇人民政府）
(二)深化“放管服”改革。推行告知承诺制。(责任单位:县政务服务中心,县市场监管局以及县政府有关部门按照职责分工分别负责)
（三）加强党校培训。开展专题培训。（县委党校（行政学院）牵头，县委组织部、县司法局配合）
（四）强化执法监督。建立执法监督机制。
（责任单位：县司法局、县人大及其常委会）
（五）完善应急体系。修订应急预案。（责任单位：县应急局【按职责分工负责】）`
	p := mustParse(t, text)
	want := []struct{ units, co []string }{
		{[]string{"县委编办"}, []string{"县司法局", "县财政局", "各乡镇人民政府"}},
		{[]string{"县政务服务中心", "县市场监管局", "县政府有关部门"}, []string{}},
		{[]string{"县委党校（行政学院）"}, []string{"县委组织部", "县司法局"}},
		{[]string{"县司法局", "县人大及其常委会"}, []string{}},
		{[]string{"县应急局"}, []string{}},
	}
	if len(p.Tasks) != len(want) {
		t.Fatalf("tasks %d: %+v", len(p.Tasks), p.Tasks)
	}
	for i, w := range want {
		task := p.Tasks[i]
		if !reflect.DeepEqual(task.Units, w.units) || !reflect.DeepEqual(task.CoUnits, w.co) {
			t.Errorf("task %d: %q / %q", i+1, task.Units, task.CoUnits)
		}
		if strings.ContainsAny(task.Body, "（(") {
			t.Errorf("task %d body keeps the unit list: %q", i+1, task.Body)
		}
	}
	if p.Tasks[0].Title != "推进机构职能优化" || p.Tasks[0].Body != "完善机构设置。" {
		t.Errorf("task 1 title %q body %q", p.Tasks[0].Title, p.Tasks[0].Body)
	}
	if len(p.Warnings) != 0 || p.Truncated {
		t.Errorf("warnings %q truncated %v", p.Warnings, p.Truncated)
	}
}

// Deadlines written inside the unit list or on a 完成时限 line are kept.
func TestParseDeadlineLabels(t *testing.T) {
	text := `某县2023年法治政府建设工作要点
一、主要任务
1.开展规范性文件清理。（牵头单位：县司法局；配合单位：县政府各部门；完成时限：9月底前）
2.推行行政执法公示。
【责任单位】县司法局
完成时限：2023年12月31日前`
	p := mustParse(t, text)
	if len(p.Tasks) != 2 || len(p.Warnings) != 0 {
		t.Fatalf("tasks %+v warnings %q", p.Tasks, p.Warnings)
	}
	t1, t2 := p.Tasks[0], p.Tasks[1]
	if !reflect.DeepEqual(t1.CoUnits, []string{"县政府各部门"}) || len(t1.Deadlines) != 1 || t1.Deadlines[0].Date != "2023-09-30" {
		t.Errorf("task 1: %q %+v", t1.CoUnits, t1.Deadlines)
	}
	if !reflect.DeepEqual(t2.Units, []string{"县司法局"}) || len(t2.Deadlines) != 1 || t2.Deadlines[0].Date != "2023-12-31" || t2.Body != "" {
		t.Errorf("task 2: %q %+v body %q", t2.Units, t2.Deadlines, t2.Body)
	}
}

// Sub-points "1. 2." inside an item stay in its body when the unit list
// closes the item, not each sub-point.
func TestParseSubPointsStayInBody(t *testing.T) {
	text := `一、主要任务
(一)健全决策机制。
1.完善决策程序。
2.推行决策目录。
3.开展后评估。(责任单位:县政府办公室)
(二)规范执法行为。
1.落实三项制度。
2.推行柔性执法。(责任单位:县司法局)
(三)加强政务公开。(责任单位:县政府办公室)`
	p := mustParse(t, text)
	if len(p.Tasks) != 3 || p.Tasks[0].Title != "健全决策机制" {
		t.Fatalf("tasks %+v", p.Tasks)
	}
	if want := "1.完善决策程序。\n2.推行决策目录。\n3.开展后评估。"; p.Tasks[0].Body != want {
		t.Errorf("body %q", p.Tasks[0].Body)
	}
}

// "1." tasks under "(一)" sections under "一、" chapters: Section is kept.
func TestParseThreeLevels(t *testing.T) {
	text := `某区2024年法治政府建设工作要点
一、依法全面履行政府职能
（一）深化行政审批改革
1.推进证照分离改革。3月底前完成事项梳理。（责任单位：区市场监管局）
2.推行告知承诺制。（责任单位：区政务服务中心）
（二）优化营商环境
1.开展公平竞争审查。每半年通报一次。（责任单位：区市场监管局）
二、推进严格规范公正文明执法
（一）规范执法程序
1.落实行政执法三项制度。（责任单位：区司法局）`
	p := mustParse(t, text)
	if len(p.Tasks) != 4 || len(p.Chapters) != 2 || len(p.Warnings) != 0 {
		t.Fatalf("tasks %d chapters %d warnings %q", len(p.Tasks), len(p.Chapters), p.Warnings)
	}
	t3 := p.Tasks[2]
	if t3.No != 1 || t3.Section != "（二）优化营商环境" || t3.Chapter != "一、依法全面履行政府职能" {
		t.Errorf("task 3: %+v", t3)
	}
	if d := p.Tasks[0].Deadlines; len(d) != 1 || d[0].Date != "2024-03-31" {
		t.Errorf("task 1 deadlines %+v", d)
	}
	if d := t3.Deadlines; len(d) != 1 || d[0].Period != PeriodHalfYear {
		t.Errorf("task 3 deadlines %+v", d)
	}
}

// Items on their own heading line, body on the next lines, no units at all.
func TestParseHeadingsOwnLineNoUnits(t *testing.T) {
	text := `某自治区法治政府建设实施方案
一、健全政府机构职能体系
(一)推进政府机构职能优化协同高效
继续优化政府组织结构。
到2025年基本建立权责清单制度。
(二)深入推进“放管服”改革
持续推进行政审批制度改革。
二、健全依法行政制度体系
(一)加强重要领域立法
积极推进重点领域立法。`
	p := mustParse(t, text)
	if len(p.Tasks) != 3 || len(p.Warnings) != 0 {
		t.Fatalf("tasks %d warnings %q", len(p.Tasks), p.Warnings)
	}
	t1 := p.Tasks[0]
	if t1.Title != "推进政府机构职能优化协同高效" || t1.Body != "继续优化政府组织结构。\n到2025年基本建立权责清单制度。" {
		t.Errorf("task 1: %q / %q", t1.Title, t1.Body)
	}
	if len(t1.Units) != 0 || t1.DeadlinePhrases()[0] != "到2025年" {
		t.Errorf("task 1 units %q deadlines %q", t1.Units, t1.DeadlinePhrases())
	}
}

func TestParseCutInsideUnitList(t *testing.T) {
	text := `一、主要任务
(一)推进严格执法。加强执法监督。(责任单位:县司法局、县公安局)
(二)推进政务公开。完善公开制度。(责任单位:县政府办公室、县数据`
	p := mustParse(t, text)
	if !p.Truncated || len(p.Tasks) != 2 || !hasWarning(p, "缺少右括号") {
		t.Fatalf("truncated %v tasks %d warnings %q", p.Truncated, len(p.Tasks), p.Warnings)
	}
	if got := p.Tasks[1].Units; !reflect.DeepEqual(got, []string{"县政府办公室", "县数据"}) {
		t.Errorf("units %q", got)
	}
}

// The text stops after a task body, before the unit list every other task has.
func TestParseCutBeforeUnitList(t *testing.T) {
	text := `一、主要任务
(一)推进严格执法。加强执法监督。(责任单位:县司法局)
(二)推进政务公开。完善公开制度。(责任单位:县政府办公室)
(三)推进诚信建设。健全守信践诺机制。`
	p := mustParse(t, text)
	if !p.Truncated || !hasWarning(p, "最后一项任务(三)缺少责任单位") {
		t.Errorf("truncated %v warnings %q", p.Truncated, p.Warnings)
	}
}

// A closing signature and date after the last task are not a cut-off.
func TestParseSignatureNotTruncated(t *testing.T) {
	text := `某县法治政府建设工作要点
一、主要任务
(一)推进严格执法。加强执法监督。(责任单位:县司法局)
(二)推进政务公开。完善公开制度。(责任单位:县政府办公室)

某县人民政府
2023年3月1日
（此件公开发布）`
	p := mustParse(t, text)
	if p.Truncated || len(p.Warnings) != 0 || len(p.Tasks) != 2 {
		t.Errorf("truncated %v warnings %q tasks %d", p.Truncated, p.Warnings, len(p.Tasks))
	}
	if strings.Contains(p.Tasks[1].Body, "2023") || len(p.Tasks[1].Deadlines) != 0 {
		t.Errorf("signature date leaked into task: %+v", p.Tasks[1])
	}
}

func TestParseNumberingGapWarning(t *testing.T) {
	text := `一、主要任务
(一)甲。(责任单位:县司法局)
(二)乙。(责任单位:县司法局)
(四)丁。(责任单位:县司法局)`
	p := mustParse(t, text)
	if !hasWarning(p, "编号不连续：(二)之后是(四)") {
		t.Errorf("warnings %q", p.Warnings)
	}
}

func TestParseWarningsCapped(t *testing.T) {
	p := mustParse(t, "某县工作要点\n一、任务\n"+strings.Repeat("(一)甲。(责任单位:县司法局)\n", 200))
	if len(p.Warnings) != maxWarnings+1 || p.Warnings[maxWarnings] != "另有149条提示未列出" {
		t.Errorf("%d warnings, last %q", len(p.Warnings), p.Warnings[len(p.Warnings)-1])
	}
}

// Large uploads stay linear: 20 chapters of 999 tasks, each with a unit list.
func TestParseLargeInput(t *testing.T) {
	var b strings.Builder
	b.WriteString("某县工作要点\n")
	for ch := 1; ch <= 20; ch++ {
		fmt.Fprintf(&b, "%s、任务\n", chineseNumeral(ch))
		for i := 1; i <= 999; i++ {
			fmt.Fprintf(&b, "%d.推进工作。每年开展。(牵头单位:县司法局;配合单位:县公安局及各乡镇)\n", i)
		}
	}
	p := mustParse(t, b.String())
	if len(p.Tasks) != 19980 || p.Tasks[19979].No != 999 || len(p.Chapters) != 20 || len(p.Warnings) != 0 {
		t.Errorf("tasks %d warnings %q", len(p.Tasks), p.Warnings)
	}
}

// A plan whose only numbering is the task level (no chapters).
func TestParseNoChapters(t *testing.T) {
	text := `1.建立法律顾问制度。（牵头单位：县司法局）
2.推行行政执法公示。每月公示一次。（牵头单位：县司法局；配合单位：各执法部门）`
	p := mustParse(t, text)
	if len(p.Chapters) != 0 || len(p.Tasks) != 2 || p.Tasks[1].Chapter != "" {
		t.Fatalf("chapters %d tasks %+v", len(p.Chapters), p.Tasks)
	}
	if got := p.Tasks[1].CoUnits; !reflect.DeepEqual(got, []string{"各执法部门"}) {
		t.Errorf("co units %q", got)
	}
	if !hasWarning(p, "未识别到文件标题") {
		t.Errorf("warnings %q", p.Warnings)
	}
}

func TestParseNoStructure(t *testing.T) {
	if _, err := ParseText("这是一段没有编号的文字。\n第二段。"); !errors.Is(err, ErrNoStructure) {
		t.Errorf("err = %v", err)
	}
}

func TestParseHeading(t *testing.T) {
	cases := []struct {
		in           string
		rank, num    int
		marker, rest string
		ok           bool
	}{
		{"一、总体要求", rankChapter, 1, "一、", "总体要求", true},
		{"十二、加强领导", rankChapter, 12, "十二、", "加强领导", true},
		{"（三十九）加强宣传。", rankItem, 39, "（三十九）", "加强宣传。", true},
		{"( 二 ) 基本原则", rankItem, 2, "( 二 )", "基本原则", true},
		{"12.完善制度", rankPoint, 12, "12.", "完善制度", true},
		{"３、完善制度", rankPoint, 3, "３、", "完善制度", true},
		{"(3)细化标准", rankSub, 3, "(3)", "细化标准", true},
		{"②建立台账", rankCircled, 2, "②", "建立台账", true},
		{"第二部分 主要任务", rankPart, 2, "第二部分", "主要任务", true},
		{"1.5亿元用于建设", 0, 0, "", "", false},
		{"2022年底前完成", 0, 0, "", "", false},
		{"一是加强领导", 0, 0, "", "", false},
	}
	for _, c := range cases {
		h, ok := parseHeading(c.in)
		if ok != c.ok || (ok && (h.rank != c.rank || h.num != c.num || h.marker != c.marker || h.rest != c.rest)) {
			t.Errorf("parseHeading(%q) = %+v, %v", c.in, h, ok)
		}
	}
}

func TestParseChineseNumber(t *testing.T) {
	cases := map[string]int{"一": 1, "十": 10, "十一": 11, "二十": 20, "三十九": 39, "一百零一": 101, "两": 2}
	for in, want := range cases {
		if got, ok := parseChineseNumber(in); !ok || got != want {
			t.Errorf("%s = %d, %v", in, got, ok)
		}
	}
	if _, ok := parseChineseNumber("甲"); ok {
		t.Error("甲 parsed")
	}
}
