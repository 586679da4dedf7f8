package demo

import (
	"context"
	"fmt"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
)

// A demo referral: the police's answers after the 移送, in order, each a
// few days after the previous one.
type demoReferral struct {
	charges   string
	answers   []enforcement.ReferralStatus
	note      string // the reason of the last answer
	oversight string
}

// demoReferrals are the 两法衔接 of the enforcing departments, one per
// department's transferred case, in enfDepts order.
var demoReferrals = []demoReferral{
	{charges: "生产、销售不符合安全标准的食品罪", answers: []enforcement.ReferralStatus{enforcement.RefAccepted, enforcement.RefFiled},
		note: "清公（食药环）立字〔%d〕8号"},
	{charges: "非法经营罪", answers: []enforcement.ReferralStatus{enforcement.RefReturned},
		note: "现有证据不足以证明涉案金额达到追诉标准，退回补充调查"},
	{charges: "污染环境罪", answers: []enforcement.ReferralStatus{enforcement.RefAccepted, enforcement.RefNotFiled},
		note: "认为情节显著轻微，不予立案", oversight: "清溪县人民检察院开展立案监督，要求公安机关说明不立案理由（清检监〔%d〕3号）"},
	{charges: "非法经营罪"},
	{charges: "侵犯著作权罪", answers: []enforcement.ReferralStatus{enforcement.RefRefused},
		note: "不属于本机关管辖，建议移送有管辖权的公安机关"},
}

// A demo complaint about a department, received daysAgo days ago.
type demoComplaint struct {
	dept              int // index in enfDepts
	daysAgo           int
	channel, who, tel string
	content, result   string
	investigate       bool
}

var demoComplaints = []demoComplaint{
	{dept: 0, daysAgo: 30, channel: "12345热线", who: "黄志明", tel: "13907990101", investigate: true,
		content: "反映市场监管执法人员在检查百味食品店时未出示执法证件",
		result:  "经调取执法记录仪视频核实，执法人员已出示执法证件，投诉不属实；已于当日电话答复投诉人"},
	{dept: 1, daysAgo: 5, channel: "网上投诉", who: "林秀兰", tel: "13907990102", investigate: true,
		content: "反映综合行政执法局拆除户外广告设施前未依法告知"},
	{dept: 3, daysAgo: 40, channel: "来信", who: "高建国", tel: "",
		content: "反映超限运输处罚的罚款数额明显高于同类案件，要求复查"},
	{dept: 4, daysAgo: 1, channel: "来访", who: "梁晓燕", tel: "13907990104",
		content: "反映文化市场执法检查时间过长，影响正常经营"},
}

// EnforcementSupervision gives the demo its supervision records: a 两法衔接
// referral of every transferred case in a different state (one filed after
// acceptance, one returned, one not filed with the procuratorate's
// oversight), complaints closed, open and overdue, and 复议/诉讼 with their
// outcomes, the revoked decisions among them as 撤销 (纠错).
func (s *Seeder) EnforcementSupervision(ctx context.Context, svc *enforcement.Service) error {
	today := svc.Now().In(cst).Format("2006-01-02")
	for di, d := range enfDepts {
		cases, _, err := svc.Cases(ctx, enforcement.CaseFilter{Scope: s.county.Path, UnitID: s.units[d.unit].ID, Limit: 100})
		if err != nil {
			return err
		}
		legal := audit.WithActor(ctx, s.unitLegal(ctx, d.unit))
		if err := s.demoReferral(legal, svc, di, cases, today); err != nil {
			return fmt.Errorf("%s referral: %w", d.unit, err)
		}
		if err := s.demoAppeals(legal, svc, di, cases, today); err != nil {
			return fmt.Errorf("%s appeals: %w", d.unit, err)
		}
	}
	office := audit.WithActor(ctx, s.planActor(ctx))
	for _, c := range demoComplaints {
		if err := s.demoComplaint(office, svc, c, today); err != nil {
			return fmt.Errorf("complaint %s: %w", c.who, err)
		}
	}
	return nil
}

func (s *Seeder) demoReferral(ctx context.Context, svc *enforcement.Service, di int, cases []enforcement.Case, today string) error {
	r := demoReferrals[di%len(demoReferrals)]
	year := svc.Now().In(cst).Year()
	for _, c := range cases {
		if c.State != enforcement.StateTransferred {
			continue
		}
		on := min(addDaysISO(c.FiledOn, 7), today)
		id, err := svc.RecordReferral(ctx, s.county.Path, enforcement.ReferralInput{CaseNo: c.CaseNo, ReferredOn: on,
			Receiver: "清溪县公安局", Charges: r.charges, Note: "移送案件移送书、涉案物品清单、检验报告及相关证据材料"})
		if err != nil {
			return err
		}
		for i, st := range r.answers {
			on = min(addDaysISO(on, 5), today)
			note := ""
			if i == len(r.answers)-1 {
				note = r.note
				if st == enforcement.RefFiled {
					note = fmt.Sprintf(r.note, year)
				}
			}
			if err := svc.SetReferralStatus(ctx, s.county.Path, id, st, on, note); err != nil {
				return fmt.Errorf("%s: %w", st.Label(), err)
			}
		}
		if r.oversight != "" {
			return svc.SetReferralOversight(audit.WithActor(ctx, s.planActor(ctx)), s.county.Path, id, fmt.Sprintf(r.oversight, year))
		}
		return nil
	}
	return nil
}

// demoAppeals: every revoked decision was revoked by 复议 (撤销); a closed
// case of every other department was upheld in 复议 or dismissed in 诉讼,
// and a served one is in court.
func (s *Seeder) demoAppeals(ctx context.Context, svc *enforcement.Service, di int, cases []enforcement.Case, today string) error {
	record := func(c enforcement.Case, kind enforcement.AppealKind, organ string, o enforcement.Outcome, note string) error {
		filed := min(addDaysISO(c.DecidedOn, 10), today)
		if o == enforcement.OutcomeRevoked { // filed soon after the decision, decided when the case was revoked
			filed = min(addDaysISO(c.DecidedOn, 5), today)
		}
		id, err := svc.RecordAppeal(ctx, s.county.Path, enforcement.AppealInput{CaseNo: c.CaseNo, Kind: kind, Organ: organ,
			FiledOn: filed, Note: note})
		if err != nil || o == enforcement.OutcomePending {
			return err
		}
		decided := min(addDaysISO(filed, 45), today)
		if c.ClosedOn != "" && o == enforcement.OutcomeRevoked {
			decided = max(min(addDaysISO(c.ClosedOn, 3), today), filed)
		}
		return svc.SetAppealOutcome(ctx, s.county.Path, id, o, decided, "")
	}
	closed, served := 0, 0
	for _, c := range cases {
		var err error
		switch {
		case c.State == enforcement.StateRevoked:
			err = record(c, enforcement.AppealReconsideration, "清溪县人民政府", enforcement.OutcomeRevoked, "申请人认为认定事实不清，请求撤销处罚决定")
		case c.State == enforcement.StateClosed && closed == 0:
			closed++
			if di%2 == 0 {
				err = record(c, enforcement.AppealReconsideration, "清溪县人民政府", enforcement.OutcomeUpheld, "申请人认为罚款过重")
			} else {
				err = record(c, enforcement.AppealLitigation, "清溪县人民法院", enforcement.OutcomeDismissed, "原告请求撤销处罚决定")
			}
		case c.State == enforcement.StateServed && served == 0 && di%2 == 1:
			served++
			err = record(c, enforcement.AppealLitigation, "清溪县人民法院", enforcement.OutcomePending, "原告请求撤销处罚决定，法院已立案")
		}
		if err != nil {
			return fmt.Errorf("%s: %w", c.CaseNo, err)
		}
	}
	return nil
}

func (s *Seeder) demoComplaint(ctx context.Context, svc *enforcement.Service, c demoComplaint, today string) error {
	received := addDaysISO(today, -c.daysAgo)
	id, err := svc.RegisterComplaint(ctx, s.county.Path, enforcement.ComplaintInput{UnitID: s.units[enfDepts[c.dept].unit].ID,
		ReceivedOn: received, Channel: c.channel, Complainant: c.who, Phone: c.tel, Content: c.content})
	if err != nil {
		return err
	}
	on := received
	if c.investigate {
		on = min(addDaysISO(on, 2), today)
		if err := svc.AdvanceComplaint(ctx, s.county.Path, id, enforcement.ComplaintInvestigating, on, ""); err != nil {
			return err
		}
	}
	if c.result != "" {
		return svc.AdvanceComplaint(ctx, s.county.Path, id, enforcement.ComplaintClosed, min(addDaysISO(on, 8), today), c.result)
	}
	return nil
}
