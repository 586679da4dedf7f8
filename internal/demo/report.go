package demo

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/report"
)

// The county government's annual reports: the LedgerYear report as the
// county would have finished it (drafted from the ledger and the records,
// the 【…】 parts written by the 法治办, submitted before 1 March and
// published on the portal in March), and the following year's report as
// the system drafts it from that year's records.
const (
	reportSubmitted = "02-26" // of the year after LedgerYear
	reportPublished = "03-20"
)

// reportTexts are the fictional passages the 法治办 wrote in place of the
// draft's placeholders, by section; other sections get reportFallback.
var reportTexts = map[string]string{
	report.KeyDuty: "县政府主要负责人全年4次主持召开政府常务会议听取法治政府建设工作汇报，带头参加县委理论学习中心组法治专题学习，" +
		"在县委全面依法治县委员会会议上述法，并出庭应诉行政诉讼案件1件。",
	report.KeyIssues: "一是部分乡镇合法性审查力量仍较薄弱，审查意见说理不够充分；二是个别部门行政执法案卷制作不够规范，" +
		"法制审核把关有待加强；三是法治宣传教育的针对性和实效性还需提升。原因主要是基层法治工作人员配备不足、" +
		"专业培训不够系统，部分单位对法治政府建设的重视程度层层递减。",
	report.KeyPlans: "深入推进行政执法协调监督工作体系建设，开展全县行政执法案卷集中评查；完善重大行政决策目录管理，" +
		"推动乡镇合法性审查全覆盖提质增效。",
	report.AreaSectionKey("functions"): "深化“放管服”改革，动态调整县级权责清单，全面推行证明事项告知承诺制，企业开办实现一日办结。",
	report.AreaSectionKey("open"):      "完善政府信息公开平台，按时发布年度政府信息公开工作报告，政策解读与文件同步发布。",
}

const reportFallback = "结合本县实际，持续完善相关工作机制，各项工作有序推进。"

var rePlaceholder = regexp.MustCompile(`【[^【】]*】`)

// Reports seeds the two reports of 清溪县人民政府. It does nothing when the
// county already has reports.
func (s *Seeder) Reports(ctx context.Context, svc *report.Service) error {
	ctx = audit.WithActor(ctx, s.planActor(ctx))
	county, err := s.unitNamed(ctx, "清溪县人民政府")
	if err != nil {
		return err
	}
	if have, err := svc.List(ctx, report.ListFilter{Scope: county.Path}); err != nil || len(have) > 0 {
		return err
	}
	if err := s.finishedReport(ctx, svc, county.ID); err != nil {
		return fmt.Errorf("demo report %d: %w", LedgerYear, err)
	}
	if _, err := svc.Create(ctx, report.CreateInput{UnitID: county.ID, Year: LedgerYear + 1}); err != nil {
		return fmt.Errorf("demo report %d: %w", LedgerYear+1, err)
	}
	return nil
}

// finishedReport drafts the LedgerYear report, writes the placeholders,
// submits and publishes it on the days a county would have.
func (s *Seeder) finishedReport(ctx context.Context, base *report.Service, countyID int64) error {
	at := func(monthDay string) func() time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", fmt.Sprintf("%d-%s 10:00", LedgerYear+1, monthDay), cst)
		return func() time.Time { return t }
	}
	svc := s.reportOn(base, at("02-10"))
	id, err := svc.Create(ctx, report.CreateInput{UnitID: countyID, Year: LedgerYear})
	if err != nil {
		return err
	}
	full, err := svc.Load(ctx, id)
	if err != nil {
		return err
	}
	for _, sec := range full.Sections {
		if !rePlaceholder.MatchString(sec.Body) {
			continue
		}
		text, ok := reportTexts[sec.Key]
		if !ok {
			text = reportFallback
		}
		body := rePlaceholder.ReplaceAllLiteralString(sec.Body, text)
		if _, err := svc.SaveSection(ctx, id, sec.Key, report.SectionInput{Heading: sec.Heading, Body: body,
			Note: "补充数据无法反映的内容", Base: sec.Version}); err != nil {
			return fmt.Errorf("section %s: %w", sec.Key, err)
		}
	}
	if err := svc.SetMeta(ctx, id, report.Meta{Title: full.Title, DocNo: fmt.Sprintf("清府报〔%d〕6号", LedgerYear+1),
		Addressee: full.Addressee, Issuer: full.Issuer}); err != nil {
		return err
	}
	svc = s.reportOn(base, at(reportSubmitted))
	if err := svc.Submit(ctx, id, fmt.Sprintf("%d-%s", LedgerYear+1, reportSubmitted), "中共清溪县委、云岭市人民政府"); err != nil {
		return err
	}
	svc = s.reportOn(base, at(reportPublished))
	_, err = svc.Publish(ctx, id)
	return err
}

// reportOn is the report service with its clock (and the monitor's) set
// to a day of the past, so the demo's history reads as it would have.
func (s *Seeder) reportOn(base *report.Service, now func() time.Time) *report.Service {
	svc := *base
	svc.Now = now
	if base.Deadlines != nil {
		dl := deadline.NewService(base.DB, base.Audit)
		dl.Now = now
		svc.Deadlines = dl
	}
	return &svc
}
