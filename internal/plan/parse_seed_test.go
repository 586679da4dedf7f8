package plan

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func parseFixture(t *testing.T, name string) ParsedPlan {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseBytes(data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return p
}

func taskNo(t *testing.T, p ParsedPlan, no int) ParsedTask {
	t.Helper()
	for _, task := range p.Tasks {
		if task.No == no {
			return task
		}
	}
	t.Fatalf("task %d not found", no)
	return ParsedTask{}
}

// Seed 003 numbers 39 items (一)…(三十九) on across chapters. All are
// tasks; (一)指导思想, (二)基本原则 and (三)总体目标 carry no units and are
// flagged framing.
func TestParseSeedZhangye(t *testing.T) {
	p := parseFixture(t, "zhangye_2021_2025.txt")
	if p.Title != "张掖市法治政府建设实施方案(2021-2025年)" || p.Year != 0 {
		t.Errorf("title %q year %d", p.Title, p.Year)
	}
	if len(p.Chapters) != 10 || p.Chapters[6].Heading != "七、健全社会矛盾纠纷行政预防调处化解体系,不断促进社会公平正义" {
		t.Errorf("chapters: %d %+v", len(p.Chapters), p.Chapters)
	}
	if len(p.Tasks) != 39 || p.Truncated {
		t.Fatalf("tasks %d truncated %v", len(p.Tasks), p.Truncated)
	}
	for i, task := range p.Tasks {
		framing := i < 3
		if task.No != i+1 || task.Seq != i+1 || task.Framing != framing || (len(task.Units) == 0) != framing {
			t.Errorf("task %d: no %d seq %d framing %v units %v", i, task.No, task.Seq, task.Framing, task.Units)
		}
	}
	var framing []string
	for _, f := range p.Tasks[:3] {
		framing = append(framing, f.Marker+f.Title)
	}
	if want := []string{"(一)指导思想", "(二)基本原则", "(三)总体目标"}; !reflect.DeepEqual(framing, want) {
		t.Errorf("framing %v", framing)
	}
	t1 := p.Tasks[0]
	if t1.Chapter != p.Chapters[0].Heading || t1.Units == nil || len(t1.Units)+len(t1.CoUnits) != 0 {
		t.Errorf("task 1: chapter %q units %#v co %#v", t1.Chapter, t1.Units, t1.CoUnits)
	}
	if p.FramingCount() != 3 || p.UnitCount() != 36 {
		t.Errorf("framing %d with units %d", p.FramingCount(), p.UnitCount())
	}
	want := []string{"任务(二十七)有2处责任单位标注，已合并（第98行）"}
	if !reflect.DeepEqual(p.Warnings, want) {
		t.Errorf("warnings %q", p.Warnings)
	}
}

func TestParseSeedZhangyeTasks(t *testing.T) {
	p := parseFixture(t, "zhangye_2021_2025.txt")
	cases := []struct {
		no        int
		title     string
		units     []string
		deadlines []string
		line      int
	}{
		{4, "优化政府职能", []string{"市委编办", "市政府办公室", "市政府其他部门", "各县区政府"}, nil, 40},
		{11, "完善地方立法工作机制", []string{"市人大常委会法工委", "市司法局", "市政府其他部门", "各县区人大常委会和政府"}, nil, 56},
		{25, "发挥行政复议化解行政争议主渠道作用", []string{"市司法局", "市检察院", "市委编办", "市政府有关部门", "各县区政府"}, []string{"2022年年底前"}, 92},
		{29, "加强对行政执法制约和监督", []string{"市司法局", "市政府其他部门", "各县区政府"}, []string{"2024年年底前"}, 104},
		{30, "全面主动落实政务公开", []string{"市政府办公室", "市政府政务服务中心", "市政府其他部门", "各县区政府"}, []string{"2023年"}, 106},
		{32, "加快推进信息化平台建设", []string{"市政府办公室", "市政府政务服务中心", "市发展改革委", "市政府其他部门", "各县区政府"}, nil, 112},
		{36, "完善法治政府建设推进机制", []string{"市委依法治市办", "市委组织部", "市纪委监委机关", "各县区党委法治建设议事协调机构", "各县区党委和政府"}, []string{"2025年前", "每年度"}, 122},
		{38, "加强政府法治工作队伍建设", []string{"市司法局", "市政府有关部门", "各县区党委和政府"}, []string{"每年"}, 126},
		{39, "加强理论研究和舆论宣传", []string{"市委依法治市办", "市委宣传部", "市教育局", "市委党校(行政学院)", "市法学会", "市律师协会", "河西学院", "市政府其他部门", "各县区政府"}, nil, 128},
	}
	for _, c := range cases {
		task := taskNo(t, p, c.no)
		if task.Title != c.title || !reflect.DeepEqual(task.Units, c.units) || len(task.CoUnits) != 0 || task.Line != c.line {
			t.Errorf("task %d: %q %q co %q line %d", c.no, task.Title, task.Units, task.CoUnits, task.Line)
		}
		if got := task.DeadlinePhrases(); !reflect.DeepEqual(got, orEmptyStrings(c.deadlines)) {
			t.Errorf("task %d deadlines %q, want %q", c.no, got, c.deadlines)
		}
	}
	t25 := taskNo(t, p, 25)
	if t25.Chapter != p.Chapters[6].Heading || t25.Deadlines[0].Date != "2022-12-31" {
		t.Errorf("task 25 chapter %q deadline %+v", t25.Chapter, t25.Deadlines)
	}
	t36 := taskNo(t, p, 36)
	if t36.Deadlines[0].Date != "2025-12-31" || t36.Deadlines[1].Kind != Recurring || t36.Deadlines[1].Period != PeriodYear {
		t.Errorf("task 36 deadlines %+v", t36.Deadlines)
	}
	if t4 := taskNo(t, p, 4); !strings.HasPrefix(t4.Body, "完善政府机构设置") || strings.Contains(t4.Body, "责任单位") {
		t.Errorf("task 4 body %q", t4.Body)
	}
}

// Task 27 has a second paragraph with its own unit list; the closing
// paragraph after task 39 has none and is not part of the task.
func TestParseSeedZhangyeParagraphs(t *testing.T) {
	p := parseFixture(t, "zhangye_2021_2025.txt")
	t27 := taskNo(t, p, 27)
	if !strings.Contains(t27.Body, "\n坚持严管和厚爱结合") || strings.Contains(t27.Body, "责任单位") {
		t.Errorf("task 27 body %q", t27.Body)
	}
	wantUnits := []string{"市纪委监委机关", "市委办公室", "市人大常委会办公室", "市政府办公室", "市政协办公室",
		"市委宣传部", "市中级人民法院", "市检察院", "市司法局", "市财政局", "市审计局", "市统计局",
		"市政府有关部门", "各县区党委和政府", "市委组织部", "市政府其他部门"}
	if !reflect.DeepEqual(t27.Units, wantUnits) {
		t.Errorf("task 27 units %q", t27.Units)
	}
	if t39 := taskNo(t, p, 39); strings.Contains(t39.Body, "全面准确贯彻实施方案要求") {
		t.Errorf("closing paragraph kept in task 39: %q", t39.Body)
	}
	if f3 := p.Tasks[2]; len(f3.Deadlines) != 2 || f3.Deadlines[0].Phrase != "到2025年" {
		t.Errorf("总体目标 deadlines %+v", f3.Deadlines)
	}
}

// Seed 001 has no unit lists and restarts (一) in every chapter; its 16
// numbered items are all tasks, the three of 一、总体要求 flagged framing.
func TestParseSeedTonglu(t *testing.T) {
	p := parseFixture(t, "tonglu_2018_2020.txt")
	if p.Title != "桐庐县深化法治政府建设实施意见(2018-2020年)" {
		t.Errorf("title %q", p.Title)
	}
	if len(p.Chapters) != 3 || p.FramingCount() != 3 || len(p.Tasks) != 16 || p.Truncated || len(p.Warnings) != 0 {
		t.Fatalf("chapters %d framing %d tasks %d truncated %v warnings %q",
			len(p.Chapters), p.FramingCount(), len(p.Tasks), p.Truncated, p.Warnings)
	}
	for i, task := range p.Tasks {
		if task.Framing != (i < 3) {
			t.Errorf("task %d %s: framing %v", i, task.Title, task.Framing)
		}
	}
	var nos []int
	for _, task := range p.Tasks {
		nos = append(nos, task.No)
		if len(task.Units) != 0 || task.Units == nil {
			t.Errorf("task %s units %#v", task.Marker, task.Units)
		}
	}
	if want := []int{1, 2, 3, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5}; !reflect.DeepEqual(nos, want) {
		t.Errorf("numbers %v", nos)
	}
	t5 := p.Tasks[7]
	if t5.Title != "坚持规范公正文明执法" || !reflect.DeepEqual(t5.DeadlinePhrases(), []string{"2018年底前", "2020年"}) {
		t.Errorf("task 二(五): %q %q", t5.Title, t5.DeadlinePhrases())
	}
	duty := p.Tasks[12]
	if duty.Chapter != "三、组织保障和落实机制" || !reflect.DeepEqual(duty.DeadlinePhrases(), []string{"每年", "每年第一季度"}) {
		t.Errorf("task 三(二): %q %q", duty.Chapter, duty.DeadlinePhrases())
	}
	if duty.Deadlines[1].Due != "Q1" {
		t.Errorf("每年第一季度 due %q", duty.Deadlines[1].Due)
	}
	if last := p.Tasks[15]; strings.Contains(last.Body, "附件") {
		t.Errorf("attachment line kept in body: %q", last.Body)
	}
}

func orEmptyStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
