package ledger

import (
	"slices"
	"testing"
)

// seed002 are the figures the 海曙区 2020 report (seed 002) states, by the
// Chinese name of the ledger field (entered or computed) that must hold each.
var seed002 = map[string]string{
	"法律顾问 49（部门）":      "政府部门法律顾问",
	"法律顾问 23（镇乡街道）":    "乡镇（街道）法律顾问",
	"公职律师 46":          "公职律师",
	"法律顾问配置率 100%":     "法律顾问配置率",
	"持证执法人员 2210":      "持证执法人员",
	"执法检查户次 19261":     "行政检查户次",
	"掌上执法率 98.38%":     "掌上执法率",
	"双随机任务完成率 100%":    "“双随机”任务完成率",
	"事件处置率 95.38%":     "事件处置率",
	"执法主体确认 4 个":       "确认公告的行政执法主体",
	"执法监督通知书 4 份":      "制发执法监督通知书",
	"评查优秀案卷 6 卷":       "评查优秀案卷",
	"复议新收 86":          "行政复议新收案件",
	"复议办结 79":          "行政复议办结案件",
	"复议纠错 8":           "行政复议纠错案件",
	"调解行政争议 29":        "调解成功的行政争议",
	"行政首长出庭率 100%":     "负责人出庭应诉率",
	"规范性文件清理 213":      "清理行政规范性文件",
	"继续有效 144":         "清理后继续有效",
	"废止 67":            "清理后废止",
	"修改 2":             "清理后修改",
	"报备率 100%":         "规范性文件报备率",
	"重大行政决策目录 4 项":     "纳入目录的重大行政决策",
	"第三方评估":            "重大行政决策后评估",
	"人大代表建议 105":       "办理人大代表建议",
	"政协提案 210":         "办理政协提案",
	"主动公开 4.6 万余条":     "主动公开政府信息",
	"矛盾纠纷受理 40083":     "受理矛盾纠纷",
	"化解率 96.9%":        "矛盾纠纷化解率",
	"人民调解委员会 318":      "人民调解委员会",
	"人民调解化解 12083":     "人民调解化解纠纷",
	"法治讲座 200 余场":      "法治讲座",
	"法治宣传活动 400 余场":    "法治宣传活动",
	"后叶镇 行政处罚 457":     "行政处罚案件",
	"后叶镇 合同审查 8 件次":    "合同合法性审查",
	"后叶镇 审核规范性文件 2 次":  "合法性审核行政规范性文件",
	"草堂镇 执法培训 ≥ 40 学时": "执法人员人均培训学时",
	"草堂镇 司法建议办复率 100%": "司法建议办复率",
	"草堂镇 检察建议办复率 100%": "检察建议办复率",
	"草堂镇 败诉率":          "行政诉讼败诉率",
	"桐庐县 学法 ≥ 4 次/年":   "政府常务会议学法",
}

func TestCatalogueCoversSeedFigures(t *testing.T) {
	names := map[string]bool{}
	for _, f := range Fields {
		names[f.Name] = true
	}
	for figure, name := range seed002 {
		if !names[name] {
			t.Errorf("seed figure %q: no ledger field named %q", figure, name)
		}
	}
	if n := len(Entered()); n < 40 {
		t.Errorf("only %d entered fields, want at least 40", n)
	}
}

func TestCatalogueIsConsistent(t *testing.T) {
	keys, names := map[string]bool{}, map[string]bool{}
	for _, f := range Fields {
		if keys[f.Key] || names[f.Name] {
			t.Errorf("%s %s: duplicate key or name", f.Key, f.Name)
		}
		keys[f.Key], names[f.Name] = true, true
		if !slices.Contains(Groups, f.Group) {
			t.Errorf("%s: unknown group %q", f.Key, f.Group)
		}
		if f.Help == "" || f.Unit == "" {
			t.Errorf("%s: help and unit required", f.Key)
		}
		if f.Derived() == (f.Check != "") {
			t.Errorf("%s: a field is either derived or has a check", f.Key)
		}
		if f.Derived() {
			for _, k := range []string{f.Ratio.Num, f.Ratio.Den} {
				if g, ok := FieldByKey(k); !ok || g.Derived() {
					t.Errorf("%s: ratio part %s must be an entered field", f.Key, k)
				}
			}
		}
	}
	for _, c := range consistency {
		for _, k := range append(c.parts, c.whole) {
			if _, ok := FieldByKey(k); !ok {
				t.Errorf("consistency rule names unknown field %s", k)
			}
		}
	}
}
