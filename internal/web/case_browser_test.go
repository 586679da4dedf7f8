package web_test

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"fazhi/internal/enforcement"
)

// tinyPNG is a 1×1 PNG, evidence enough for the attachment store's type check.
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// A 重大 case walked through every step in Chromium by the officer and the
// department's 法制员, as a new user would: 立案 through the form, the steps
// as the page offers them (a decision before 法制审核 refused with its
// article), 文书, evidence, 公示, 送达, 结案; then the masked decision on the
// public portal and the 案卷 PDF.
func TestBrowserCaseWalkThrough(t *testing.T) {
	f := getFixture(t)
	unit, item, offs := caseWebFixture(t, f)
	base := f.srv.URL
	step := func(ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		browserStep(t, ctx, what, actions...)
	}
	text := func(ctx context.Context, a chromedp.Action[string]) string {
		t.Helper()
		return browserText(t, ctx, a)
	}

	officer := browser(t)
	loginInBrowser(t, officer, base, "officer.wlj2")
	step(officer, "立案",
		chromedp.Navigate(base+"/cases/new?unit="+idText(unit)),
		chromedp.WaitVisible(`#case-form`),
		chromedp.SetValue(`#case-form select[name=item_id]`, idText(item.ID)),
		chromedp.SetValue(`#case-form input[name=title]`, "擅自从事营业性演出经营活动"),
		chromedp.SetValue(`#case-form input[name=party_name]`, "韩立新"),
		chromedp.SetValue(`#case-form input[name=party_id]`, "369921197803030055"),
		chromedp.SetValue(`#case-form input[name=party_phone]`, "13907993333"),
		chromedp.SetValue(`#case-form input[name=party_address]`, "清溪县清溪街道人民路99号"),
		chromedp.SetValue(`#case-form textarea[name=facts]`, "韩立新未经许可在清溪广场组织营业性演出"),
		js(`document.querySelectorAll('#case-officers input[name=officer], #case-officers input[name=shown]').forEach(e => e.checked = ['`+idText(offs[0])+`','`+idText(offs[1])+`'].includes(e.value))`),
		chromedp.Click(`#case-submit`),
		chromedp.WaitVisible(`#case-state`),
	)
	caseURL := text(officer, chromedp.Location())
	caseURL, _, _ = strings.Cut(caseURL, "?")
	caseURL, _, _ = strings.Cut(caseURL, "#")
	take := func(ctx context.Context, st string, fill ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		actions := []chromedp.Action[chromedp.Void]{chromedp.Navigate(caseURL), chromedp.WaitVisible(`#step-` + st)}
		actions = append(actions, fill...)
		actions = append(actions, chromedp.Click(`#step-`+st+` button[type=submit]`), chromedp.WaitVisible(`.flash.ok`))
		step(ctx, st, actions...)
	}
	take(officer, "investigate")
	take(officer, "notify", chromedp.SetValue(`#step-notify textarea[name=note]`, "拟罚款60000元，告知陈述申辩及听证权利"))
	screenshot(t, officer, "case-walk-notified")

	// The page does not offer a decision before 法制审核; forced anyway, the
	// server refuses it and says why.
	if n := text(officer, chromedp.Evaluate[string](`String(document.querySelectorAll('#step-decide').length)`)); n != "0" {
		t.Fatal("decision offered before 法制审核")
	}
	refusal := text(officer, chromedp.Evaluate[string](`fetch(location.pathname + '/steps', {method: 'POST', body: new URLSearchParams({
		csrf_token: document.querySelector('input[name=csrf_token]').value, step: 'decide', decision: 'penalty', penalty_text: '罚款60000元', fine: '60000'})})
		.then(r => r.status + ' ' + r.text().then(t => t)).then(x => x)`, chromedp.EvalAwaitPromise))
	body := text(officer, chromedp.Evaluate[string](`fetch(location.pathname + '/steps', {method: 'POST', body: new URLSearchParams({
		csrf_token: document.querySelector('input[name=csrf_token]').value, step: 'decide', decision: 'penalty', penalty_text: '罚款60000元', fine: '60000'})})
		.then(r => r.text())`, chromedp.EvalAwaitPromise))
	if !strings.HasPrefix(refusal, "409") || !strings.Contains(body, "第五十八条") {
		t.Fatalf("decision before review: %s", refusal)
	}
	take(officer, "submit_review")

	legal := browser(t)
	loginInBrowser(t, legal, base, "legal.wlj")
	take(legal, "review", js(`document.querySelectorAll('#step-review input[name=check]').forEach(e => e.checked = true)`),
		chromedp.SetValue(`#step-review textarea[name=note]`, "主体合法、事实清楚、证据充分，同意"))

	take(officer, "decide",
		chromedp.SetValue(`#step-decide input[name=penalty_text]`, "罚款60000元"),
		chromedp.SetValue(`#step-decide input[name=fine]`, "60000"),
		chromedp.SetValue(`#step-decide select[name=discretion_id]`, idText(item.Discretion[0].ID)))
	issue := func(kind enforcement.DocKind) {
		step(officer, "issue "+string(kind), chromedp.Navigate(caseURL), chromedp.WaitVisible(`#doc-issue-form`),
			chromedp.SetValue(`#doc-issue-form select[name=kind]`, string(kind)),
			chromedp.Click(`#doc-issue-form button`), chromedp.WaitVisible(`.flash.ok`))
	}
	issue(enforcement.DocReview)
	issue(enforcement.DocDecision)
	png := filepath.Join(t.TempDir(), "现场照片.png")
	if err := os.WriteFile(png, tinyPNG, 0o600); err != nil {
		t.Fatal(err)
	}
	step(officer, "evidence", chromedp.Navigate(caseURL), chromedp.WaitVisible(`#evidence-form`),
		chromedp.SetUploadFiles(`#evidence-form input[name=file]`, []string{png}),
		chromedp.SetValue(`#evidence-form input[name=captured_at]`, "2026-03-02T10:15"),
		chromedp.SetValue(`#evidence-form input[name=device]`, "执法记录仪WL-007"),
		chromedp.Click(`#evidence-form button`), chromedp.WaitVisible(`.flash.ok`))
	step(officer, "publish", chromedp.Navigate(caseURL), chromedp.WaitVisible(`#case-publish`),
		chromedp.Click(`#case-publish`), chromedp.WaitVisible(`.flash.ok`))
	take(officer, "serve", chromedp.SetValue(`#step-serve textarea[name=note]`, "直接送达，当事人签收"))
	issue(enforcement.DocService)
	take(officer, "close", chromedp.SetValue(`#step-close textarea[name=note]`, "罚款已缴纳"))
	screenshot(t, officer, "case-walk-closed")
	if st := text(officer, chromedp.Text(`#case-state`)); st != "已结案" {
		t.Fatalf("state %q", st)
	}
	pubHref := text(officer, chromedp.Evaluate[string](`document.querySelector('#case-publication a').getAttribute('href')`))

	// The public page: masked, without login.
	anon := browser(t)
	step(anon, "public decision", chromedp.Navigate(base+pubHref), chromedp.WaitVisible(`.pub-main h1`))
	screenshot(t, anon, "case-walk-public")
	page := text(anon, chromedp.Text(`.pub-main`))
	if !strings.Contains(page, "韩*") || !strings.Contains(page, "罚款60000元") {
		t.Errorf("public decision: %q", page)
	}
	for _, leak := range []string{"韩立新", "369921197803030055", "13907993333", "人民路99号"} {
		if strings.Contains(page, leak) {
			t.Errorf("public decision leaks %q", leak)
		}
	}

	// The 案卷: one PDF with the 目录, the 文书 and the evidence hash.
	resp, pdf := f.as(t, "officer.wlj2").get(strings.TrimPrefix(caseURL, base) + "/file.pdf")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") {
		t.Fatalf("案卷: %d", resp.StatusCode)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		path := filepath.Join(t.TempDir(), "file.pdf")
		_ = os.WriteFile(path, []byte(pdf), 0o600)
		out, err := exec.Command("pdftotext", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		txt := strings.ReplaceAll(string(out), " ", "")
		for _, want := range []string{"目录", "行政处罚决定书", "送达回证", "现场照片.png", "办案过程记录", "法制审核意见"} {
			if !strings.Contains(txt, want) {
				t.Errorf("案卷 lacks %q", want)
			}
		}
	}
}
