package demo

import (
	"context"
	"fmt"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
)

// demoParty is a fictional party: a person (fictional 身份证号 of region
// 369921) or a shop.
type demoParty struct {
	kind, name, id, address string
}

var demoParties = []demoParty{
	{"org", "清溪县百味食品店", "", "清溪县溪口街道解放路18号"},
	{"person", "龚志刚", "", "清溪县青山镇青山村3组28号"},
	{"org", "清溪县顺达货运有限公司", "", "清溪县白石镇工业园区5号"},
	{"person", "符丽萍", "", "清溪县桃源镇桃源街66号"},
	{"org", "清溪县鸿运建材有限公司", "", "清溪县清溪街道建设路9号"},
	{"person", "邱建新", "", "清溪县梅岭镇梅岭村7组"},
}

// caseScript is how far a demo case goes: the steps after 立案 in order.
var caseScripts = [][]enforcement.Step{
	{},
	{enforcement.StepInvestigate},
	{enforcement.StepInvestigate, enforcement.StepNotify},
	{enforcement.StepInvestigate, enforcement.StepNotify, enforcement.StepDecide},
	{enforcement.StepInvestigate, enforcement.StepNotify, enforcement.StepDecide, enforcement.StepServe},
	{enforcement.StepInvestigate, enforcement.StepNotify, enforcement.StepDecide, enforcement.StepServe, enforcement.StepClose},
	{enforcement.StepInvestigate, enforcement.StepNotify, enforcement.StepDecide, enforcement.StepServe, enforcement.StepClose},
	{enforcement.StepInvestigate, enforcement.StepDecide}, // 不予处罚
	{enforcement.StepInvestigate, enforcement.StepTransfer},
	{enforcement.StepInvestigate, enforcement.StepNotify, enforcement.StepDecide, enforcement.StepServe, enforcement.StepClose, enforcement.StepRevoke},
}

// EnforcementCases gives each enforcing department cases over the last two
// years in every state, 重大 ones through 法制审核, most decisions published
// in time and a few late, and some 简易程序 decisions on the spot.
func (s *Seeder) EnforcementCases(ctx context.Context, svc *enforcement.Service) error {
	office := audit.WithActor(ctx, s.planActor(ctx))
	today := svc.Now().In(cst).Format("2006-01-02")
	for di, d := range enfDepts {
		u := s.units[d.unit]
		items, err := svc.CurrentItems(office, u.ID)
		if err != nil {
			return err
		}
		var penalties []enforcement.Item
		for _, it := range items {
			if it.Category == enforcement.CatPenalty {
				penalties = append(penalties, it)
			}
		}
		offs, err := svc.UnitOfficers(office, u.ID)
		if err != nil {
			return err
		}
		var pair []int64
		for _, o := range offs {
			if ok, _ := o.CanEnforceOn(addDaysISO(today, -730)); ok {
				if ok2, _ := o.CanEnforceOn(today); ok2 {
					pair = append(pair, o.ID)
				}
			}
		}
		if len(penalties) == 0 || len(pair) < 2 {
			continue
		}
		for k := 0; k < 14; k++ {
			item := penalties[(k+di)%len(penalties)]
			if script := caseScripts[k%len(caseScripts)]; len(script) == 2 && script[1] == enforcement.StepDecide {
				for _, it := range penalties { // 不予处罚 at the end of the investigation: an ordinary item
					if !it.Major && !it.Collective {
						item = it
					}
				}
			}
			script := caseScripts[k%len(caseScripts)]
			if len(script) == 2 && script[1] == enforcement.StepDecide && (item.Major || item.Collective) {
				script = caseScripts[3] // no ordinary item to end without a penalty: a decided case instead
			}
			if err := s.demoCase(office, svc, di, k, u.ID, item, script, pair[:2], today); err != nil {
				return fmt.Errorf("%s case %d: %w", d.unit, k, err)
			}
		}
	}
	return nil
}

func (s *Seeder) demoCase(ctx context.Context, svc *enforcement.Service, di, k int, unit int64, item enforcement.Item,
	script []enforcement.Step, pair []int64, today string) error {
	// Older cases went further; recent ones are still open.
	filed := addDaysISO(today, -(40 + (len(caseScripts)-k%len(caseScripts))*45 + k*9 + di*5))
	if len(script) <= 2 {
		filed = addDaysISO(today, -(8 + k*3 + di))
	}
	party := demoParties[(k+di)%len(demoParties)]
	in := enforcement.CaseInput{UnitID: unit, ItemID: item.ID, Procedure: enforcement.ProcOrdinary, Title: demoCaseTitle(item),
		Source: enforcement.CaseSources[(k+di)%3], PartyKind: party.kind, PartyName: party.name, PartyAddress: party.address,
		Facts:   fmt.Sprintf("经查，当事人%s存在%s的行为，有现场检查笔录、询问笔录、照片等证据证实。", party.name, demoCaseTitle(item)),
		FoundOn: addDaysISO(filed, -2), FiledOn: filed, Mobile: k%4 != 3,
		Officers: []enforcement.CaseOfficerInput{{OfficerID: pair[0], Lead: true, ShownCert: true}, {OfficerID: pair[1], ShownCert: true}}}
	if k == 13 { // a 简易程序 decision on the spot
		in.Procedure, in.PenaltyText, in.FineFen = enforcement.ProcSimple, "警告", 0
		in.DepartureReason = "情节轻微，当场予以警告"
		_, err := svc.CreateCase(ctx, in)
		return err
	}
	id, err := svc.CreateCase(ctx, in)
	if err != nil {
		return err
	}
	on := filed
	next := func(days int) string {
		on = addDaysISO(on, days)
		if on > today {
			on = today
		}
		return on
	}
	fine := int64(0)
	var disc int64
	for _, r := range item.Discretion {
		if r.Level == enforcement.LevelGeneral && r.MinFen != nil {
			fine, disc = *r.MinFen, r.ID
		}
	}
	for _, st := range script {
		in := enforcement.StepInput{Step: st, On: next(3)}
		switch st {
		case enforcement.StepInvestigate:
			in.Note = "现场检查，调取经营记录，制作询问笔录"
		case enforcement.StepNotify:
			in.Note = fmt.Sprintf("拟作出罚款%s元的行政处罚，告知陈述、申辩及听证权利", enforcement.Fen(fine).Yuan())
		case enforcement.StepDecide:
			if item.Major {
				if err := s.demoReview(ctx, svc, id, next(2)); err != nil {
					return err
				}
				in.On = next(1)
			}
			if item.Collective && len(script) != 2 {
				if err := svc.TakeStep(ctx, id, enforcement.StepInput{Step: enforcement.StepCollective, On: in.On,
					Note: "局务会议集体讨论，同意按一般违法情节处罚"}); err != nil {
					return err
				}
			}
			if len(script) == 2 {
				in.Decision, in.Note = enforcement.DecNoPenalty, "首次违法且危害后果轻微并及时改正，依法不予行政处罚（《行政处罚法》第三十三条）"
			} else {
				in.Decision, in.FineFen, in.DiscretionID = enforcement.DecPenalty, fine, disc
				in.PenaltyText = fmt.Sprintf("罚款%s元", enforcement.Fen(fine).Yuan())
			}
		case enforcement.StepServe:
			in.Note = "直接送达，当事人签收"
		case enforcement.StepClose:
			in.Note = "罚款已缴纳，执行完毕"
		case enforcement.StepTransfer:
			in.Note = "涉嫌犯罪，移送清溪县公安局"
		case enforcement.StepRevoke:
			in.Note = "清溪县人民政府行政复议决定撤销原处罚决定"
		}
		if err := svc.TakeStep(ctx, id, in); err != nil {
			return fmt.Errorf("%s: %w", st, err)
		}
		if st == enforcement.StepDecide && in.Decision == enforcement.DecPenalty {
			// Published within the limit, except every fifth decision.
			pub := addDaysISO(in.On, 2)
			if k == 9 && di%2 == 0 {
				pub = addDaysISO(in.On, 20)
			}
			if pub > today {
				pub = today
			}
			if err := svc.PublishOn(ctx, id, pub); err != nil {
				return fmt.Errorf("publish: %w", err)
			}
		}
	}
	return nil
}

// demoReview takes a 重大 case through 法制审核 (all points in order).
func (s *Seeder) demoReview(ctx context.Context, svc *enforcement.Service, id int64, on string) error {
	if err := svc.TakeStep(ctx, id, enforcement.StepInput{Step: enforcement.StepSubmitReview, On: on}); err != nil {
		return err
	}
	all := map[string]bool{}
	for _, it := range enforcement.ReviewItems {
		all[it.Key] = true
	}
	return svc.TakeStep(ctx, id, enforcement.StepInput{Step: enforcement.StepReview, On: on, Review: enforcement.ReviewPass,
		Checklist: all, Note: "主体合法，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意"})
}

func demoCaseTitle(it enforcement.Item) string {
	name := it.Name
	for _, p := range []string{"对", "的处罚", "的查处"} {
		name = trimAffix(name, p)
	}
	return name
}

func trimAffix(s, affix string) string {
	if len(s) > len(affix) && s[:len(affix)] == affix {
		return s[len(affix):]
	}
	if len(s) > len(affix) && s[len(s)-len(affix):] == affix {
		return s[:len(s)-len(affix)]
	}
	return s
}
