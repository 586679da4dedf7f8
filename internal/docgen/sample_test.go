package docgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Fictional sample content (清溪县) shaped like a 年度法治政府建设情况报告,
// used by the tests and by TestSamples to look at the output.

func sampleReport() Document {
	para := func(s string) Block { return Para{Text: s} }
	d := Document{
		DocNo:     "清政报〔2026〕3号",
		Title:     "清溪县人民政府\n关于2025年度法治政府建设情况的报告",
		Subtitle:  "（2026年3月1日）",
		Addressee: "市委、市政府：",
		Issuer:    "清溪县人民政府",
		Date:      "2026年3月1日",
		Notes:     []string{"（此件公开发布）"},
	}
	d.Blocks = []Block{
		para("2025年，在市委、市政府的坚强领导下，我县深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，把依法行政贯穿政府工作全过程，法治政府建设取得新成效。现将有关情况报告如下："),
		Heading{Level: 1, Text: "一、主要举措和成效"},
		Heading{Level: 2, Text: "（一）深化“放管服”改革，持续优化法治化营商环境"},
		para("全面实行政府权责清单制度，动态调整县级部门权责事项2316项。推进“证照分离”改革全覆盖，企业开办时间压缩至0.5个工作日以内。政务服务事项“一网通办”率达到98.6%，“最多跑一次”事项占比100%。开展涉企法规规章和规范性文件清理，废止3件、修改5件。"),
		Para{Runs: []Run{{Text: "全年新增市场主体"}, {Text: "4521户", Bold: true}, {Text: "，同比增长12.3%；办理行政许可事项"}, {Text: "18760件", Bold: true}, {Text: "，按时办结率100%，群众满意率99.2%。"}}},
		Heading{Level: 2, Text: "（二）坚持科学民主依法决策，提升决策质量"},
		para("严格落实《重大行政决策程序暂行条例》，制定并公布年度重大行政决策事项目录，共6项决策事项全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。县政府常务会议审议的议题，会前均经司法局合法性审查，审查率100%。"),
		Heading{Level: 3, Text: "1.健全法律顾问制度"},
		para("县政府及27个部门、12个乡镇全部聘请法律顾问或设立公职律师，全年法律顾问参与审查合同412份、提出法律意见635条，为重大项目、招商引资等工作提供法律支撑。"),
		Heading{Level: 3, Text: "2.加强规范性文件监督管理"},
		para("全面落实行政规范性文件合法性审核机制，全年审核规范性文件31件，备案审查28件，纠正违法或不当文件2件，报备率、及时率、规范率均为100%。"),
		Heading{Level: 1, Text: "二、严格规范公正文明执法"},
		para("深化综合行政执法体制改革，整合组建市场监管、生态环境、交通运输、农业农村、文化市场5支综合执法队伍。全面推行行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”。主要执法数据如下表："),
		Table{
			Header: []string{"执法领域", "检查（次）", "立案（件）", "罚没金额（万元）", "法制审核率"},
			Rows: [][]string{
				{"市场监管", "1326", "214", "186.5", "100%"},
				{"生态环境", "587", "63", "241.2", "100%"},
				{"交通运输", "942", "158", "73.8", "100%"},
				{"农业农村", "415", "37", "12.6", "100%"},
				{"文化市场", "208", "11", "3.4", "100%"},
				{"合计", "3478", "483", "517.5", "—"},
			},
			Widths: []float64{3, 2, 2, 3, 2},
		},
		para("全年行政复议案件42件，其中纠错率为9.5%；行政诉讼案件37件，行政机关负责人出庭应诉率100%，败诉率同比下降2.1个百分点。"),
		Heading{Level: 1, Text: "三、存在的问题和不足"},
		para("一是部分乡镇和部门对法治政府建设重要性认识不足，主要负责人履行推进法治建设第一责任人职责还有差距；二是基层执法力量相对薄弱，执法人员专业化水平有待提高，个别执法案卷存在文书不规范、证据链不完整等问题；三是行政争议实质性化解机制仍不健全，复议调解率偏低。"),
		Heading{Level: 1, Text: "四、2026年工作安排"},
		Heading{Level: 2, Text: "（一）强化法治建设责任落实"},
		para("认真落实党政主要负责人履行推进法治建设第一责任人职责规定，将法治建设成效纳入政绩考核指标体系，开展年度述法工作，推动领导干部带头尊法学法守法用法。"),
		Heading{Level: 2, Text: "（二）提升行政执法质量和效能"},
		para("全面落实行政裁量权基准制度，开展行政执法案卷评查，组织执法人员全员轮训不少于60学时；推进“互联网+监管”，实现执法信息平台与省级系统互联互通，让人民群众在每一个执法决定中感受到公平正义。"),
		Heading{Level: 2, Text: "（三）推进行政争议实质性化解"},
		para("发挥行政复议化解行政争议的主渠道作用，健全调解和解工作机制，加强行政复议、行政诉讼、信访工作衔接，力争行政复议调解和解率提高到30%以上。"),
	}
	return d
}

func sampleBundle() Bundle {
	form := Document{
		Title: "立案审批表",
		Blocks: []Block{Table{
			Rows: [][]string{
				{"案件来源", "举报", "受案时间", "2026年2月3日"},
				{"案由", "涉嫌销售过期食品"},
				{"当事人", "清溪县某某超市有限公司", "统一社会信用代码", "91369900MA00000000"},
				{"住所", "清溪县城关镇迎宾路18号", "法定代表人", "张某某"},
				{"案情摘要", "2026年2月3日，执法人员根据举报对当事人经营场所进行检查，发现其货架上摆放的“某某牌”酸奶12盒已超过保质期，涉嫌违反《中华人民共和国食品安全法》第三十四条第（十）项的规定。"},
				{"承办人意见", "建议立案调查。\n承办人：李某某、王某某\n2026年2月3日"},
				{"审批意见", "同意立案。\n负责人：赵某某\n2026年2月4日"},
			},
			Widths: []float64{2, 4, 2, 3},
		}},
		Issuer: "清溪县市场监督管理局",
		Date:   "2026年2月4日",
	}
	decision := sampleReport()
	decision.DocNo = "清市监罚〔2026〕12号"
	decision.Title = "行政处罚决定书"
	decision.Subtitle = ""
	decision.Addressee = "当事人：清溪县某某超市有限公司"
	decision.Blocks = decision.Blocks[:6]
	notice := Document{
		Title:  "送达回证",
		Blocks: []Block{Table{Header: []string{"送达文书", "送达地点", "送达方式", "收件人签名", "送达时间"}, Rows: [][]string{{"行政处罚决定书", "当事人经营场所", "直接送达", "", ""}}}},
	}
	return Bundle{
		Title: "行政处罚案卷",
		Cover: []string{"案号：清市监罚〔2026〕12号", "当事人：清溪县某某超市有限公司", "案由：涉嫌销售过期食品", "承办机构：清溪县市场监督管理局", "立案日期：2026年2月4日", "结案日期：2026年3月20日"},
		Parts: []Document{form, decision, notice},
	}
}

// TestSamples writes the samples; with DOCGEN_SAMPLES=dir set they are kept
// there (with PNG renderings when LibreOffice and poppler are installed)
// for a person to look at.
func TestSamples(t *testing.T) {
	dir := os.Getenv("DOCGEN_SAMPLES")
	if dir == "" {
		dir = t.TempDir()
	}
	var docx, pdf, bundle bytes.Buffer
	if err := WriteDOCX(&docx, sampleReport()); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&pdf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	if err := WriteBundlePDF(&bundle, sampleBundle()); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"report.docx": docx.Bytes(), "report.pdf": pdf.Bytes(), "bundle.pdf": bundle.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if os.Getenv("DOCGEN_SAMPLES") == "" {
		return
	}
	if out, err := sofficeToPDF(t, filepath.Join(dir, "report.docx"), dir); err != nil {
		t.Logf("soffice: %v %s", err, out)
	}
	for _, name := range []string{"report", "bundle"} {
		if out, err := run("pdftoppm", "-png", "-r", "60", filepath.Join(dir, name+".pdf"), filepath.Join(dir, name)); err != nil {
			t.Logf("pdftoppm: %v %s", err, out)
		}
	}
	t.Log("samples in", dir, fmt.Sprint(docx.Len(), " ", pdf.Len(), " ", bundle.Len()))
}
