package enforcement_test

import (
	"strings"
	"testing"

	"fazhi/internal/enforcement"
)

func TestCaseStateMachine(t *testing.T) {
	two := []enforcement.CaseOfficer{{Name: "甲", ShownCert: true}, {Name: "乙", ShownCert: true}}
	base := enforcement.Progress{Procedure: enforcement.ProcOrdinary, State: enforcement.StateFiled, Officers: two}
	with := func(change func(*enforcement.Progress)) enforcement.Progress {
		p := base
		change(&p)
		return p
	}
	notified := func(p *enforcement.Progress) { p.State, p.Notified = enforcement.StateNotified, true }
	step := func(s enforcement.Step) enforcement.Request {
		return enforcement.Request{Step: s, On: "2026-03-10", Decision: enforcement.DecPenalty, Review: enforcement.ReviewPass}
	}
	for _, c := range []struct {
		name string
		p    enforcement.Progress
		r    enforcement.Request
		want enforcement.State
		err  string // part of the refusal
	}{
		{"investigate with two officers who showed their certificates", base, step(enforcement.StepInvestigate), enforcement.StateInvestigating, ""},
		{"one officer is not enough", with(func(p *enforcement.Progress) { p.Officers = two[:1] }), step(enforcement.StepInvestigate), "", "不得少于两人"},
		{"certificate not shown", with(func(p *enforcement.Progress) { p.Officers = []enforcement.CaseOfficer{two[0], {Name: "乙"}} }), step(enforcement.StepInvestigate), "", "乙未记录出示执法证件"},
		{"expired certificate", with(func(p *enforcement.Progress) {
			p.Officers = []enforcement.CaseOfficer{two[0], {Name: "乙", ShownCert: true, Problem: "乙的执法证有效期至2026-01-01，已过期"}}
		}), step(enforcement.StepInvestigate), "", "已过期"},
		{"notify after investigating", with(func(p *enforcement.Progress) { p.State = enforcement.StateInvestigating }), step(enforcement.StepNotify), enforcement.StateNotified, ""},
		{"no notice before investigating", base, step(enforcement.StepNotify), "", "调查取证后方可告知"},
		{"decision without notice", with(func(p *enforcement.Progress) { p.State = enforcement.StateInvestigating }), step(enforcement.StepDecide), "", "第四十四条"},
		{"no-penalty right after investigating", with(func(p *enforcement.Progress) { p.State = enforcement.StateInvestigating }),
			enforcement.Request{Step: enforcement.StepDecide, Decision: enforcement.DecNoPenalty}, enforcement.StateNoPenalty, ""},
		{"ordinary decision after notice", with(notified), step(enforcement.StepDecide), enforcement.StateDecided, ""},
		{"major decision before review", with(func(p *enforcement.Progress) { notified(p); p.Major = true }), step(enforcement.StepDecide), "", "未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）"},
		{"major decision after review", with(func(p *enforcement.Progress) {
			notified(p)
			p.Major, p.State, p.ReviewPassed = true, enforcement.StateLegalReview, true
		}), step(enforcement.StepDecide), enforcement.StateDecided, ""},
		{"collective needed", with(func(p *enforcement.Progress) { notified(p); p.Collective = true }), step(enforcement.StepDecide), "", "第五十七条"},
		{"collective before review of a major case", with(func(p *enforcement.Progress) { notified(p); p.Major, p.Collective = true, true }), step(enforcement.StepCollective), "", "应先经法制审核"},
		{"collective done", with(func(p *enforcement.Progress) {
			notified(p)
			p.Collective, p.CollectiveDone, p.State = true, true, enforcement.StateCollective
		}), step(enforcement.StepDecide), enforcement.StateDecided, ""},
		{"hearing within five days", with(func(p *enforcement.Progress) { notified(p); p.HearingRight, p.HearingDeadline = true, "2026-03-10" }),
			step(enforcement.StepRequestHearing), enforcement.StateHearing, ""},
		{"hearing asked too late", with(func(p *enforcement.Progress) { notified(p); p.HearingRight, p.HearingDeadline = true, "2026-03-09" }),
			step(enforcement.StepRequestHearing), "", "期限已于2026-03-09届满"},
		{"no hearing right", with(notified), step(enforcement.StepRequestHearing), "", "第六十三条"},
		{"decision while a hearing is pending", with(func(p *enforcement.Progress) {
			notified(p)
			p.State, p.HearingRequested = enforcement.StateHearing, true
		}), step(enforcement.StepDecide), "", "听证结束后方可作出决定"},
		{"decision after the hearing", with(func(p *enforcement.Progress) {
			notified(p)
			p.State, p.HearingRequested, p.HearingHeld = enforcement.StateHearing, true, true
		}), step(enforcement.StepDecide), enforcement.StateDecided, ""},
		{"review returned for amendment", with(func(p *enforcement.Progress) { notified(p); p.State = enforcement.StateLegalReview }),
			enforcement.Request{Step: enforcement.StepReview, Review: enforcement.ReviewAmend}, enforcement.StateInvestigating, ""},
		{"serve a decision", with(func(p *enforcement.Progress) { p.State = enforcement.StateDecided }), step(enforcement.StepServe), enforcement.StateServed, ""},
		{"serve before deciding", with(notified), step(enforcement.StepServe), "", "尚未作出决定"},
		{"enforce an unpaid fine", with(func(p *enforcement.Progress) {
			p.State, p.Decision, p.FineFen = enforcement.StateServed, enforcement.DecPenalty, 500000
		}), step(enforcement.StepEnforce), enforcement.StateExecuting, ""},
		{"close after service", with(func(p *enforcement.Progress) { p.State = enforcement.StateServed }), step(enforcement.StepClose), enforcement.StateClosed, ""},
		{"close before service", with(func(p *enforcement.Progress) { p.State = enforcement.StateDecided }), step(enforcement.StepClose), "", "送达并执行完毕后方可结案"},
		{"transfer while investigating", with(func(p *enforcement.Progress) { p.State = enforcement.StateInvestigating }), step(enforcement.StepTransfer), enforcement.StateTransferred, ""},
		{"revoke a closed case", with(func(p *enforcement.Progress) { p.State = enforcement.StateClosed }), step(enforcement.StepRevoke), enforcement.StateRevoked, ""},
		{"nothing after closing", with(func(p *enforcement.Progress) { p.State = enforcement.StateClosed }), step(enforcement.StepNotify), "", "案件已结案，不能再告知"},
	} {
		got, err := enforcement.Next(c.p, c.r)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: got %s, %v; want refusal containing %q", c.name, got, err, c.err)
		case c.err == "" && got != c.want:
			t.Errorf("%s: moved to %s, want %s", c.name, got, c.want)
		}
	}
}

func TestCheckSimple(t *testing.T) {
	one := []enforcement.CaseOfficer{{Name: "甲", ShownCert: true}}
	for _, c := range []struct {
		org  bool
		fine enforcement.Fen
		offs []enforcement.CaseOfficer
		err  string
	}{
		{false, 20000, one, ""},
		{false, 20001, one, "对公民的罚款不得超过200.00元"},
		{true, 300000, one, ""},
		{true, 300001, one, "不得超过3000.00元"},
		{false, 5000, nil, "请登记"},
		{false, 5000, []enforcement.CaseOfficer{{Name: "甲"}}, "第五十二条"},
	} {
		err := enforcement.CheckSimple(c.org, c.fine, c.offs)
		if (c.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%+v: %v", c, err)
		}
	}
}

func TestAllowedSteps(t *testing.T) {
	p := enforcement.Progress{Procedure: enforcement.ProcOrdinary, State: enforcement.StateNotified, Notified: true, Major: true,
		Officers: []enforcement.CaseOfficer{{Name: "甲", ShownCert: true}, {Name: "乙", ShownCert: true}}}
	got := enforcement.Allowed(p, "2026-03-02")
	want := []enforcement.Step{enforcement.StepSubmitReview}
	if len(got) != len(want) || got[0] != want[0] {
		t.Fatalf("allowed %v, want %v (a major case goes to 法制审核 before anything else)", got, want)
	}
	// A hearing may be asked for until its deadline, not after.
	p.HearingRight, p.HearingDeadline = true, "2026-03-02"
	if got := enforcement.Allowed(p, "2026-03-02"); len(got) != 2 || got[0] != enforcement.StepRequestHearing {
		t.Errorf("on the last day: %v", got)
	}
	if got := enforcement.Allowed(p, "2026-03-03"); len(got) != 1 {
		t.Errorf("after the deadline: %v", got)
	}
}
