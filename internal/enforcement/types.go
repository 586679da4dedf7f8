package enforcement

// Category is the kind of administrative power an item or case belongs to.
type Category string

const (
	CatPenalty      Category = "penalty"      // 行政处罚
	CatLicense      Category = "license"      // 行政许可
	CatCoercion     Category = "coercion"     // 行政强制
	CatInspection   Category = "inspection"   // 行政检查
	CatLevy         Category = "levy"         // 行政征收
	CatConfirmation Category = "confirmation" // 行政确认
	CatPayment      Category = "payment"      // 行政给付
	CatAward        Category = "award"        // 行政奖励
	CatRuling       Category = "ruling"       // 行政裁决
	CatOther        Category = "other"        // 其他行政权力
)

// Categories in display order.
var Categories = []Category{CatPenalty, CatLicense, CatCoercion, CatInspection, CatLevy,
	CatConfirmation, CatPayment, CatAward, CatRuling, CatOther}

var categoryLabels = map[Category]string{
	CatPenalty: "行政处罚", CatLicense: "行政许可", CatCoercion: "行政强制", CatInspection: "行政检查",
	CatLevy: "行政征收", CatConfirmation: "行政确认", CatPayment: "行政给付", CatAward: "行政奖励",
	CatRuling: "行政裁决", CatOther: "其他行政权力",
}

// Label is the category's Chinese name.
func (c Category) Label() string {
	if s, ok := categoryLabels[c]; ok {
		return s
	}
	return string(c)
}

// CategoryFromLabel maps a Chinese name (or the code) back to the category.
func CategoryFromLabel(s string) (Category, bool) {
	for c, l := range categoryLabels {
		if s == l || s == string(c) {
			return c, true
		}
	}
	return "", false
}

// Procedure is the procedure a penalty case follows (行政处罚法 第五章).
type Procedure string

const (
	ProcSimple   Procedure = "simple"   // 简易程序 (当场处罚, 处罚法51–53)
	ProcOrdinary Procedure = "ordinary" // 普通程序 (处罚法54–65)
)

// Label is the procedure's Chinese name.
func (p Procedure) Label() string {
	switch p {
	case ProcSimple:
		return "简易程序"
	case ProcOrdinary:
		return "普通程序"
	}
	return string(p)
}

// State is where a case stands. The transitions between states live in the
// state machine (casestate.go); these are the names every part shares.
type State string

const (
	StateFiled         State = "filed"         // 已立案
	StateInvestigating State = "investigating" // 调查取证
	StateNotified      State = "notified"      // 已告知（陈述申辩/听证期间）
	StateHearing       State = "hearing"       // 听证
	StateLegalReview   State = "legal_review"  // 法制审核
	StateCollective    State = "collective"    // 集体讨论
	StateDecided       State = "decided"       // 已作出决定
	StateServed        State = "served"        // 已送达
	StateExecuting     State = "executing"     // 执行中（加处罚款、申请强制执行）
	StateClosed        State = "closed"        // 已结案
	StateNoPenalty     State = "no_penalty"    // 不予处罚（结案）
	StateTransferred   State = "transferred"   // 已移送（结案）
	StateRevoked       State = "revoked"       // 决定已撤销
)

// States in the order of the procedure.
var States = []State{StateFiled, StateInvestigating, StateNotified, StateHearing, StateLegalReview,
	StateCollective, StateDecided, StateServed, StateExecuting, StateClosed, StateNoPenalty,
	StateTransferred, StateRevoked}

var stateLabels = map[State]string{
	StateFiled: "已立案", StateInvestigating: "调查取证", StateNotified: "已告知",
	StateHearing: "听证", StateLegalReview: "法制审核", StateCollective: "集体讨论",
	StateDecided: "已决定", StateServed: "已送达", StateExecuting: "执行中", StateClosed: "已结案",
	StateNoPenalty: "不予处罚", StateTransferred: "已移送", StateRevoked: "已撤销",
}

// Label is the state's Chinese name.
func (s State) Label() string {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return string(s)
}

// Terminal reports whether no further step follows.
func (s State) Terminal() bool {
	return s == StateClosed || s == StateNoPenalty || s == StateTransferred || s == StateRevoked
}

// Decision is the outcome of a case.
type Decision string

const (
	DecPenalty   Decision = "penalty"    // 作出行政处罚决定
	DecNoPenalty Decision = "no_penalty" // 不予行政处罚
	DecTransfer  Decision = "transfer"   // 移送（司法机关或其他行政机关）
)

// Label is the decision's Chinese name.
func (d Decision) Label() string {
	switch d {
	case DecPenalty:
		return "给予行政处罚"
	case DecNoPenalty:
		return "不予行政处罚"
	case DecTransfer:
		return "移送"
	}
	return string(d)
}

// OfficerStatus is a certificate holder's status.
type OfficerStatus string

const (
	OfficerActive    OfficerStatus = "active"    // 在岗
	OfficerSuspended OfficerStatus = "suspended" // 暂扣
	OfficerRevoked   OfficerStatus = "revoked"   // 注销
)

// Label is the status's Chinese name.
func (s OfficerStatus) Label() string {
	switch s {
	case OfficerActive:
		return "在岗"
	case OfficerSuspended:
		return "暂扣"
	case OfficerRevoked:
		return "注销"
	}
	return string(s)
}

// SubjectKind is the legal nature of an 执法主体.
type SubjectKind string

const (
	SubjectAuthority  SubjectKind = "authority"  // 法定行政机关
	SubjectAuthorised SubjectKind = "authorised" // 法律法规授权的组织
	SubjectEntrusted  SubjectKind = "entrusted"  // 受委托组织
)

// Label is the kind's Chinese name.
func (k SubjectKind) Label() string {
	switch k {
	case SubjectAuthority:
		return "法定行政机关"
	case SubjectAuthorised:
		return "法律法规授权的组织"
	case SubjectEntrusted:
		return "受委托组织"
	}
	return string(k)
}

// Level is a 裁量基准 row's outcome class.
type Level string

const (
	LevelNone      Level = "none"      // 不予处罚
	LevelMitigated Level = "mitigated" // 减轻处罚
	LevelLighter   Level = "lighter"   // 从轻处罚
	LevelGeneral   Level = "general"   // 一般处罚
	LevelHeavier   Level = "heavier"   // 从重处罚
)

// Levels in order of severity.
var Levels = []Level{LevelNone, LevelMitigated, LevelLighter, LevelGeneral, LevelHeavier}

// Label is the level's Chinese name.
func (l Level) Label() string {
	switch l {
	case LevelNone:
		return "不予处罚"
	case LevelMitigated:
		return "减轻处罚"
	case LevelLighter:
		return "从轻处罚"
	case LevelGeneral:
		return "一般处罚"
	case LevelHeavier:
		return "从重处罚"
	}
	return string(l)
}

// ListStatus is a 权责清单 version's status.
type ListStatus string

const (
	ListDraft      ListStatus = "draft"      // 草稿
	ListPublished  ListStatus = "published"  // 现行（已公示）
	ListSuperseded ListStatus = "superseded" // 已被新版本替代
)

// Fen is an amount of money in fen (分); Yuan formats it ("2,000.00元" style
// without separators: "2000.00").
type Fen int64

// Yuan formats the amount in yuan with two decimals.
func (f Fen) Yuan() string {
	neg := f < 0
	if neg {
		f = -f
	}
	s := itoa(int64(f/100)) + "." + pad2(int64(f%100))
	if neg {
		s = "-" + s
	}
	return s
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func pad2(n int64) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }
