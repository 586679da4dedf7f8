package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
)

// In Chromium, as a new user would: an officer records a 两法衔接 referral
// from a transferred case and records the police's acceptance; the 法治办
// registers a complaint and closes it with the result. Every supervision
// page is photographed along the way (FAZHI_SCREENSHOTS).
func TestBrowserEnfSupervision(t *testing.T) {
	f := getFixture(t)
	d := supWebSeed(t)
	base := f.srv.URL
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "test"})
	transfer, err := supWebCase(ctx, f, d.own, []enforcement.Step{enforcement.StepInvestigate, enforcement.StepTransfer}, 12)
	if err != nil {
		t.Fatal(err)
	}
	decided, err := supWebCase(ctx, f, d.own, []enforcement.Step{enforcement.StepInvestigate, enforcement.StepNotify,
		enforcement.StepDecide, enforcement.StepServe}, 28)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.Web.Enforcement.RecordAppeal(ctx, "", enforcement.AppealInput{CaseNo: decided,
		Kind: enforcement.AppealLitigation, Organ: "清溪县人民法院", FiledOn: enfRegDay(-3), Note: "原告请求撤销处罚决定"}); err != nil {
		t.Fatal(err)
	}
	do := func(bctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		tctx, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(tctx, actions...); err != nil {
			screenshot(t, bctx, "sup-failed")
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(bctx context.Context, sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("text %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	visit := func(bctx context.Context, path, waitFor, shot string) {
		t.Helper()
		do(bctx, path, chromedp.Navigate(base+path), chromedp.WaitVisible(waitFor))
		screenshot(t, bctx, shot)
	}

	officer := browser(t)
	loginInBrowser(t, officer, base, "officer.zrzyj2")
	visit(officer, "/enforcement/referrals/new", "#referral-form", "sup-referral-new")
	do(officer, "record the referral",
		chromedp.SetValue(`#referral-form input[name=case_no]`, transfer),
		chromedp.SetValue(`#referral-form input[name=receiver]`, "清溪县公安局"),
		chromedp.SetValue(`#referral-form input[name=charges]`, "生产、销售伪劣农药罪"),
		chromedp.SetValue(`#referral-form textarea[name=note]`, "移送材料：案件移送书、涉案物品清单、检验报告"),
		chromedp.Click(`#referral-submit`), chromedp.WaitVisible(`#referral-status`))
	if st := text(officer, "#referral-status"); st != "已移送" {
		t.Fatalf("status after recording: %q", st)
	}
	screenshot(t, officer, "sup-referral")
	do(officer, "police accepted",
		chromedp.Click(`#referral-status-form input[value=accepted]`),
		chromedp.SetValue(`#referral-status-form textarea[name=note]`, "清公（食药环）受案字〔2026〕15号"),
		chromedp.Click(`#referral-status-submit`), chromedp.WaitVisible(`#referral-timeline li:nth-child(2)`))
	if st := text(officer, "#referral-status"); st != "已受理" {
		t.Fatalf("status after the step: %q", st)
	}
	if tl := text(officer, "#referral-timeline"); !strings.Contains(tl, "已移送") || !strings.Contains(tl, "受案字〔2026〕15号") {
		t.Errorf("history: %q", tl)
	}
	screenshot(t, officer, "sup-referral-accepted")
	visit(officer, "/enforcement/referrals", "#referral-table", "sup-referrals")
	visit(officer, "/enforcement/appeals", "#appeal-table", "sup-appeals")

	office := browser(t)
	loginInBrowser(t, office, base, "fazhiban")
	visit(office, "/enforcement/complaints/new", "#complaint-form", "sup-complaint-new")
	do(office, "register the complaint",
		chromedp.SetValue(`#complaint-form select[name=unit_id]`, idText(d.own)),
		chromedp.SetValue(`#complaint-form select[name=channel]`, "12345热线"),
		chromedp.SetValue(`#complaint-form input[name=complainant]`, "司马长青"),
		chromedp.SetValue(`#complaint-form input[name=phone]`, "13907997777"),
		chromedp.SetValue(`#complaint-form textarea[name=content]`, "自然资源执法人员现场检查时未出示执法证件，且未告知陈述申辩权利"),
		chromedp.Click(`#complaint-submit`), chromedp.WaitVisible(`#complaint-status`))
	if p := text(office, "#complaint-person"); !strings.Contains(p, "司马长青") || !strings.Contains(p, "13907997777") {
		t.Errorf("the office does not see the complainant: %q", p)
	}
	screenshot(t, office, "sup-complaint")
	do(office, "close the complaint",
		chromedp.Click(`#complaint-advance-form input[value=closed]`),
		chromedp.SetValue(`#complaint-advance-form textarea[name=result]`, "经调查属实，已责令自然资源局整改并电话答复投诉人"),
		chromedp.Click(`#complaint-advance-submit`), chromedp.WaitVisible(`#complaint-result`))
	if st := text(office, "#complaint-status"); st != "已办结" {
		t.Fatalf("complaint status: %q", st)
	}
	screenshot(t, office, "sup-complaint-closed")
	visit(office, "/enforcement/complaints", "#complaint-table", "sup-complaints")
	ref, _ := f.app.Web.Enforcement.Referrals(ctx, "", 0)
	visit(office, "/enforcement/referrals/"+idText(ref[0].ID), "#referral-oversight-form", "sup-referral-office")
	appeals, _ := f.app.Web.Enforcement.Appeals(ctx, "", 0)
	visit(office, "/enforcement/appeals/"+idText(appeals[0].ID), "#appeal-facts", "sup-appeal")
	visit(office, "/enforcement/appeals/new?case="+url.QueryEscape(decided), "#appeal-form", "sup-appeal-new")
	visit(office, "/cases/"+idText(appeals[0].Case.ID), "#case-appeals", "sup-case-section")
	visit(office, "/enforcement/stats?year="+enfRegDay(0)[:4], "#annual-table", "sup-annual")
	if _, err := chromedp.Run(office, chromedp.Evaluate[int](`document.querySelector('.sup-annual-wrap').scrollLeft = 99999`)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, office, "sup-annual-right")

	// The department sees the complaint without the complainant's data.
	visit(officer, "/enforcement/complaints", "#complaint-table", "sup-complaints-dept")
	if page := text(officer, "main"); strings.Contains(page, "司马长青") || !strings.Contains(page, privacy.MaskName("司马长青")) {
		t.Errorf("department list: complainant not masked")
	}
	do(officer, "phone width", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/enforcement/complaints"),
		chromedp.WaitVisible(`#complaint-table`))
	screenshot(t, officer, "sup-complaints-phone")
}
