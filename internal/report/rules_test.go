package report

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"fazhi/internal/org"
)

func TestSegmentsAndPlain(t *testing.T) {
	figs := Figures{
		"review.received": {Key: "review.received", Name: "行政复议新收案件", Known: true, Number: 86},
		"enforce.mobile":  {Key: "enforce.mobile", Name: "掌上执法率", Known: true, Number: 98.38},
		"litigation.lost": {Key: "litigation.lost", Name: "行政诉讼败诉案件", Known: true, Number: 0},
		"open.proactive":  {Key: "open.proactive", Name: "主动公开政府信息", Known: false},
	}
	cases := []struct {
		in, plain string
		keys      []string
	}{
		{"新收〔review.received〕件", "新收86件", []string{"review.received"}},
		{"掌上执法率〔enforce.mobile〕%，败诉〔litigation.lost〕件", "掌上执法率98.38%，败诉0件", []string{"enforce.mobile", "litigation.lost"}},
		{"文号清政发〔2026〕3号不是数据", "文号清政发〔2026〕3号不是数据", nil},
		{"见任务〔task:12〕和考核〔assess:3〕", "见任务和考核", nil},
		{"公开〔open.proactive〕条", "公开【主动公开政府信息：暂无数据】条", []string{"open.proactive"}},
		{"〔no.such〕", "【数据项no.such不存在】", []string{"no.such"}},
		{"〔Task:1〕〔task:0〕〔review〕", "〔Task:1〕〔task:0〕〔review〕", nil},
	}
	for _, c := range cases {
		if got := Plain(c.in, figs); got != c.plain {
			t.Errorf("Plain(%q) = %q, want %q", c.in, got, c.plain)
		}
		if got := Keys(c.in); !reflect.DeepEqual(got, c.keys) {
			t.Errorf("Keys(%q) = %v, want %v", c.in, got, c.keys)
		}
	}
	segs := Segments("见〔task:12〕。")
	if len(segs) != 3 || segs[1].RefKind != RefTask || segs[1].RefID != 12 || RefLink(segs[1].RefKind, 12) != "/tasks/12" {
		t.Fatalf("task segment: %+v", segs)
	}
}

func TestCheckSection(t *testing.T) {
	figs := Figures{"review.received": {Known: true, Number: 1}}
	cases := []struct {
		heading, body string
		headed        bool
		want          string // "" ok, else part of the message
	}{
		{"坚持严格规范公正文明执法", "新收〔review.received〕件", true, ""},
		{"", "导语没有标题", false, ""},
		{"", "正文", true, "请填写本节标题"},
		{"标题", "第一段\n引用〔enforce.nothing〕", true, "第 2 段引用的数据项〔enforce.nothing〕不存在"},
		{strings.Repeat("长", 61), "x", true, "标题不能超过"},
		{"a\nb", "x", true, "标题不能换行"},
		{"标题", strings.Repeat("字", 20001), true, "正文不能超过"},
	}
	for _, c := range cases {
		err := CheckSection(c.heading, c.body, figs, c.headed)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: unexpected %v", c.body, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrInvalid)):
			t.Errorf("%q: got %v, want %q", c.body, err, c.want)
		}
	}
}

func TestAreaForGroupAndTask(t *testing.T) {
	groups := map[string]string{
		"行政执法": "enforce", "规范性文件": "normdoc", "合同与决策": "decision", "法律顾问与公职律师": "decision",
		"行政复议与应诉": "review", "矛盾纠纷化解": "dispute", "政务公开": "open", "学法培训": "training",
		"建议提案": "oversight", "规划督办": "lead",
		// groups other capabilities may register later
		"执法监督": "enforce", "行政检查": "enforce", "信息公开申请": "open", "普法宣传": "training", "天气": "other",
	}
	for g, want := range groups {
		if got := AreaForGroup(g); got != want {
			t.Errorf("AreaForGroup(%q) = %s, want %s", g, got, want)
		}
	}
	tasks := []struct{ chapter, title, want string }{
		{"三、健全依法行政制度体系", "加强行政规范性文件备案审查", "normdoc"},
		{"四、健全重大行政决策机制", "推行重大行政决策目录管理", "decision"},
		{"五、深化行政执法体制改革", "全面推行行政执法三项制度", "enforce"},
		{"七、依法有效化解社会矛盾纠纷", "发挥行政复议化解行政争议主渠道作用", "review"},
		{"七、依法有效化解社会矛盾纠纷", "健全人民调解组织网络", "dispute"},
		{"", "深化“放管服”改革", "functions"},
		{"十、加强组织保障", "落实年度报告制度", "lead"},
	}
	for _, c := range tasks {
		if got := AreaForTask(c.chapter, c.title); got != c.want {
			t.Errorf("AreaForTask(%q, %q) = %s, want %s", c.chapter, c.title, got, c.want)
		}
	}
}

func TestSentencesSkipUnknownButKeepZero(t *testing.T) {
	known := func(n float64) Figure { return Figure{Known: true, Number: n} }
	cases := []struct {
		name string
		figs Figures
		want string
	}{
		{"all", Figures{"normdoc.cleaned": known(213), "normdoc.clean_kept": known(144), "normdoc.clean_repealed": known(67),
			"normdoc.clean_amended": known(2)},
			"全年清理行政规范性文件〔normdoc.cleaned〕件，其中拟继续有效〔normdoc.clean_kept〕件、拟废止〔normdoc.clean_repealed〕件、拟修改〔normdoc.clean_amended〕件。"},
		{"zero kept", Figures{"normdoc.cleaned": known(5), "normdoc.clean_amended": known(0)},
			"全年清理行政规范性文件〔normdoc.cleaned〕件，其中拟修改〔normdoc.clean_amended〕件。"},
		{"no total", Figures{"normdoc.clean_repealed": known(3)}, "经清理，拟废止〔normdoc.clean_repealed〕件。"},
		{"unknown", Figures{"normdoc.cleaned": {Known: false}}, ""},
	}
	s := areaSentences["normdoc"][1]
	for _, c := range cases {
		if got := s.render(c.figs); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestFigureParagraphPicksUpNewMetricsByGroup(t *testing.T) {
	figs := Figures{
		"enforce.penalties":      {Key: "enforce.penalties", Group: "行政执法", Known: true, Number: 457},
		"enforce.publicity_rate": {Key: "enforce.publicity_rate", Name: "处罚决定公示及时率", Unit: "%", Group: "行政执法", Known: true, Number: 99.5},
		"enforce.hearings":       {Key: "enforce.hearings", Name: "听证", Unit: "件", Group: "行政执法", Known: false},
		"review.received":        {Key: "review.received", Group: "行政复议与应诉", Known: true, Number: 3},
	}
	order := []string{"enforce.penalties", "enforce.publicity_rate", "enforce.hearings", "review.received"}
	got := figureParagraph("enforce", figs, order)
	want := "全年办理行政处罚案件〔enforce.penalties〕件。此外，处罚决定公示及时率〔enforce.publicity_rate〕%。"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if p := figureParagraph("functions", figs, order); p != "" {
		t.Fatalf("an area without figures wrote %q", p)
	}
}

func TestDraftStructure(t *testing.T) {
	in := Input{UnitName: "海曙区人民政府", Year: 2020,
		Figures: Figures{"review.received": {Key: "review.received", Group: "行政复议与应诉", Known: true, Number: 86},
			"advice.judicial_rate": {Key: "advice.judicial_rate", Known: true, Number: 80},
			"plan.overdue_count":   {Key: "plan.overdue_count", Known: true, Number: 1}},
		Progress: []Progress{{TaskID: 7, PlanTitle: "法治政府建设实施方案", Chapter: "三、健全依法行政制度体系", Marker: "9",
			Title: "开展规范性文件清理", Entries: []ProgressEntry{{UnitName: "司法局", Period: "2020年度", Body: "完成清理。", Figures: []string{"清理文件213件"}}}},
			{TaskID: 8, PlanTitle: "法治政府建设实施方案", Title: "党政主要负责人述法", Entries: []ProgressEntry{{UnitName: "区政府", Body: "4个单位集中述法"}}}},
		Overdue: []TaskRef{{TaskID: 9, Title: "建设执法监督平台"}},
		Next:    []TaskRef{{TaskID: 10, PlanTitle: "实施方案", Title: "编制权责清单", Due: "2021-06-30"}},
		Weak:    []WeakIndicator{{RoundID: 3, RoundTitle: "2020年度考核", Name: "掌上执法率", Units: 2}},
	}
	secs := Draft(in)
	byKey := map[string]Drafted{}
	var keys []string
	for _, s := range secs {
		byKey[s.Key] = s
		keys = append(keys, s.Key)
	}
	if keys[0] != KeyIntro || keys[len(keys)-1] != KeyPlans || byKey["a.other"].Key != "" {
		t.Fatalf("sections: %v", keys)
	}
	checks := map[string][]string{
		"a.review":    {"新收行政复议案件〔review.received〕件"},
		"a.normdoc":   {"开展规范性文件清理", "完成清理（清理文件213件）", "〔task:7〕"},
		"a.functions": {"【请补充本方面的主要举措和成效】"},
		KeyDuty:       {"4个单位集中述法", "〔task:8〕", "【请补充"},
		KeyIssues:     {"司法建议办复率为〔advice.judicial_rate〕%", "〔plan.overdue_count〕项任务逾期", "〔task:9〕", "“掌上执法率”（2个单位失分）", "〔assess:3〕"},
		KeyPlans:      {"2021年", "一是按照《实施方案》要求，完成“编制权责清单”（2021年6月30日前）〔task:10〕", "抓紧推进逾期"},
	}
	for key, wants := range checks {
		for _, w := range wants {
			if !strings.Contains(byKey[key].Body, w) {
				t.Errorf("%s lacks %q:\n%s", key, w, byKey[key].Body)
			}
		}
	}
	if strings.Contains(byKey["a.lead"].Body, "述法") {
		t.Error("a 第一责任人 task went to part 一")
	}
}

func TestAllowed(t *testing.T) {
	cases := []struct {
		st   Status
		act  Action
		want bool
	}{
		{StatusDraft, ActEdit, true}, {StatusSubmitted, ActEdit, true}, {StatusPublished, ActEdit, false},
		{StatusDraft, ActSubmit, true}, {StatusSubmitted, ActSubmit, false},
		{StatusDraft, ActPublish, false}, {StatusSubmitted, ActPublish, true}, {StatusPublished, ActPublish, false},
		{StatusPublished, ActWithdraw, true}, {StatusSubmitted, ActWithdraw, false},
	}
	for _, c := range cases {
		err := Allowed(c.st, c.act)
		if (err == nil) != c.want || (err != nil && !errors.Is(err, ErrConflict)) {
			t.Errorf("%s %s: %v", c.st, c.act, err)
		}
	}
}

func TestCheckSubmit(t *testing.T) {
	today := time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		on, to string
		ok     bool
	}{
		{"2021-02-20", "区委、市政府", true},
		{"2021-03-05", "区委", true},
		{"2021-03-06", "区委", false}, // future
		{"2020-12-31", "区委", false}, // before the year ended
		{"2021/02/20", "区委", false},
		{"2021-02-20", " ", false},
	}
	for _, c := range cases {
		if err := CheckSubmit(2020, c.on, c.to, today); (err == nil) != c.ok {
			t.Errorf("%s %q: %v", c.on, c.to, err)
		}
	}
}

func TestDefaultAddressee(t *testing.T) {
	cases := []struct {
		level          org.Level
		region, parent string
		want           string
	}{
		{org.LevelGovernment, "海曙区", "宁波市", "中共海曙区委、海曙区人大常委会、宁波市人民政府："},
		{org.LevelDepartment, "清溪县", "云岭市", "中共清溪县委、清溪县人民政府："},
		{org.LevelTownship, "白石镇", "清溪县", "中共清溪县委、清溪县人民政府："},
		{org.LevelGovernment, "清溪县", "", "中共清溪县委、清溪县人大常委会："},
		{org.LevelDepartment, "", "", ""},
	}
	for _, c := range cases {
		if got := DefaultAddressee(c.level, c.region, c.parent); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.level, c.region, got, c.want)
		}
	}
}

func TestDiff(t *testing.T) {
	old := "第一段不变\n全年新收86件\n删除的段落"
	cur := "第一段不变\n全年新收90件，办结79件\n新增的段落"
	d := Diff(old, cur)
	if len(d) != 3 || d[0].Op != OpSame || d[1].Op != OpChanged || d[2].Op != OpChanged {
		t.Fatalf("diff: %+v", d)
	}
	var ins, del string
	for _, s := range d[1].Spans {
		switch s.Op {
		case OpIns:
			ins += s.Text
		case OpDel:
			del += s.Text
		}
	}
	if del != "86" || ins != "90，办结79件" {
		t.Fatalf("changed paragraph: del %q ins %q (%+v)", del, ins, d[1].Spans)
	}
	if d := Diff("a\nb", "a\nb\nc"); len(d) != 3 || d[2].Op != OpIns || d[2].Spans[0].Text != "c" {
		t.Fatalf("added paragraph: %+v", d)
	}
	if d := Diff("a\nb", "b"); len(d) != 2 || d[0].Op != OpDel {
		t.Fatalf("removed paragraph: %+v", d)
	}
}

func TestCheckMonthDay(t *testing.T) {
	for v, ok := range map[string]bool{"03-01": true, "04-01": true, "02-29": false, "3-1": false, "13-01": false, "": false} {
		if err := CheckMonthDay(v); (err == nil) != ok {
			t.Errorf("%q: %v", v, err)
		}
	}
}

func TestCnNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 11: "十一", 20: "二十", 23: "二十三"} {
		if got := cnNumber(n); got != want {
			t.Errorf("%d: %s", n, got)
		}
	}
}
