package demo

import (
	"context"
	"hash/fnv"
	"strconv"

	"fazhi/internal/audit"
	"fazhi/internal/indicator"
	"fazhi/internal/org"
)

// indicatorRows is a small fictional indicator tree in the import layout:
// 3 一级, 8 二级, 16 三级, 100 points; the automatic ones read the ledger
// and the supervision figures of the metric registry.
var indicatorRows = [][]string{
	indicator.Columns,
	{"1", "依法全面履行政府职能", "30"},
	{"1.1", "权责清单与规划任务", "15"},
	{"1.1.1", "权责清单动态调整", "8", "人工评分", "", "", "", "", "提供年度权责清单调整文件及公布截图"},
	{"1.1.2", "法治建设规划任务完成率", "7", "自动计算", "plan.completion_rate", "≥90"},
	{"1.2", "法律顾问与合同审查", "15"},
	{"1.2.1", "法律顾问配置率", "8", "自动计算", "counsel.coverage", "≥100"},
	{"1.2.2", "合同合法性审查", "7", "人工评分", "", "", "", "", "抽查合同审查意见书"},
	{"2", "严格规范公正文明执法", "40"},
	{"2.1", "执法规范化建设", "15"},
	{"2.1.1", "掌上执法率", "8", "自动计算", "enforce.mobile_rate", "≥95"},
	{"2.1.2", "“双随机”任务完成率", "7", "自动计算", "enforce.random_rate", "≥95:7;≥80:4;≥60:2"},
	{"2.2", "执法监督", "15"},
	{"2.2.1", "案卷评查", "8", "人工评分", "", "", "", "", "年度案卷评查报告及整改材料"},
	{"2.2.2", "执法过错责任追究", "7", "按次扣分", "", "", "2", "7", "每查实一起执法过错扣 2 分"},
	{"2.3", "行政执法三项制度", "10"},
	{"2.3.1", "执法公示", "5", "人工评分", "", "", "", "", "公示平台截图"},
	{"2.3.2", "重大执法决定法制审核", "5", "人工评分", "", "", "", "", "法制审核意见书"},
	{"3", "行政权力制约监督", "30"},
	{"3.1", "行政复议与应诉", "12"},
	{"3.1.1", "负责人出庭应诉率", "6", "自动计算", "litigation.appear_rate", "≥90;无数据满分", "", "", "未发生的不扣分"},
	{"3.1.2", "行政诉讼败诉率", "6", "自动计算", "litigation.loss_rate", "≤10;无数据满分", "", "", "未发生的不扣分"},
	{"3.2", "建议办理", "10"},
	{"3.2.1", "检察建议办复率", "5", "自动计算", "advice.procuratorial_rate", "≥100;无数据满分", "", "", "未发生的不扣分"},
	{"3.2.2", "司法建议办复率", "5", "自动计算", "advice.judicial_rate", "≥100;无数据满分", "", "", "未发生的不扣分"},
	{"3.3", "问题整改", "8"},
	{"3.3.1", "督察反馈问题未按期整改", "5", "按次扣分", "", "", "1", "5", "每项未按期整改扣 1 分"},
	{"3.3.2", "整改台账", "3", "人工评分", "", "", "", "", "整改台账及销号材料"},
}

// Indicators imports the demo indicator tree and runs a finished round for
// the ledger year over the departments and townships: self-assessments of
// every unit, reviewer scores (a few differing from the claim, with the
// reason), then closed. It does nothing when a tree exists.
func (s *Seeder) Indicators(ctx context.Context, svc *indicator.Service) error {
	ctx = audit.WithActor(ctx, s.planActor(ctx))
	if tree, err := svc.Tree(ctx); err != nil || len(tree) > 0 {
		return err
	}
	nodes, err := svc.Import(ctx, indicatorRows)
	if err != nil {
		return err
	}
	units, err := svc.Org.List(ctx, org.ListFilter{Status: org.ActiveOnly})
	if err != nil {
		return err
	}
	var ids []int64
	for _, u := range units {
		if u.Level == org.LevelDepartment || u.Level == org.LevelTownship || u.Level == org.LevelSubdistrict {
			ids = append(ids, u.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	r, err := svc.OpenRound(ctx, LedgerYear, strconv.Itoa(LedgerYear)+"年度法治政府建设考核", ids)
	if err != nil {
		return err
	}
	for i, id := range ids {
		var self []indicator.SelfEntry
		var scores []indicator.ScoreEntry
		for _, n := range nodes {
			if !n.Leaf || n.Method == indicator.MethodAuto {
				continue
			}
			h := indicatorDraw(strconv.FormatInt(id, 10) + n.Code)
			switch n.Method {
			case indicator.MethodManual:
				claim := n.MaxScore - float64(h%3)
				self = append(self, indicator.SelfEntry{Code: n.Code, Value: indicator.Num(claim), Note: "演示数据：材料已上传"})
				score := indicator.ScoreEntry{Code: n.Code, Score: indicator.Num(claim)}
				if i < 3 && h%4 == 0 {
					score = indicator.ScoreEntry{Code: n.Code, Score: indicator.Num(claim - 1),
						Justification: "演示数据：佐证材料不完整，扣 1 分"}
				}
				scores = append(scores, score)
			case indicator.MethodDeduction:
				self = append(self, indicator.SelfEntry{Code: n.Code, Value: strconv.Itoa(int(h % 3))})
			}
		}
		if err := svc.SelfAssess(ctx, r.ID, id, self); err != nil {
			return err
		}
		if len(scores) > 0 {
			if err := svc.ScoreUnit(ctx, r.ID, id, scores); err != nil {
				return err
			}
		}
	}
	// The ledger year's round is over: every item reviewed, results fixed.
	return svc.CloseRound(ctx, r.ID)
}

// indicatorDraw is a deterministic pseudo-random number for a key.
func indicatorDraw(key string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	return h.Sum64()
}
