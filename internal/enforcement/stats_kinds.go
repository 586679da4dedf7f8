package enforcement

import "strings"

// PenaltyKind is a class of administrative penalty (行政处罚法第九条).
type PenaltyKind string

const (
	KindWarning    PenaltyKind = "warning"    // 警告、通报批评
	KindFine       PenaltyKind = "fine"       // 罚款
	KindConfiscate PenaltyKind = "confiscate" // 没收违法所得、没收非法财物
	KindLicence    PenaltyKind = "licence"    // 暂扣许可证件、降低资质等级、吊销许可证件
	KindSuspend    PenaltyKind = "suspend"    // 限制开展生产经营活动、责令停产停业、责令关闭、限制从业
	KindDetention  PenaltyKind = "detention"  // 行政拘留
	KindOther      PenaltyKind = "other"      // 法律、行政法规规定的其他行政处罚
)

// penaltyKinds are the kinds in the order of 第九条, with the words of the
// 处罚内容 that name them. The statistics and the check that recomputes them
// from the records (kindSQL) both use this table.
var penaltyKinds = []struct {
	Kind  PenaltyKind
	Label string
	Words []string
}{
	{KindWarning, "警告、通报批评", []string{"警告", "通报批评"}},
	{KindFine, "罚款", []string{"罚款"}},
	{KindConfiscate, "没收违法所得、没收非法财物", []string{"没收"}},
	{KindLicence, "暂扣、吊销许可证件，降低资质等级", []string{"暂扣", "吊销", "降低资质"}},
	{KindSuspend, "责令停产停业、责令关闭、限制生产经营、限制从业", []string{"停产停业", "责令停业", "责令关闭", "限制开展生产经营", "限制从业"}},
	{KindDetention, "行政拘留", []string{"拘留"}},
	{KindOther, "其他", nil},
}

var kindCol = map[PenaltyKind]int{KindWarning: cWarning, KindFine: cFine, KindConfiscate: cConfiscate,
	KindLicence: cLicence, KindSuspend: cSuspend, KindDetention: cDetention, KindOther: cOther}

// Label is the kind's Chinese name.
func (k PenaltyKind) Label() string {
	for _, pk := range penaltyKinds {
		if pk.Kind == k {
			return pk.Label
		}
	}
	return string(k)
}

// PenaltyKindsOf classifies a penalty decision: a fine or a confiscated
// amount counts by itself, the other kinds by the words of the 处罚内容; a
// decision naming none of them is 其他. One decision may have several kinds
// (罚款并没收违法所得), so the kinds' counts add up to more than the
// decisions.
func PenaltyKindsOf(text string, fineFen, confiscatedFen int64) []PenaltyKind {
	var out []PenaltyKind
	for _, pk := range penaltyKinds {
		hit := (pk.Kind == KindFine && fineFen > 0) || (pk.Kind == KindConfiscate && confiscatedFen > 0)
		for _, w := range pk.Words {
			hit = hit || strings.Contains(text, w)
		}
		if hit {
			out = append(out, pk.Kind)
		}
	}
	if len(out) == 0 {
		out = []PenaltyKind{KindOther}
	}
	return out
}

// kindSQL is the SQL condition equivalent to PenaltyKindsOf containing k, on
// an enf_cases row aliased c.
func kindSQL(k PenaltyKind) string {
	if k == KindOther {
		var none []string
		for _, pk := range penaltyKinds {
			if pk.Kind != KindOther {
				none = append(none, "NOT ("+kindSQL(pk.Kind)+")")
			}
		}
		return strings.Join(none, " AND ")
	}
	var or []string
	switch k {
	case KindFine:
		or = append(or, "c.fine_fen > 0")
	case KindConfiscate:
		or = append(or, "c.confiscated_fen > 0")
	}
	for _, pk := range penaltyKinds {
		if pk.Kind == k {
			for _, w := range pk.Words {
				or = append(or, "c.penalty_text LIKE '%"+w+"%'")
			}
		}
	}
	return strings.Join(or, " OR ")
}
