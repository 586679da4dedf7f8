package demo

import (
	"context"
	"fmt"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/org"
	"fazhi/internal/plan"
)

// PlanTitle is the title of the demo county's yearly plan.
const PlanTitle = "清溪县2026年法治政府建设工作要点"

// planText is a fictional 工作要点 in the style of seed 003: chapters,
// tasks numbered on across them, a unit list closing each task.
const planText = `中共清溪县委全面依法治县委员会办公室
关于印发《清溪县2026年法治政府建设工作要点》的通知

各乡镇人民政府、街道办事处，县政府各部门：
现将《清溪县2026年法治政府建设工作要点》印发给你们，请认真贯彻落实。

清溪县2026年法治政府建设工作要点

2026年是“十五五”开局之年。为深入推进依法行政，加快建设法治政府，结合我县实际，制定本工作要点。

一、总体要求
(一)指导思想。坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，全面推进法治政府建设，为全县经济社会发展提供法治保障。
(二)工作目标。到2026年年底，法治政府建设各项任务全面落实，依法行政水平明显提升。

二、健全政府机构职能体系
(三)动态调整权责清单。全面梳理县级部门权责事项，2026年6月底前完成权责清单动态调整并向社会公布。(责任单位:县司法局、县政府办公室、县政府各部门)
(四)深化“放管服”改革。推进政务服务事项标准化，2026年9月底前实现高频事项“一网通办”。(牵头单位:县政府办公室;配合单位:县发展和改革局、县市场监督管理局)

三、健全依法行政制度体系
(五)加强行政规范性文件监督管理。严格落实合法性审核和备案审查制度，2026年年底前完成现行有效规范性文件全面清理。(责任单位:县司法局、县政府各部门、各乡镇（街道）)
(六)严格落实重大行政决策程序。制定并公布年度重大行政决策事项目录，每年第一季度向社会公布。(责任单位:县政府办公室、县司法局)

四、严格规范公正文明执法
(七)全面推行行政执法三项制度。每季度开展一次行政执法案卷评查，2026年6月底前完成行政执法人员资格清理。(责任单位:县司法局、县公安局、县市场监督管理局、县综合行政执法局)
(八)深化乡镇综合行政执法改革。规范乡镇（街道）赋权事项，2026年年底前完成赋权事项评估。(牵头单位:县司法局;配合单位:县综合行政执法局、各乡镇（街道）)

五、预防调处化解社会矛盾纠纷
(九)发挥行政复议主渠道作用。落实行政复议案件繁简分流，每半年通报一次行政复议和行政应诉情况。(责任单位:县司法局、县政府有关部门)
(十)加强行政调解和人民调解。健全“三调联动”机制，每月开展矛盾纠纷排查。(责任单位:县司法局、县公安局、白石镇、青山镇)

六、健全法治政府建设推进机制
(十一)加强学法用法。每年组织县政府常务会议学法不少于4次，行政执法人员每年参加法律知识培训不少于60学时。(责任单位:县司法局、县人力资源和社会保障局、县政府各部门)
(十二)严格落实年度报告制度。每年3月底前向县委和市政府报告上一年度法治政府建设情况，并向社会公开。(责任单位:县司法局、县政府办公室)

各单位要结合实际抓好落实，重大问题及时报告。

中共清溪县委全面依法治县委员会办公室
2026年2月10日
`

// demoGroups are the county's unit groups: a name a plan uses for a set of
// units, with the other names it goes by.
var demoGroups = []struct {
	name    string
	aliases []string
	levels  []org.Level
}{
	{"各乡镇（街道）", []string{"各乡镇人民政府、街道办事处", "各乡镇、街道", "各乡镇(街道)"}, []org.Level{org.LevelTownship, org.LevelSubdistrict}},
	{"县政府各部门", []string{"县直各部门", "县政府有关部门", "县政府其他部门", "县直有关部门"}, []org.Level{org.LevelDepartment}},
}

// Plan creates the unit groups and imports and confirms the county's 2026
// 工作要点 through the real import path. It does nothing when the plan is
// already there.
func (s *Seeder) Plan(ctx context.Context, svc *plan.Service) error {
	ctx = audit.WithActor(ctx, s.planActor(ctx))
	plans, err := svc.List(ctx)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if p.Title == PlanTitle {
			return nil
		}
	}
	if err := s.planGroups(ctx, svc); err != nil {
		return err
	}
	id, err := svc.CreateDraft(ctx, plan.Upload{Name: PlanTitle + ".txt", Data: []byte(planText)})
	if err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	if _, err := svc.Confirm(ctx, id); err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	return nil
}

// planActor is the 法治办 account when it exists, so the plan shows who
// imported it.
func (s *Seeder) planActor(ctx context.Context) audit.Actor {
	a := audit.Actor{Username: "demo"}
	if s.Auth == nil {
		return a
	}
	if u, err := s.Auth.GetByUsername(ctx, "fazhiban"); err == nil {
		a.UserID, a.Username, a.UnitID = u.ID, u.Username, u.UnitID
	}
	return a
}

func (s *Seeder) planGroups(ctx context.Context, svc *plan.Service) error {
	units, err := svc.Org.List(ctx, org.ListFilter{Status: org.ActiveOnly})
	if err != nil {
		return err
	}
	for _, dg := range demoGroups {
		if _, ok, err := svc.GroupByName(ctx, dg.name); err != nil || ok {
			if err != nil {
				return err
			}
			continue
		}
		g := plan.Group{Name: dg.name, Aliases: dg.aliases, Note: "演示数据：" + strings.Join(levelLabels(dg.levels), "、")}
		for _, u := range units {
			for _, l := range dg.levels {
				if u.Level == l {
					g.UnitIDs = append(g.UnitIDs, u.ID)
				}
			}
		}
		if _, err := svc.SaveGroup(ctx, g); err != nil {
			return fmt.Errorf("unit group %s: %w", dg.name, err)
		}
	}
	return nil
}

func levelLabels(levels []org.Level) []string {
	out := make([]string, len(levels))
	for i, l := range levels {
		out[i] = "全部" + l.Label()
	}
	return out
}
