package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An assessment round end to end in Chromium, each step by the role that
// takes it: the 法治办 opens a round for two units, the department's 法制员
// self-assesses, the 考核员 scores, the 法治办 closes it and sees the ranking.
func TestBrowserAssessmentRound(t *testing.T) {
	f := getFixture(t)
	base := f.srv.URL
	if tree, _ := f.app.Web.Indicator.Tree(t.Context()); len(tree) == 0 {
		// The web fixture's demo has no indicator tree: import one as the
		// 法治办 would (the import itself is tested in indicator_test.go).
		if resp, _ := indicatorUpload(t, f.as(t, "fazhiban"), indicatorBook(t, goodIndicatorRows...)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("import the indicator tree: %d", resp.StatusCode)
		}
	}
	scj, sfj := idText(unitID(t, f, "清溪县市场监督管理局")), idText(unitID(t, f, "清溪县司法局"))
	step := func(ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		browserStep(t, ctx, what, actions...)
	}

	office := browser(t)
	loginInBrowser(t, office, base, "fazhiban")
	var roundURL string
	text := func(t *testing.T, ctx context.Context, a chromedp.Action[string]) string {
		t.Helper()
		return browserText(t, ctx, a)
	}
	step(office, "open a round",
		chromedp.Navigate(base+"/assessments"),
		chromedp.WaitVisible(`#assess-open-form`),
		chromedp.SetValue(`#assess-open-form input[name=year]`, "2026"),
		chromedp.SetValue(`#assess-open-form input[name=title]`, "2026年度法治政府建设考核（试评）"),
		js(`document.querySelectorAll('#assess-open-form input[name=unit]').forEach(e => e.checked = ['`+scj+`','`+sfj+`'].includes(e.value)); 1`),
		chromedp.Click(`#assess-open-form button[type=submit]`),
		chromedp.WaitVisible(`#assess-ranking`),
	)
	roundURL = text(t, office, chromedp.Location())
	roundURL, _, _ = strings.Cut(roundURL, "?")
	screenshot(t, office, "assess-round-open")

	dept := browser(t)
	loginInBrowser(t, dept, base, "legal.scjgj")
	var flash string
	step(dept, "self-assessment",
		chromedp.Navigate(roundURL+"/units/"+scj),
		chromedp.WaitVisible(`button[form=self-form]`),
		js(`const self = {'self_1.1.2': '5', 'self_1.1.3': '1', 'self_2.1': '9'};
			document.querySelectorAll('input[name^=self_]').forEach(e => e.value = self[e.name] || '0');
			document.querySelectorAll('textarea[name^=note_]').forEach(e => e.value = '已按要求落实，见佐证材料'); 1`),
		chromedp.Click(`button[form=self-form]`),
		chromedp.WaitVisible(`.flash.ok`),
	)
	flash = text(t, dept, chromedp.Text(`.flash.ok`))
	if !strings.Contains(flash, "自评") {
		t.Errorf("self-assessment flash %q", flash)
	}

	assessor := browser(t)
	loginInBrowser(t, assessor, base, "assessor")
	step(assessor, "scoring",
		chromedp.Navigate(roundURL+"/units/"+scj),
		chromedp.WaitVisible(`button[form=score-form]`),
		js(`const score = {'score_1.1.2': '5', 'score_2.1': '8'};
			document.querySelectorAll('input[name^=score_]').forEach(e => { if (score[e.name]) e.value = score[e.name]; });
			document.querySelectorAll('textarea[name^=why_]').forEach(e => e.value = '经核查佐证材料'); 1`),
		chromedp.Click(`button[form=score-form]`),
		chromedp.WaitVisible(`.flash.ok`),
	)
	screenshot(t, assessor, "assess-round-scored")

	var status, ranking string
	step(office, "close the round",
		chromedp.Navigate(roundURL),
		chromedp.WaitVisible(`#assess-close-form button`),
		chromedp.Click(`#assess-close-form button`),
		chromedp.WaitVisible(`.flash.ok`),
	)
	status, ranking = text(t, office, chromedp.Text(`p.filters span`)), text(t, office, chromedp.Text(`#assess-ranking`))
	screenshot(t, office, "assess-round-closed")
	if !strings.Contains(status, "已结束") {
		t.Errorf("round status %q, want 已结束", status)
	}
	// The scored department ranks above the unit that did nothing.
	if i, j := strings.Index(ranking, "清溪县市场监督管理局"), strings.Index(ranking, "清溪县司法局"); i < 0 || j < 0 || i > j {
		t.Errorf("ranking order wrong: %q", ranking)
	}
}
