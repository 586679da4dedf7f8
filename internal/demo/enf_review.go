package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
)

// reviewScores are the demo's findings for the files of a round, in turn
// (item seq → occurrences): mostly 优秀 and 良好; reviewFail is the one
// 不合格 file of last year's round.
var reviewScores = []map[int]int{{6: 2}, {4: 1, 6: 3}, {2: 1, 6: 2}, {2: 2, 7: 2}, {}, {3: 1, 6: 2, 7: 1}, {7: 2},
	{5: 1, 2: 2}, {2: 3, 4: 2, 3: 1}, {6: 1}} // 96, 89, 92, 88, 100, 89, 96, 87, 73, 98

var reviewFail = map[int]int{4: 5, 2: 4, 1: 1} // 25 + 16 + 5 = 46 deducted: 54, 不合格

var reviewReasons = map[int]string{
	1: "执法人员执法证件信息未在调查笔录中记载",
	2: "现场检查笔录未经当事人签字确认，关键证据缺少来源说明",
	3: "决定书引用法律条款未具体到款、项",
	4: "告知书未载明听证权利；送达回证缺少送达日期",
	5: "裁量说明过于简单，未说明适用的裁量档次",
	6: "文书文号不规范",
	7: "案卷目录与卷内材料不一致，缺少执法记录仪视频",
}

// EnforcementReviews gives the demo 案卷评查: last year's round over the
// enforcing departments, closed, with one 不合格 file whose 整改 the unit
// reported and the 法治办 closed; and this year's round, partly scored.
// Each department first gets a few ordinary cases closed in those years.
func (s *Seeder) EnforcementReviews(ctx context.Context, svc *enforcement.Service) error {
	office := audit.WithActor(ctx, s.planActor(ctx))
	realNow := svc.Now()
	year := realNow.In(cst).Year()
	for di, d := range enfDepts {
		if err := s.reviewDemoCases(office, svc, s.units[d.unit].ID, di, year-1, 3); err != nil {
			return fmt.Errorf("%s: %w", d.unit, err)
		}
		if err := s.reviewDemoCases(office, svc, s.units[d.unit].ID, di, year, 2); err != nil {
			return fmt.Errorf("%s: %w", d.unit, err)
		}
	}
	// Last year's round ran in January and February of this year.
	past := *svc
	at := func(month time.Month, day int) {
		t := time.Date(year, month, day, 2, 0, 0, 0, time.UTC)
		if t.After(realNow) {
			t = realNow
		}
		past.Now = func() time.Time { return t }
	}
	at(time.January, 12)
	if err := s.demoClosedRound(office, &past, at, year-1); err != nil {
		return fmt.Errorf("last year's review: %w", err)
	}
	return s.demoOpenRound(office, svc, year)
}

// reviewDemoCases closes n ordinary cases of a unit in year: 不予处罚 after
// the investigation, or 告知, 决定, 送达 and 结案.
func (s *Seeder) reviewDemoCases(ctx context.Context, svc *enforcement.Service, unit int64, di, year, n int) error {
	items, err := svc.CurrentItems(ctx, unit)
	if err != nil {
		return err
	}
	var item enforcement.Item
	for _, it := range items {
		if it.Category == enforcement.CatPenalty && !it.Major && !it.Collective {
			item = it
		}
	}
	offs, err := svc.UnitOfficers(ctx, unit)
	if err != nil {
		return err
	}
	today := svc.Now().In(cst).Format(time.DateOnly)
	for k := 0; k < n; k++ {
		filed := fmt.Sprintf("%d-%02d-%02d", year, 1+(k*4+di)%11, 5+k*3+di)
		if filed > today {
			filed = today
		}
		var pair []int64 // two officers who may act from 立案 to 结案
		for _, o := range offs {
			ok, _ := o.CanEnforceOn(filed)
			ok2, _ := o.CanEnforceOn(addDaysISO(filed, 30))
			if ok && ok2 {
				pair = append(pair, o.ID)
			}
		}
		if item.ID == 0 || len(pair) < 2 {
			continue
		}
		party := demoParties[(k+di+2)%len(demoParties)]
		id, err := svc.CreateCase(ctx, enforcement.CaseInput{UnitID: unit, ItemID: item.ID, Procedure: enforcement.ProcOrdinary,
			Title: demoCaseTitle(item), Source: enforcement.CaseSources[k%3], PartyKind: party.kind, PartyName: party.name,
			PartyAddress: party.address, Facts: fmt.Sprintf("经查，当事人%s存在%s的行为。", party.name, demoCaseTitle(item)),
			FoundOn: filed, FiledOn: filed, Mobile: k%2 == 0,
			Officers: []enforcement.CaseOfficerInput{{OfficerID: pair[0], Lead: true, ShownCert: true}, {OfficerID: pair[1], ShownCert: true}}})
		if err != nil {
			return err
		}
		on := func(days int) string {
			if d := addDaysISO(filed, days); d < today {
				return d
			}
			return today
		}
		steps := []enforcement.StepInput{{Step: enforcement.StepInvestigate, On: on(2), Note: "现场检查，制作询问笔录"}}
		if k == 1 {
			steps = append(steps, enforcement.StepInput{Step: enforcement.StepDecide, On: on(9), Decision: enforcement.DecNoPenalty,
				Note: "首次违法且危害后果轻微并及时改正，依法不予行政处罚（《行政处罚法》第三十三条）"})
		} else {
			fine, disc := int64(0), int64(0)
			for _, r := range item.Discretion {
				if r.Level == enforcement.LevelGeneral && r.MinFen != nil {
					fine, disc = *r.MinFen, r.ID
				}
			}
			steps = append(steps,
				enforcement.StepInput{Step: enforcement.StepNotify, On: on(6), Note: "告知拟作出的行政处罚及陈述、申辩、听证权利"},
				enforcement.StepInput{Step: enforcement.StepDecide, On: on(14), Decision: enforcement.DecPenalty, FineFen: fine, DiscretionID: disc,
					PenaltyText: fmt.Sprintf("罚款%s元", enforcement.Fen(fine).Yuan())},
				enforcement.StepInput{Step: enforcement.StepServe, On: on(15), Note: "直接送达，当事人签收"},
				enforcement.StepInput{Step: enforcement.StepClose, On: on(30), Note: "罚款已缴纳，执行完毕"})
		}
		for _, st := range steps {
			if err := svc.TakeStep(ctx, id, st); err != nil {
				return fmt.Errorf("%s: %w", st.Step, err)
			}
		}
	}
	return nil
}

// demoClosedRound: every file scored, the failing one rectified and
// closed, the round closed.
func (s *Seeder) demoClosedRound(ctx context.Context, svc *enforcement.Service, at func(time.Month, int), year int) error {
	scope := s.county.Path
	id, err := svc.CreateReviewRound(ctx, scope, enforcement.ReviewRoundInput{Year: year, PerUnit: 3, Seed: fmt.Sprint(year*10000 + 118),
		Title: fmt.Sprintf("%d年度全县行政执法案卷评查", year), Thresholds: enforcement.DefaultThresholds, Items: enforcement.DefaultReviewTable()})
	if err != nil {
		return err
	}
	cases, err := svc.ReviewCases(ctx, scope, enforcement.ReviewCaseFilter{RoundID: id})
	if err != nil {
		return err
	}
	at(time.January, 20)
	failing := cases[len(cases)/2]
	for i, c := range cases {
		found := reviewScores[i%len(reviewScores)]
		if c.ID == failing.ID {
			found = reviewFail
		}
		if err := svc.ScoreReviewCase(ctx, scope, c.ID, demoFindings(found)); err != nil {
			return fmt.Errorf("score %s: %w", c.CaseNo, err)
		}
	}
	at(time.January, 22)
	rect, err := svc.IssueReviewRectification(ctx, scope, failing.ID,
		"重新审查告知、送达程序，补正告知书和送达回证；补充证据来源说明；对承办人员开展程序规范培训", 15)
	if err != nil {
		return err
	}
	at(time.February, 5)
	legal := audit.WithActor(ctx, s.unitLegal(ctx, failing.UnitName))
	report := "已组织承办人员重新审查案卷，补正告知书、送达回证，补充证据来源说明；3月前完成全局执法人员程序规范培训。"
	if err := svc.SubmitReviewRectification(legal, s.unitPathOf(failing.UnitName), rect, report,
		[]enforcement.ReviewUpload{{Name: "案卷评查整改报告.pdf", Data: strings.NewReader(demoPDF("案卷评查整改报告"))}}); err != nil {
		return fmt.Errorf("submit: %w", err)
	}
	at(time.February, 9)
	if err := svc.CloseReviewRectification(ctx, scope, rect, "整改材料齐全，予以销号"); err != nil {
		return err
	}
	at(time.February, 10)
	return svc.CloseReviewRound(ctx, scope, id)
}

// demoOpenRound: this year's round with every other file scored.
func (s *Seeder) demoOpenRound(ctx context.Context, svc *enforcement.Service, year int) error {
	scope := s.county.Path
	id, err := svc.CreateReviewRound(ctx, scope, enforcement.ReviewRoundInput{Year: year, PerUnit: 2, Seed: fmt.Sprint(year*10000 + 1015),
		Title: fmt.Sprintf("%d年度行政执法案卷评查（第一批）", year), Thresholds: enforcement.DefaultThresholds, Items: enforcement.DefaultReviewTable()})
	if err != nil {
		return err
	}
	cases, err := svc.ReviewCases(ctx, scope, enforcement.ReviewCaseFilter{RoundID: id})
	if err != nil {
		return err
	}
	for i, c := range cases {
		if i%2 == 1 {
			continue
		}
		if err := svc.ScoreReviewCase(ctx, scope, c.ID, demoFindings(reviewScores[(i/2+3)%len(reviewScores)])); err != nil {
			return fmt.Errorf("score %s: %w", c.CaseNo, err)
		}
	}
	return nil
}

func demoFindings(m map[int]int) enforcement.ReviewScoreInput {
	var in enforcement.ReviewScoreInput
	for seq := 1; seq <= 7; seq++ {
		if m[seq] > 0 {
			in.Findings = append(in.Findings, enforcement.Finding{Seq: seq, Occurrences: m[seq], Reason: reviewReasons[seq]})
		}
	}
	if len(in.Findings) == 0 {
		in.Comment = "案卷规范，程序完整"
	}
	return in
}

// unitLegal is the 法制员 account of a department, by the unit's name.
func (s *Seeder) unitLegal(ctx context.Context, unitName string) audit.Actor {
	for _, d := range departments {
		if d.name != unitName {
			continue
		}
		if u, err := s.Auth.GetByUsername(ctx, "legal."+d.code); err == nil {
			return audit.Actor{UserID: u.ID, Username: u.Username, UnitID: u.UnitID}
		}
	}
	return audit.Actor{Username: "demo"}
}

func (s *Seeder) unitPathOf(name string) string { return s.units[name].Path }

// demoPDF is a minimal one-line PDF standing in for a scanned report.
func demoPDF(title string) string {
	return "%PDF-1.4\n% " + title + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
}
