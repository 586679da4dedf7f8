package demo

import (
	"context"
	"fmt"

	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/org"
)

// demoDeadline is one fictional monitored deadline: the rule, the owner,
// and how many days before today its starting event happened.
type demoDeadline struct {
	docNo, title, rule, unit, user string
	daysAgo                        int
}

// demoDeadlines spread around today: some overdue, some due within three
// working days (yellow on the home page), some later.
var demoDeadlines = []demoDeadline{
	{"清市监罚〔2026〕31号", "行政处罚决定信息公示（某商贸公司销售过期食品案）", "enf_publicity_license_penalty",
		"清溪县市场监督管理局", "legal.scjgj", 14},
	{"清市监罚〔2026〕35号", "行政处罚决定书送达（某餐饮店未公示许可证案）", "penalty_decision_service",
		"清溪县市场监督管理局", "officer.scjgj", 6},
	{"清政办依申请〔2026〕18号", "政府信息公开申请答复（征地补偿标准）", "ogi_reply", "清溪县人民政府办公室", "", 27},
	{"清复〔2026〕12号", "行政复议被申请人书面答复（不动产登记案）", "review_respondent_answer", "清溪县自然资源局", "", 11},
	{"清复〔2026〕9号", "作出行政复议决定（某运输公司不服处罚案）", "review_decision", "清溪县司法局", "fazhiban", 50},
	{"清住建许〔2026〕77号", "作出行政许可决定（建筑工程施工许可）", "license_decision", "清溪县住房和城乡建设局", "", 5},
	{"清信〔2026〕41号", "信访事项办结（小区物业纠纷）", "petition_handling", "清溪县人民政府办公室", "", 66},
	{"清检建〔2026〕3号", "回复检察建议（饮用水水源地保护）", "pro_suggestion_general", "清溪县生态环境分局", "", 45},
	{"清综执扣〔2026〕22号", "查封、扣押期限届满处理（违规广告设施）", "coercion_seizure", "清溪县综合行政执法局", "officer.zhzfj3", 28},
	{"清司规〔2026〕2号", "行政规范性文件公开征求意见期满（养犬管理规定）", "ndoc_public_comment", "清溪县司法局", "", 20},
	{"清人大建〔2026〕15号", "答复人大代表建议（农村公路养护）", "npc_suggestion_reply", "清溪县交通运输局", "", 80},
}

// Deadlines registers the demo county's monitored deadlines and puts the due
// ones on the home pages. It does nothing when they are already there.
func (s *Seeder) Deadlines(ctx context.Context, svc *deadline.Service) error {
	ctx = audit.WithActor(ctx, audit.Actor{Username: "demo"})
	if have, err := svc.ItemsOf(ctx, "demo", demoDeadlines[0].docNo); err != nil || len(have) > 0 {
		return err
	}
	today := svc.Today()
	for _, dd := range demoDeadlines {
		unit, err := s.unitNamed(ctx, dd.unit)
		if err != nil {
			return err
		}
		it := deadline.Item{ObjectType: "demo", ObjectID: dd.docNo, Title: dd.title + " " + dd.docNo,
			RuleID: dd.rule, Start: today.AddDays(-dd.daysAgo), UnitID: unit.ID}
		if dd.user != "" {
			u, err := s.Auth.GetByUsername(ctx, dd.user)
			if err != nil {
				return fmt.Errorf("demo deadline %s: user %s: %w", dd.docNo, dd.user, err)
			}
			it.UserID = u.ID
		}
		if _, err := svc.Register(ctx, nil, it); err != nil {
			return fmt.Errorf("demo deadline %s: %w", dd.docNo, err)
		}
	}
	_, err := svc.Remind(ctx, today)
	return err
}

// unitNamed finds a demo unit, also when this Seeder did not create the county.
func (s *Seeder) unitNamed(ctx context.Context, name string) (org.Unit, error) {
	if u, ok := s.units[name]; ok {
		return u, nil
	}
	u, err := s.Org.GetByName(ctx, name)
	if err != nil {
		return u, fmt.Errorf("demo unit %s: %w", name, err)
	}
	return u, nil
}
