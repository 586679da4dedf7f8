package enforcement

import "fmt"

// The case state machine of the 行政处罚法 (2021). It is a pure function of
// what has been recorded on a case (Progress) and the step asked for; the
// case service loads the progress, asks Next, and records the step with the
// state it returns. Every refusal names the rule it follows.

// Step is an action taken on a case.
type Step string

const (
	StepInvestigate    Step = "investigate"     // 调查取证 (two officers, 亮证)
	StepNotify         Step = "notify"          // 告知拟处罚及陈述申辩、听证权利
	StepRequestHearing Step = "request_hearing" // 当事人要求听证
	StepHearingHeld    Step = "hearing_held"    // 听证结束（笔录）
	StepSubmitReview   Step = "submit_review"   // 提交法制审核
	StepReview         Step = "review"          // 法制审核意见
	StepCollective     Step = "collective"      // 集体讨论
	StepDecide         Step = "decide"          // 作出决定（处罚、不予处罚）
	StepTransfer       Step = "transfer"        // 移送
	StepServe          Step = "serve"           // 送达
	StepEnforce        Step = "enforce"         // 加处罚款、申请强制执行
	StepClose          Step = "close"           // 执行完毕、结案
	StepRevoke         Step = "revoke"          // 决定被撤销
)

// Steps in the order of the procedure, for pages.
var Steps = []Step{StepInvestigate, StepNotify, StepRequestHearing, StepHearingHeld, StepSubmitReview, StepReview,
	StepCollective, StepDecide, StepTransfer, StepServe, StepEnforce, StepClose, StepRevoke}

var stepLabels = map[Step]string{
	StepInvestigate: "调查取证", StepNotify: "告知", StepRequestHearing: "当事人要求听证", StepHearingHeld: "听证结束",
	StepSubmitReview: "提交法制审核", StepReview: "法制审核", StepCollective: "集体讨论", StepDecide: "作出决定",
	StepTransfer: "移送", StepServe: "送达", StepEnforce: "强制执行", StepClose: "结案", StepRevoke: "撤销决定",
}

// Label is the step's Chinese name.
func (s Step) Label() string {
	if l, ok := stepLabels[s]; ok {
		return l
	}
	return string(s)
}

// Review results of a 法制审核.
const (
	ReviewPass   = "pass"   // 同意
	ReviewAmend  = "amend"  // 补正后再审
	ReviewReject = "reject" // 不同意
)

// Fine limits of the 简易程序 (处罚法第五十一条), in fen.
const (
	SimpleMaxFinePerson = 200 * 100
	SimpleMaxFineOrg    = 3000 * 100
)

// CaseOfficer is an officer on a case as the machine needs him: whether he
// showed his certificate (亮证) and, if he may not act, why.
type CaseOfficer struct {
	Name      string
	ShownCert bool
	Problem   string // "" when his certificate is valid and he is in post
}

// Progress is what has been recorded on a case.
type Progress struct {
	Procedure        Procedure
	State            State
	PartyIsOrg       bool
	Major            bool // 重大执法决定: 法制审核 before the decision
	Collective       bool // 集体讨论 before the decision
	HearingRight     bool // the proposed penalty gives a right to a hearing (第六十三条)
	Officers         []CaseOfficer
	Notified         bool
	HearingDeadline  string // last day (ISO) to ask for a hearing, from the notice
	HearingRequested bool
	HearingHeld      bool
	ReviewPassed     bool
	CollectiveDone   bool
	Decision         Decision
	FineFen          int64
}

// Request is a step with what it carries.
type Request struct {
	Step     Step
	On       string   // the legal date of the step (ISO)
	Decision Decision // StepDecide
	Review   string   // StepReview: pass | amend | reject
	FineFen  int64    // StepDecide: the fine decided
}

func refuse(format string, args ...any) error { return conflict(format, args...) }

// Next returns the state a case moves to when r is taken, or the reason
// it may not be taken now.
func Next(p Progress, r Request) (State, error) {
	if p.State.Terminal() && r.Step != StepRevoke {
		return "", refuse("案件%s，不能再%s", p.State.Label(), r.Step.Label())
	}
	switch r.Step {
	case StepInvestigate:
		return investigate(p)
	case StepNotify:
		return notify(p)
	case StepRequestHearing:
		return requestHearing(p, r)
	case StepHearingHeld:
		if p.State != StateHearing || !p.HearingRequested {
			return "", refuse("当事人未要求听证，无需记录听证")
		}
		return StateHearing, nil
	case StepSubmitReview:
		return submitReview(p)
	case StepReview:
		return review(p, r)
	case StepCollective:
		return collective(p)
	case StepDecide:
		return decide(p, r)
	case StepTransfer:
		if p.State != StateFiled && p.State != StateInvestigating {
			return "", refuse("案件已%s，移送应在调查终结前决定（《行政处罚法》第二十七条）", p.State.Label())
		}
		return StateTransferred, nil
	case StepServe:
		if p.State != StateDecided {
			return "", refuse("尚未作出决定，无从送达")
		}
		return StateServed, nil
	case StepEnforce:
		if p.State != StateServed || p.Decision != DecPenalty || p.FineFen == 0 {
			return "", refuse("只有已送达、处以罚款而当事人逾期不缴纳的决定才能加处罚款或申请强制执行（《行政处罚法》第七十二条）")
		}
		return StateExecuting, nil
	case StepClose:
		if p.State != StateServed && p.State != StateExecuting {
			return "", refuse("决定送达并执行完毕后方可结案")
		}
		return StateClosed, nil
	case StepRevoke:
		switch p.State {
		case StateDecided, StateServed, StateExecuting, StateClosed, StateNoPenalty:
			return StateRevoked, nil
		}
		return "", refuse("案件%s，没有可撤销的决定", p.State.Label())
	}
	return "", invalid("未知的办案环节：%s", r.Step)
}

func investigate(p Progress) (State, error) {
	if p.Procedure != ProcOrdinary || p.State != StateFiled {
		return "", refuse("只有已立案的普通程序案件可以开始调查取证")
	}
	if len(p.Officers) < 2 {
		return "", refuse("调查取证时执法人员不得少于两人（《行政处罚法》第四十二条、第五十五条），本案登记了%d人", len(p.Officers))
	}
	for _, o := range p.Officers {
		if o.Problem != "" {
			return "", refuse("%s（《行政处罚法》第四十二条：执法人员应当具有行政执法资格）", o.Problem)
		}
		if !o.ShownCert {
			return "", refuse("执法人员%s未记录出示执法证件（《行政处罚法》第五十五条）", o.Name)
		}
	}
	return StateInvestigating, nil
}

func notify(p Progress) (State, error) {
	if p.State != StateInvestigating {
		return "", refuse("调查取证后方可告知拟作出的行政处罚（《行政处罚法》第四十四条），案件现为“%s”", p.State.Label())
	}
	return StateNotified, nil
}

func requestHearing(p Progress, r Request) (State, error) {
	switch {
	case p.State != StateNotified:
		return "", refuse("告知后、作出决定前方可要求听证")
	case !p.HearingRight:
		return "", refuse("拟作出的处罚不属于《行政处罚法》第六十三条规定的听证范围")
	case p.HearingDeadline != "" && r.On > p.HearingDeadline:
		return "", refuse("当事人应当在告知后五日内提出听证要求（《行政处罚法》第六十四条），期限已于%s届满", p.HearingDeadline)
	}
	return StateHearing, nil
}

// readyToConclude says whether the 告知 and any hearing are behind the case.
func readyToConclude(p Progress) error {
	if !p.Notified {
		return refuse("作出行政处罚决定前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证权利（《行政处罚法》第四十四条）")
	}
	if p.HearingRequested && !p.HearingHeld {
		return refuse("当事人已要求听证，听证结束后方可作出决定（《行政处罚法》第六十五条）")
	}
	return nil
}

func submitReview(p Progress) (State, error) {
	if p.State != StateNotified && p.State != StateHearing {
		return "", refuse("告知（及听证）后方可提交法制审核，案件现为“%s”", p.State.Label())
	}
	if err := readyToConclude(p); err != nil {
		return "", err
	}
	return StateLegalReview, nil
}

func review(p Progress, r Request) (State, error) {
	if p.State != StateLegalReview {
		return "", refuse("案件未提交法制审核")
	}
	switch r.Review {
	case ReviewPass:
		return StateLegalReview, nil
	case ReviewAmend, ReviewReject:
		return StateInvestigating, nil // 补正或补充调查后重新告知、再审
	}
	return "", invalid("请选择审核意见：同意、补正或不同意")
}

func collective(p Progress) (State, error) {
	switch p.State {
	case StateNotified, StateHearing, StateLegalReview:
	default:
		return "", refuse("告知（及听证、法制审核）后方可集体讨论，案件现为“%s”", p.State.Label())
	}
	if err := readyToConclude(p); err != nil {
		return "", err
	}
	if p.Major && !p.ReviewPassed {
		return "", refuse("重大执法决定应先经法制审核，再提交集体讨论（《行政处罚法》第五十八条）")
	}
	return StateCollective, nil
}

func decide(p Progress, r Request) (State, error) {
	switch r.Decision {
	case DecPenalty, DecNoPenalty:
	default:
		return "", invalid("请选择决定类型：给予行政处罚或不予行政处罚")
	}
	if p.Procedure == ProcSimple {
		return "", refuse("简易程序案件在登记时当场作出决定")
	}
	switch p.State {
	case StateInvestigating:
		if r.Decision == DecNoPenalty && !p.Major {
			return StateNoPenalty, nil // 违法事实不能成立等，调查终结即可决定不予处罚
		}
		return "", refuse("作出行政处罚决定前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证权利（《行政处罚法》第四十四条）")
	case StateNotified, StateHearing, StateLegalReview, StateCollective:
	default:
		return "", refuse("案件现为“%s”，不能作出决定", p.State.Label())
	}
	if err := readyToConclude(p); err != nil {
		return "", err
	}
	if p.Major && !p.ReviewPassed {
		return "", refuse("重大执法决定未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）")
	}
	if p.Collective && !p.CollectiveDone {
		return "", refuse("情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《行政处罚法》第五十七条）")
	}
	if r.Decision == DecNoPenalty {
		return StateNoPenalty, nil
	}
	return StateDecided, nil
}

// CheckSimple checks a 简易程序 case at registration: the fine within the
// limits of 第五十一条 and at least one officer who showed his certificate
// (第五十二条).
func CheckSimple(partyIsOrg bool, fine Fen, officers []CaseOfficer) error {
	limit, who := Fen(SimpleMaxFinePerson), "公民"
	if partyIsOrg {
		limit, who = SimpleMaxFineOrg, "法人或者其他组织"
	}
	if fine > limit {
		return refuse("简易程序对%s的罚款不得超过%s元（《行政处罚法》第五十一条），请按普通程序办理", who, limit.Yuan())
	}
	if len(officers) == 0 {
		return refuse("请登记当场作出决定的执法人员")
	}
	for _, o := range officers {
		if o.Problem != "" {
			return refuse("%s", o.Problem)
		}
		if !o.ShownCert {
			return refuse("执法人员%s未记录出示执法证件（《行政处罚法》第五十二条）", o.Name)
		}
	}
	return nil
}

// Allowed lists the steps Next would accept on the day on (with a
// plausible request), for the case page's buttons.
func Allowed(p Progress, on string) []Step {
	var out []Step
	for _, st := range Steps {
		r := Request{Step: st, On: on, Decision: DecPenalty, Review: ReviewPass}
		if _, err := Next(p, r); err == nil {
			out = append(out, st)
		} else if st == StepDecide {
			if _, err := Next(p, Request{Step: st, On: on, Decision: DecNoPenalty}); err == nil {
				out = append(out, st)
			}
		}
	}
	return out
}

// String describes a progress for test failures.
func (p Progress) String() string {
	return fmt.Sprintf("%s/%s notified=%v hearing=%v/%v review=%v collective=%v", p.Procedure, p.State, p.Notified,
		p.HearingRequested, p.HearingHeld, p.ReviewPassed, p.CollectiveDone)
}
