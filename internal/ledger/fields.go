// Package ledger is the yearly statistics ledger (台账): until every
// capability records its data natively, units enter their yearly figures
// here. The field catalogue (this file) is the one place naming every figure;
// each becomes a metric with the ledger as its fallback source.
package ledger

import "fazhi/internal/metric"

// Check is how an entered value is validated.
type Check string

const (
	NonNegInt Check = "int"     // 非负整数
	Percent   Check = "percent" // 0–100，可带两位小数
	Decimal   Check = "decimal" // 非负数，可带两位小数
)

// Field is one figure of the ledger.
type Field struct {
	Key   string
	Name  string // 中文名称，出现在表单、导出表头和错误信息中
	Unit  string // 件、人、户次、%、学时、万元 …
	Group string
	Help  string // 口径与依据
	Check Check
	Ratio *metric.Ratio // derived: computed from two entered fields, never entered
}

// Derived reports whether the field is computed rather than entered.
func (f Field) Derived() bool { return f.Ratio != nil }

// Groups are the sections of the form, in order.
var Groups = []string{"法律顾问与公职律师", "行政执法", "行政复议与应诉", "规范性文件", "合同与决策", "建议提案", "政务公开", "矛盾纠纷化解", "学法培训"}

const (
	gCounsel  = "法律顾问与公职律师"
	gEnforce  = "行政执法"
	gReview   = "行政复议与应诉"
	gNormdoc  = "规范性文件"
	gContract = "合同与决策"
	gProposal = "建议提案"
	gOpen     = "政务公开"
	gDispute  = "矛盾纠纷化解"
	gTraining = "学法培训"
)

func pct(num, den string) *metric.Ratio { return &metric.Ratio{Num: num, Den: den, Scale: 100} }

// Fields is the catalogue, grouped and in form order. Keys never change once
// data is stored under them.
var Fields = []Field{
	{Key: "counsel.dept", Name: "政府部门法律顾问", Unit: "人", Group: gCounsel, Check: NonNegInt, Help: "年末政府及其部门聘请的法律顾问人数（《关于推行法律顾问制度和公职律师公司律师制度的意见》）"},
	{Key: "counsel.town", Name: "乡镇（街道）法律顾问", Unit: "人", Group: gCounsel, Check: NonNegInt, Help: "年末乡镇人民政府、街道办事处聘请的法律顾问人数"},
	{Key: "counsel.village", Name: "村（社区）法律顾问", Unit: "人", Group: gCounsel, Check: NonNegInt, Help: "年末为村（居）委会提供服务的法律顾问人数"},
	{Key: "counsel.public_lawyer", Name: "公职律师", Unit: "人", Group: gCounsel, Check: NonNegInt, Help: "年末取得公职律师证书的人数"},
	{Key: "counsel.coverage", Name: "法律顾问配置率", Unit: "%", Group: gCounsel, Check: Percent, Help: "已配备法律顾问的单位占应配备单位的比例，填本单位口径"},

	{Key: "enforce.officers", Name: "持证执法人员", Unit: "人", Group: gEnforce, Check: NonNegInt, Help: "年末持有有效行政执法证件的人员数（行政执法人员持证上岗和资格管理制度）"},
	{Key: "enforce.inspections", Name: "行政检查户次", Unit: "户次", Group: gEnforce, Check: NonNegInt, Help: "全年实施行政检查的户次，含“双随机、一公开”抽查"},
	{Key: "enforce.mobile_rate", Name: "掌上执法率", Unit: "%", Group: gEnforce, Check: Percent, Help: "通过移动执法终端实施的检查户次占检查总户次的比例，以执法监管平台统计为准"},
	{Key: "enforce.random_rate", Name: "“双随机”任务完成率", Unit: "%", Group: gEnforce, Check: Percent, Help: "已完成的“双随机、一公开”抽查任务占年度计划任务的比例"},
	{Key: "enforce.disposal_rate", Name: "事件处置率", Unit: "%", Group: gEnforce, Check: Percent, Help: "执法监管平台推送事件的处置比例"},
	{Key: "enforce.penalties", Name: "行政处罚案件", Unit: "件", Group: gEnforce, Check: NonNegInt, Help: "全年作出行政处罚决定的案件数（《行政处罚法》），含简易程序"},
	{Key: "enforce.fines", Name: "罚没款金额", Unit: "万元", Group: gEnforce, Check: Decimal, Help: "全年罚款和没收违法所得金额合计，保留两位小数"},
	{Key: "enforce.coercion", Name: "行政强制案件", Unit: "件", Group: gEnforce, Check: NonNegInt, Help: "全年实施行政强制措施和行政强制执行的案件数（《行政强制法》）"},
	{Key: "enforce.licences", Name: "行政许可决定", Unit: "件", Group: gEnforce, Check: NonNegInt, Help: "全年作出的行政许可决定数（《行政许可法》）"},
	{Key: "enforce.subjects", Name: "确认公告的行政执法主体", Unit: "个", Group: gEnforce, Check: NonNegInt, Help: "本年度经确认并向社会公告的行政执法主体数"},
	{Key: "enforce.case_reviews", Name: "评查行政执法案卷", Unit: "卷", Group: gEnforce, Check: NonNegInt, Help: "全年组织评查、抽查的行政执法案卷数（每年至少组织一次案卷评查）"},
	{Key: "enforce.excellent_cases", Name: "评查优秀案卷", Unit: "卷", Group: gEnforce, Check: NonNegInt, Help: "案卷评查中评定为优秀的案卷数"},
	{Key: "enforce.supervision_notices", Name: "制发执法监督通知书", Unit: "份", Group: gEnforce, Check: NonNegInt, Help: "全年制发的行政执法监督通知书、意见书份数"},
	{Key: "enforce.transfers", Name: "“两法衔接”移送涉嫌犯罪案件", Unit: "件", Group: gEnforce, Check: NonNegInt, Help: "向公安机关移送的涉嫌犯罪案件数（《行政执法机关移送涉嫌犯罪案件的规定》）"},

	{Key: "review.received", Name: "行政复议新收案件", Unit: "件", Group: gReview, Check: NonNegInt, Help: "全年新收的行政复议申请（已受理）件数（《行政复议法》）"},
	{Key: "review.closed", Name: "行政复议办结案件", Unit: "件", Group: gReview, Check: NonNegInt, Help: "全年审结的行政复议案件数，含上年结转"},
	{Key: "review.corrected", Name: "行政复议纠错案件", Unit: "件", Group: gReview, Check: NonNegInt, Help: "以撤销、变更、确认违法、责令履行等方式直接纠错的案件数"},
	{Key: "review.correction_rate", Name: "行政复议纠错率", Unit: "%", Group: gReview, Ratio: pct("review.corrected", "review.closed"), Help: "纠错案件 ÷ 办结案件 × 100%，自动计算"},
	{Key: "review.mediated", Name: "调解成功的行政争议", Unit: "件", Group: gReview, Check: NonNegInt, Help: "以调解、和解方式化解的行政争议件数"},
	{Key: "litigation.cases", Name: "行政应诉案件", Unit: "件", Group: gReview, Check: NonNegInt, Help: "全年作为被告应诉的一审行政诉讼案件数（开庭审理的）"},
	{Key: "litigation.head_appeared", Name: "负责人出庭应诉", Unit: "件", Group: gReview, Check: NonNegInt, Help: "行政机关负责人出庭应诉的案件数（《行政诉讼法》第三条）"},
	{Key: "litigation.appear_rate", Name: "负责人出庭应诉率", Unit: "%", Group: gReview, Ratio: pct("litigation.head_appeared", "litigation.cases"), Help: "负责人出庭应诉案件 ÷ 行政应诉案件 × 100%，自动计算"},
	{Key: "litigation.lost", Name: "行政诉讼败诉案件", Unit: "件", Group: gReview, Check: NonNegInt, Help: "判决撤销、确认违法、责令履行等行政机关败诉的案件数"},
	{Key: "litigation.loss_rate", Name: "行政诉讼败诉率", Unit: "%", Group: gReview, Ratio: pct("litigation.lost", "litigation.cases"), Help: "败诉案件 ÷ 行政应诉案件 × 100%，自动计算"},
	{Key: "advice.judicial", Name: "收到司法建议", Unit: "件", Group: gReview, Check: NonNegInt, Help: "人民法院发出的司法建议件数"},
	{Key: "advice.judicial_replied", Name: "办复司法建议", Unit: "件", Group: gReview, Check: NonNegInt, Help: "已按期书面回复的司法建议件数"},
	{Key: "advice.judicial_rate", Name: "司法建议办复率", Unit: "%", Group: gReview, Ratio: pct("advice.judicial_replied", "advice.judicial"), Help: "办复 ÷ 收到 × 100%，要求 100%，自动计算"},
	{Key: "advice.procuratorial", Name: "收到检察建议", Unit: "件", Group: gReview, Check: NonNegInt, Help: "人民检察院发出的检察建议件数"},
	{Key: "advice.procuratorial_replied", Name: "办复检察建议", Unit: "件", Group: gReview, Check: NonNegInt, Help: "已按期书面回复的检察建议件数"},
	{Key: "advice.procuratorial_rate", Name: "检察建议办复率", Unit: "%", Group: gReview, Ratio: pct("advice.procuratorial_replied", "advice.procuratorial"), Help: "办复 ÷ 收到 × 100%，要求 100%，自动计算"},

	{Key: "normdoc.issued", Name: "制定行政规范性文件", Unit: "件", Group: gNormdoc, Check: NonNegInt, Help: "全年以本单位名义制发的行政规范性文件件数（“三统一”）"},
	{Key: "normdoc.reviewed", Name: "合法性审核行政规范性文件", Unit: "件", Group: gNormdoc, Check: NonNegInt, Help: "出台前经合法性审核（含法律顾问审核）的规范性文件件次"},
	{Key: "normdoc.filed", Name: "报送备案行政规范性文件", Unit: "件", Group: gNormdoc, Check: NonNegInt, Help: "按规定报送上级备案审查的规范性文件件数"},
	{Key: "normdoc.filing_rate", Name: "规范性文件报备率", Unit: "%", Group: gNormdoc, Ratio: pct("normdoc.filed", "normdoc.issued"), Help: "报送备案 ÷ 制定 × 100%，自动计算"},
	{Key: "normdoc.cleaned", Name: "清理行政规范性文件", Unit: "件", Group: gNormdoc, Check: NonNegInt, Help: "全年专项清理和全面清理涉及的规范性文件件数"},
	{Key: "normdoc.clean_kept", Name: "清理后继续有效", Unit: "件", Group: gNormdoc, Check: NonNegInt, Help: "清理结论为继续有效的件数"},
	{Key: "normdoc.clean_repealed", Name: "清理后废止", Unit: "件", Group: gNormdoc, Check: NonNegInt, Help: "清理结论为废止（含宣布失效）的件数"},
	{Key: "normdoc.clean_amended", Name: "清理后修改", Unit: "件", Group: gNormdoc, Check: NonNegInt, Help: "清理结论为修改的件数"},

	{Key: "contract.reviewed", Name: "合同合法性审查", Unit: "件次", Group: gContract, Check: NonNegInt, Help: "经合法性审查（含法律顾问审查）的行政机关合同件次"},
	{Key: "contract.filed", Name: "合同备案", Unit: "件", Group: gContract, Check: NonNegInt, Help: "审查后按时限报送备案的合同件数"},
	{Key: "decision.catalogued", Name: "纳入目录的重大行政决策", Unit: "项", Group: gContract, Check: NonNegInt, Help: "纳入年度重大行政决策事项目录并公布的事项数（《重大行政决策程序暂行条例》）"},
	{Key: "decision.reviewed", Name: "重大行政决策合法性审查", Unit: "件", Group: gContract, Check: NonNegInt, Help: "提交集体讨论前经合法性审查的重大行政决策件数（审查时间不少于 7 个工作日）"},
	{Key: "decision.evaluated", Name: "重大行政决策后评估", Unit: "项", Group: gContract, Check: NonNegInt, Help: "开展决策后评估（含第三方评估）的事项数"},

	{Key: "proposal.npc", Name: "办理人大代表建议", Unit: "件", Group: gProposal, Check: NonNegInt, Help: "规定时限内答复的人大代表建议件数"},
	{Key: "proposal.cppcc", Name: "办理政协提案", Unit: "件", Group: gProposal, Check: NonNegInt, Help: "规定时限内答复的政协委员提案件数"},

	{Key: "open.proactive", Name: "主动公开政府信息", Unit: "条", Group: gOpen, Check: NonNegInt, Help: "通过各渠道主动公开的政府信息条数（《政府信息公开条例》）"},
	{Key: "open.requests", Name: "收到依申请公开", Unit: "件", Group: gOpen, Check: NonNegInt, Help: "全年收到的政府信息公开申请件数"},
	{Key: "open.answered", Name: "办结依申请公开", Unit: "件", Group: gOpen, Check: NonNegInt, Help: "在法定期限内作出答复的申请件数"},
	{Key: "open.disputes", Name: "政府信息公开引发复议诉讼", Unit: "件", Group: gOpen, Check: NonNegInt, Help: "因政府信息公开工作被申请行政复议、提起行政诉讼的件数"},

	{Key: "dispute.received", Name: "受理矛盾纠纷", Unit: "件", Group: gDispute, Check: NonNegInt, Help: "矛盾纠纷调处化解中心（含进驻部门）受理的矛盾纠纷事项总数"},
	{Key: "dispute.resolved", Name: "化解矛盾纠纷", Unit: "件", Group: gDispute, Check: NonNegInt, Help: "已化解办结的事项数"},
	{Key: "dispute.resolve_rate", Name: "矛盾纠纷化解率", Unit: "%", Group: gDispute, Ratio: pct("dispute.resolved", "dispute.received"), Help: "化解 ÷ 受理 × 100%，自动计算"},
	{Key: "dispute.committees", Name: "人民调解委员会", Unit: "个", Group: gDispute, Check: NonNegInt, Help: "年末各级人民调解委员会个数（《人民调解法》）"},
	{Key: "dispute.mediators", Name: "人民调解员", Unit: "人", Group: gDispute, Check: NonNegInt, Help: "年末在册人民调解员人数"},
	{Key: "dispute.mediated", Name: "人民调解化解纠纷", Unit: "件", Group: gDispute, Check: NonNegInt, Help: "人民调解组织全年调解成功的纠纷件数"},

	{Key: "training.gov_study", Name: "政府常务会议学法", Unit: "次", Group: gTraining, Check: NonNegInt, Help: "政府常务会议（党组会议）集体学法次数，每年不少于 4 次"},
	{Key: "training.hours", Name: "执法人员培训总学时", Unit: "学时", Group: gTraining, Check: Decimal, Help: "持证执法人员全年参加法律知识培训的学时合计"},
	{Key: "training.hours_per_officer", Name: "执法人员人均培训学时", Unit: "学时", Group: gTraining, Ratio: &metric.Ratio{Num: "training.hours", Den: "enforce.officers", Scale: 1}, Help: "培训总学时 ÷ 持证执法人员，要求每人每年不少于 40（部分地区 60）学时，自动计算"},
	{Key: "training.lectures", Name: "法治讲座", Unit: "场", Group: gTraining, Check: NonNegInt, Help: "面向干部群众举办的法治讲座场次"},
	{Key: "training.campaigns", Name: "法治宣传活动", Unit: "场", Group: gTraining, Check: NonNegInt, Help: "组织开展的法治宣传活动场次"},
	{Key: "training.exam_takers", Name: "领导干部法律知识考试", Unit: "人", Group: gTraining, Check: NonNegInt, Help: "参加新任领导干部任前法律知识考试及年度学法考试的人数"},
}

var byKey = func() map[string]int {
	m := make(map[string]int, len(Fields))
	for i, f := range Fields {
		m[f.Key] = i
	}
	return m
}()

// FieldByKey returns the catalogue entry for key.
func FieldByKey(key string) (Field, bool) {
	i, ok := byKey[key]
	if !ok {
		return Field{}, false
	}
	return Fields[i], true
}

// Entered lists the fields a unit enters (derived fields left out).
func Entered() []Field {
	out := make([]Field, 0, len(Fields))
	for _, f := range Fields {
		if !f.Derived() {
			out = append(out, f)
		}
	}
	return out
}
