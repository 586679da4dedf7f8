package enforcement

import (
	"fmt"
	"strings"

	"fazhi/internal/docgen"
)

// BuildDocument fills a 文书 of kind from the case data: a pure function, so
// an issued document can be rendered again (DOCX, the 案卷) exactly alike.
func BuildDocument(d caseDocData, kind DocKind, docNo, issuedOn string) docgen.Document {
	c := d.Case
	doc := docgen.Document{Title: c.UnitName + "\n" + kind.Title(), DocNo: docNo, Issuer: c.UnitName, Date: chineseDay(issuedOn)}
	p := func(format string, args ...any) docgen.Block { return docgen.Para{Text: fmt.Sprintf(format, args...)} }
	officers := make([]string, 0, len(d.Officers))
	for _, o := range d.Officers {
		officers = append(officers, fmt.Sprintf("%s（执法证号%s）", o.Name, o.CertNo))
	}
	basis := d.Item.Law + d.Item.Article
	event := func(step string) Event {
		var found Event
		for _, e := range d.Events {
			if e.Step == step {
				found = e
			}
		}
		return found
	}
	switch kind {
	case DocFiling:
		doc.Issuer, doc.Date = "", ""
		doc.Blocks = []docgen.Block{docgen.Table{Widths: []float64{1, 3}, Rows: [][]string{
			{"案号", c.CaseNo}, {"案由", c.Title}, {"案件来源", c.Source}, {"当事人", d.Party},
			{"地址", c.PartyAddress}, {"发现日期", chineseDay(c.FoundOn)}, {"执法事项", d.Item.Code + " " + d.Item.Name},
			{"案情摘要", c.Facts}, {"承办人员", strings.Join(officers, "、")},
			{"立案依据", "《中华人民共和国行政处罚法》第五十四条；" + basis},
			{"负责人审批意见", "同意立案。（" + chineseDay(c.FiledOn) + "）"},
		}}}
	case DocNotice:
		n := event(string(StepNotify))
		doc.Addressee = c.PartyName + "："
		doc.Blocks = []docgen.Block{
			p("经调查，你（单位）%s。", strings.TrimSuffix(c.Facts, "。")),
			p("上述行为违反了%s的规定。依据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，本机关拟对你（单位）作出如下行政处罚：%s。", basis, n.Note),
			p("你（单位）有权进行陈述和申辩。%s逾期未提出的，视为放弃上述权利。", hearingSentence(d)),
		}
	case DocReview:
		e := event(string(StepReview))
		var rows [][]string
		checks, _ := e.Data["checklist"].(map[string]any)
		for _, it := range ReviewItems {
			ok := "符合"
			if v, _ := checks[it.Key].(bool); !v {
				ok = "不符合"
			}
			rows = append(rows, []string{it.Label, ok})
		}
		result := map[string]string{ReviewPass: "同意", ReviewAmend: "补正后再审", ReviewReject: "不同意"}[fmt.Sprint(e.Data["result"])]
		doc.Blocks = []docgen.Block{
			p("案号：%s　案由：%s　当事人：%s", c.CaseNo, c.Title, c.PartyName),
			p("根据《中华人民共和国行政处罚法》第五十八条，本案属于重大执法决定，作出决定前应当进行法制审核。审核情况如下："),
			docgen.Table{Header: []string{"审核要点", "审核结论"}, Rows: rows, Widths: []float64{3, 1}},
			p("审核意见：%s。%s", result, e.Note),
			p("审核人：%s　审核日期：%s", e.ActorName, chineseDay(e.On)),
		}
	case DocCollective:
		e := event(string(StepCollective))
		doc.Blocks = []docgen.Block{
			p("时间：%s", chineseDay(e.On)), p("案号：%s　案由：%s", c.CaseNo, c.Title),
			p("讨论事项：依据《中华人民共和国行政处罚法》第五十七条，对本案处理意见进行集体讨论。"),
			p("讨论结论：%s", e.Note), p("记录人：%s", e.ActorName),
		}
	case DocDecision:
		doc.Blocks = []docgen.Block{
			p("当事人：%s", d.Party), p("地址：%s", c.PartyAddress),
			p("本机关于%s对你（单位）%s一案立案调查。经查：%s", chineseDay(c.FiledOn), c.Title, c.Facts),
			p("上述事实有现场检查笔录、询问笔录、相关证据材料等为证。"),
			p("你（单位）的上述行为违反了%s的规定。%s依据%s的规定，本机关决定给予如下行政处罚：%s。", basis, discretionSentence(d), basis, c.PenaltyText),
			p("你（单位）应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款（《中华人民共和国行政处罚法》第六十七条、第七十二条）。"),
			p("如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"),
		}
	case DocNoPenalty:
		doc.Blocks = []docgen.Block{
			p("当事人：%s", d.Party), p("本机关于%s对你（单位）%s一案立案调查。经查：%s", chineseDay(c.FiledOn), c.Title, c.Facts),
			p("%s", c.PenaltyText), p("依据《中华人民共和国行政处罚法》第三十三条的规定，本机关决定不予行政处罚。"),
		}
	case DocService:
		doc.Issuer, doc.Date = "", ""
		doc.Blocks = []docgen.Block{docgen.Table{Widths: []float64{1, 3}, Rows: [][]string{
			{"送达文书", "《" + map[bool]string{true: "行政处罚决定书", false: "不予行政处罚决定书"}[c.Decision == DecPenalty] + "》" + c.DecisionNo},
			{"受送达人", c.PartyName}, {"送达地点", c.PartyAddress}, {"送达方式", event(string(StepServe)).Note},
			{"送达人", strings.Join(officers, "、")}, {"送达日期", chineseDay(c.ServedOn)}, {"受送达人签收", ""}, {"备注", ""},
		}}}
	case DocClosing:
		doc.Issuer, doc.Date = "", ""
		doc.Blocks = []docgen.Block{docgen.Table{Widths: []float64{1, 3}, Rows: [][]string{
			{"案号", c.CaseNo}, {"案由", c.Title}, {"当事人", c.PartyName}, {"立案日期", chineseDay(c.FiledOn)},
			{"处理结果", c.Decision.Label() + "：" + c.PenaltyText}, {"执行情况", event(string(StepClose)).Note},
			{"结案日期", chineseDay(c.ClosedOn)}, {"承办人员", strings.Join(officers, "、")}, {"负责人审批意见", "同意结案。"},
		}}}
	}
	return doc
}

func hearingSentence(d caseDocData) string {
	if !d.Item.Hearing {
		return "如有陈述、申辩意见，请在收到本告知书之日起三日内提出。"
	}
	return "依据《中华人民共和国行政处罚法》第六十三条、第六十四条，你（单位）有权要求听证，如要求听证，应当在收到本告知书之日起五日内提出。"
}

func discretionSentence(d caseDocData) string {
	for _, r := range d.Item.Discretion {
		if r.ID == d.Case.DiscretionID {
			s := fmt.Sprintf("根据裁量基准，本案属“%s”情形（%s，%s）。", r.Circumstance, r.Level.Label(), r.RangeText())
			if d.Case.DepartureReason != "" {
				s += "偏离裁量基准的理由：" + d.Case.DepartureReason + "。"
			}
			return s
		}
	}
	return ""
}
