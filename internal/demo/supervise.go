package demo

import (
	"bytes"
	"context"
	"fmt"

	"fazhi/internal/audit"
	"fazhi/internal/plan"
	"fazhi/internal/supervise"
)

// sampleReport is a progress report of the demo plan and how it is reviewed.
type sampleReport struct {
	user, unit, task, period, body string
	figures                        []supervise.Figure
	evidence                       bool
	review                         string // accept | return | "" (awaiting review)
	comment                        string
	complete                       bool
}

// demoReports are progress reports on the demo plan, each left in a
// different state of review.
var demoReports = []sampleReport{
	{"legal.sfj", "清溪县司法局", "动态调整权责清单", "2026年第2季度",
		"已完成县级部门权责事项梳理，权责清单经县政府常务会议审议后于6月26日在县政府门户网站公布。",
		[]supervise.Figure{{Name: "调整事项", Value: "137项"}, {Name: "涉及部门", Value: "28个"}}, true, "accept", "同意，资料齐全。", true},
	{"legal.zfb", "清溪县人民政府办公室", "深化“放管服”改革", "2026年第3季度",
		"高频事项“一网通办”正在推进，已完成事项标准化梳理。",
		[]supervise.Figure{{Name: "标准化事项", Value: "86项"}}, false, "return", "请补充“一网通办”上线事项清单和办件量。", false},
	{"legal.scjgj", "清溪县市场监督管理局", "全面推行行政执法三项制度", "2026年第4季度",
		"本季度开展行政执法案卷评查一次，抽查案卷30卷；执法人员资格清理已完成。",
		[]supervise.Figure{{Name: "评查案卷", Value: "30卷"}, {Name: "清理人员", Value: "12人"}}, false, "", "", false},
}

// Supervise starts supervision of the demo plan and files its sample
// reports through the real services. It does nothing when the plan is
// missing or already has reports.
func (s *Seeder) Supervise(ctx context.Context, plans *plan.Service, svc *supervise.Service) error {
	list, err := plans.List(ctx)
	if err != nil {
		return err
	}
	var planID int64
	for _, p := range list {
		if p.Title == PlanTitle {
			planID = p.ID
		}
	}
	if planID == 0 {
		return nil
	}
	office := audit.WithActor(ctx, s.planActor(ctx))
	if _, err := svc.Activate(office, planID); err != nil {
		return fmt.Errorf("demo supervise: %w", err)
	}
	as, err := svc.List(ctx, supervise.Filter{PlanID: planID})
	if err != nil {
		return err
	}
	for _, a := range as {
		if a.Reports > 0 {
			return nil
		}
	}
	for _, r := range demoReports {
		if err := s.demoReport(ctx, office, svc, as, r); err != nil {
			return err
		}
	}
	return s.reviewDemoReports(ctx, office, svc, planID)
}

func (s *Seeder) demoReport(ctx, office context.Context, svc *supervise.Service, as []supervise.Assignment, r sampleReport) error {
	var a supervise.Assignment
	for _, x := range as {
		if x.UnitName == r.unit && x.TaskTitle == r.task {
			a = x
		}
	}
	if a.ID == 0 {
		return fmt.Errorf("demo supervise: %s has no task %s", r.unit, r.task)
	}
	actx, scope := office, ""
	if s.Auth != nil {
		if u, err := s.Auth.GetByUsername(ctx, r.user); err == nil {
			actx = audit.WithActor(ctx, audit.Actor{UserID: u.ID, Username: u.Username, UnitID: u.UnitID})
			scope = u.ScopePath
		}
	}
	var files []supervise.Upload
	if r.evidence {
		files = append(files, supervise.Upload{Name: "权责清单调整说明.pdf",
			Data: bytes.NewReader([]byte("%PDF-1.4\n% 清溪县权责清单调整说明（演示）\n%%EOF\n"))})
	}
	_, err := svc.Submit(actx, scope, supervise.ReportInput{AssignmentID: a.ID, Period: r.period, Body: r.body, Figures: r.figures}, files)
	return err
}

// reviewDemoReports accepts or returns the sample reports as 法治办.
func (s *Seeder) reviewDemoReports(ctx, office context.Context, svc *supervise.Service, planID int64) error {
	for _, r := range demoReports {
		if r.review == "" {
			continue
		}
		as, err := svc.List(ctx, supervise.Filter{PlanID: planID})
		if err != nil {
			return err
		}
		for _, a := range as {
			if a.UnitName != r.unit || a.TaskTitle != r.task {
				continue
			}
			d, err := svc.Task(ctx, a.TaskID)
			if err != nil {
				return err
			}
			for _, rep := range d.Reports {
				if rep.AssignmentID != a.ID {
					continue
				}
				if r.review == "accept" {
					err = svc.Accept(office, "", rep.ID, r.comment)
				} else {
					err = svc.Return(office, "", rep.ID, r.comment)
				}
				if err != nil {
					return err
				}
			}
			if r.complete {
				if err := svc.Complete(office, "", a.ID); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
