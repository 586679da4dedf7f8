package report

import (
	"slices"
	"strings"
)

// sentence is a template for one sentence of an area's figures. Each part
// cites figures; a part is kept only when every figure it cites has data
// (a figure known to be 0 is written as 0), and the sentence is left out
// when no part is kept. Then is a follow-up (其中 …) joined to it, or led
// by ThenAlone when the main parts were all left out.
type sentence struct {
	Lead      string
	Parts     []string
	Sep       string // between parts; "，" when empty
	Then      *sentence
	ThenAlone string
}

// areaSentences are the figure sentences of each area, in the wording and
// order of the seeds' reports.
var areaSentences = map[string][]sentence{
	"lead": {
		{Parts: []string{"法治政府建设规划任务完成率〔plan.completion_rate〕%", "按时完成率〔plan.on_time_rate〕%"}},
	},
	"normdoc": {
		{Lead: "全年", Parts: []string{"制定行政规范性文件〔normdoc.issued〕件", "经合法性审核〔normdoc.reviewed〕件",
			"报送备案〔normdoc.filed〕件", "报备率〔normdoc.filing_rate〕%"}},
		{Lead: "全年", Parts: []string{"清理行政规范性文件〔normdoc.cleaned〕件"},
			Then: &sentence{Lead: "其中", Sep: "、", Parts: []string{"拟继续有效〔normdoc.clean_kept〕件",
				"拟废止〔normdoc.clean_repealed〕件", "拟修改〔normdoc.clean_amended〕件"}}, ThenAlone: "经清理，"},
	},
	"decision": {
		{Lead: "全年", Parts: []string{"纳入重大行政决策事项目录管理并公布〔decision.catalogued〕项",
			"重大行政决策提交集体讨论前经合法性审查〔decision.reviewed〕件", "开展决策后评估〔decision.evaluated〕项"}},
		{Lead: "全年", Parts: []string{"对行政机关合同开展合法性审查〔contract.reviewed〕件次", "审查后报送备案〔contract.filed〕件"}},
		{Lead: "目前共有", Sep: "、", Parts: []string{"政府部门法律顾问〔counsel.dept〕人", "乡镇（街道）法律顾问〔counsel.town〕人",
			"村（社区）法律顾问〔counsel.village〕人", "公职律师〔counsel.public_lawyer〕人"}},
		{Parts: []string{"法律顾问配置率达到〔counsel.coverage〕%"}},
	},
	"enforce": {
		{Parts: []string{"年末持证执法人员〔enforce.officers〕人", "确认并公告行政执法主体〔enforce.subjects〕个"}},
		{Lead: "全年", Parts: []string{"实施行政检查〔enforce.inspections〕户次", "掌上执法率〔enforce.mobile_rate〕%",
			"“双随机”任务完成率〔enforce.random_rate〕%", "事件处置率〔enforce.disposal_rate〕%"}},
		{Lead: "全年", Parts: []string{"办理行政处罚案件〔enforce.penalties〕件", "罚没款〔enforce.fines〕万元",
			"实施行政强制〔enforce.coercion〕件", "作出行政许可决定〔enforce.licences〕件"}},
		{Lead: "强化行政执法监督，", Parts: []string{"评查行政执法案卷〔enforce.case_reviews〕卷", "评出优秀案卷〔enforce.excellent_cases〕卷",
			"制发执法监督通知书〔enforce.supervision_notices〕份"}},
		{Parts: []string{"通过“两法衔接”向公安机关移送涉嫌犯罪案件〔enforce.transfers〕件"}},
	},
	"oversight": {
		{Lead: "自觉接受人大监督和政协民主监督，在规定时限内", Sep: "、", Parts: []string{"答复人大代表建议〔proposal.npc〕件", "答复政协提案〔proposal.cppcc〕件"}},
	},
	"open": {
		{Lead: "全年", Parts: []string{"主动公开政府信息〔open.proactive〕条", "受理政府信息公开申请〔open.requests〕件", "依法答复〔open.answered〕件"}},
		{Parts: []string{"因政府信息公开被申请行政复议、提起行政诉讼〔open.disputes〕件"}},
	},
	"review": {
		{Lead: "全年", Parts: []string{"新收行政复议案件〔review.received〕件", "办结〔review.closed〕件",
			"直接纠错〔review.corrected〕件", "纠错率〔review.correction_rate〕%"}},
		{Lead: "依法化解行政争议，", Parts: []string{"成功调解行政争议〔review.mediated〕件"}},
		{Lead: "全年", Parts: []string{"应诉行政诉讼案件〔litigation.cases〕件", "行政机关负责人出庭应诉〔litigation.head_appeared〕件",
			"出庭应诉率〔litigation.appear_rate〕%", "败诉〔litigation.lost〕件", "败诉率〔litigation.loss_rate〕%"}},
		{Parts: []string{"收到司法建议〔advice.judicial〕件", "办复〔advice.judicial_replied〕件", "办复率〔advice.judicial_rate〕%"}},
		{Parts: []string{"收到检察建议〔advice.procuratorial〕件", "办复〔advice.procuratorial_replied〕件", "办复率〔advice.procuratorial_rate〕%"}},
	},
	"dispute": {
		{Lead: "全年", Parts: []string{"受理各类矛盾纠纷〔dispute.received〕件", "化解〔dispute.resolved〕件", "化解率〔dispute.resolve_rate〕%"}},
		{Lead: "共建立", Sep: "、", Parts: []string{"人民调解委员会〔dispute.committees〕个", "人民调解员队伍〔dispute.mediators〕人"}},
		{Lead: "全年", Parts: []string{"人民调解组织调解成功矛盾纠纷〔dispute.mediated〕件"}},
	},
	"training": {
		{Lead: "全年", Parts: []string{"举办法治讲座〔training.lectures〕场", "开展法治宣传活动〔training.campaigns〕场"}},
		{Parts: []string{"参加领导干部法律知识考试〔training.exam_takers〕人"}},
		{Lead: "加强执法队伍培训，", Parts: []string{"执法人员参加法律知识培训〔training.hours〕学时", "人均〔training.hours_per_officer〕学时"}},
	},
}

// reservedKeys are figures other parts cite (二、三), left out of the
// general listing of part 一.
var reservedKeys = []string{"plan.overdue_count", "training.gov_study"}

// render writes the sentence with the figures that have data; "" when
// none has.
func (s sentence) render(figs Figures) string {
	main := s.join(figs)
	var then string
	if s.Then != nil {
		then = s.Then.join(figs)
	}
	switch {
	case main != "" && then != "":
		return main + "，" + then + "。"
	case main != "":
		return main + "。"
	case then != "":
		return s.ThenAlone + strings.TrimPrefix(then, s.Then.Lead) + "。"
	}
	return ""
}

func (s sentence) join(figs Figures) string {
	var kept []string
	for _, p := range s.Parts {
		if allKnown(p, figs) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return ""
	}
	sep := s.Sep
	if sep == "" {
		sep = "，"
	}
	return s.Lead + strings.Join(kept, sep)
}

// allKnown reports whether every figure a text cites has data.
func allKnown(text string, figs Figures) bool {
	for _, k := range Keys(text) {
		if f, ok := figs[k]; !ok || !f.Known {
			return false
		}
	}
	return true
}

// templateKeys lists every figure the templates cite, so the general
// listing does not repeat them.
func templateKeys() map[string]bool {
	out := map[string]bool{}
	for _, ss := range areaSentences {
		for _, s := range ss {
			for t := &s; t != nil; t = t.Then {
				for _, p := range t.Parts {
					for _, k := range Keys(p) {
						out[k] = true
					}
				}
			}
		}
	}
	for _, k := range reservedKeys {
		out[k] = true
	}
	return out
}

// figureParagraph writes an area's figures: its template sentences, then
// every other figure with data of the metric groups placed in the area
// (in registry order), so figures a capability registers later appear
// without a template.
func figureParagraph(area string, figs Figures, order []string) string {
	var b strings.Builder
	for _, s := range areaSentences[area] {
		b.WriteString(s.render(figs))
	}
	used := templateKeys()
	var rest []string
	for _, k := range order {
		f, ok := figs[k]
		if !ok || !f.Known || used[k] || AreaForGroup(f.Group) != area {
			continue
		}
		rest = append(rest, f.Name+Token(k)+unitSuffix(f.Unit))
	}
	if len(rest) > 0 {
		lead := "此外，"
		if b.Len() == 0 {
			lead = "全年"
		}
		b.WriteString(lead + strings.Join(rest, "，") + "。")
	}
	return b.String()
}

// unitSuffix is the measure written after a number.
func unitSuffix(u string) string {
	if slices.Contains([]string{"", "—"}, u) {
		return ""
	}
	return u
}
