package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A 案卷评查 round walked in Chromium: the 法治办 opens a round (editing the
// scoring table), scores the sampled files (one 不合格), orders 整改; the
// unit's 法制员 reports it with evidence; the 法治办 销号 it, closes the round
// and sees the ranking with its charts.
func TestBrowserReviewRound(t *testing.T) {
	f := getFixture(t)
	year := time.Now().Year() - 2 // a year no other test gives closed cases
	reviewWebCases(t, f, "清溪县应急管理局", year, 3)
	reviewWebCases(t, f, "清溪县水利局", year, 2)
	legalOf := map[string]string{"清溪县应急管理局": "legal.yjj", "清溪县水利局": "legal.slj"}
	base := f.srv.URL
	step := func(ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		browserStep(t, ctx, what, actions...)
	}
	text := func(ctx context.Context, a chromedp.Action[string]) string {
		t.Helper()
		return strings.TrimSpace(browserText(t, ctx, a))
	}

	office := browser(t)
	loginInBrowser(t, office, base, "fazhiban")
	step(office, "list", chromedp.Navigate(base+"/enforcement/reviews"), chromedp.WaitVisible(`#review-new`), chromedp.Click(`#review-new`),
		chromedp.WaitVisible(`#review-year`),
		chromedp.SetValue(`#review-year select[name=year]`, strconv.Itoa(year)),
		chromedp.Click(`#review-year button`), chromedp.WaitVisible(`#review-units`))
	if units := text(office, chromedp.Text(`#review-units`)); !strings.Contains(units, "清溪县应急管理局") || !strings.Contains(units, "清溪县水利局") {
		t.Fatalf("eligible units: %q", units)
	}
	// The table is editable before the round opens; the total follows.
	step(office, "edit table",
		chromedp.SetValue(`#review-table tbody tr:nth-child(6) input[name=item_points]`, "8"),
		chromedp.SetValue(`#review-table tbody tr:nth-child(6) input[name=item_cap]`, "8"),
		js(`document.querySelector('#review-table').dispatchEvent(new Event('input'))`))
	if total := text(office, chromedp.Text(`#review-table-total`)); total != "98 分" {
		t.Errorf("running total %q", total)
	}
	step(office, "fix table",
		chromedp.SetValue(`#review-table tbody tr:nth-child(8) input[name=item_name]`, "执法公示"),
		chromedp.SetValue(`#review-table tbody tr:nth-child(8) input[name=item_points]`, "2"),
		chromedp.SetValue(`#review-table tbody tr:nth-child(8) input[name=item_per]`, "1"),
		chromedp.SetValue(`#review-table tbody tr:nth-child(8) input[name=item_cap]`, "2"),
		chromedp.SetValue(`#review-table tbody tr:nth-child(8) textarea[name=item_desc]`, "行政处罚决定按期公示"),
		chromedp.SetValue(`#review-form input[name=per_unit]`, "2"),
		chromedp.SetValue(`#review-form input[name=seed]`, "777"))
	screenshot(t, office, "review-new")
	step(office, "open", chromedp.Click(`#review-open`), chromedp.WaitVisible(`#round-seed`))
	screenshot(t, office, "review-round")
	if seed := text(office, chromedp.Text(`#round-seed`)); seed != "777" {
		t.Fatalf("seed %q", seed)
	}
	if n := text(office, chromedp.Text(`#round-sampled`)); n != "4 / 5 卷" {
		t.Errorf("sampled %q", n)
	}
	roundURL := text(office, chromedp.Location())
	roundURL, _, _ = strings.Cut(roundURL, "?")
	hrefs := text(office, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.rv-score-link')).map(a => a.getAttribute('href')).join(' ')`))
	links := strings.Fields(hrefs)
	if len(links) != 4 {
		t.Fatalf("score links %q", hrefs)
	}
	// Score: the first file 不合格 (the page counts 100 − 25 − 20 as you type).
	step(office, "score failing", chromedp.Navigate(base+links[0]), chromedp.WaitVisible(`#score-form`),
		chromedp.SetValue(`#score-form input[name=n_4]`, "9"),
		chromedp.SetValue(`#score-form textarea[name=reason_4]`, "未告知听证权利；送达回证缺失"),
		chromedp.SetValue(`#score-form input[name=n_2]`, "5"),
		chromedp.SetValue(`#score-form textarea[name=reason_2]`, "关键证据缺少来源说明"),
		js(`document.querySelector('#score-table').dispatchEvent(new Event('input'))`))
	if live := text(office, chromedp.Text(`#score-total`)); live != "55" {
		t.Errorf("live score %q", live)
	}
	screenshot(t, office, "review-score")
	step(office, "save failing", chromedp.Click(`#score-save`), chromedp.WaitVisible(`.flash.ok`))
	if g := text(office, chromedp.Text(`#rc-grade`)); g != "不合格 55分" {
		t.Errorf("grade %q", g)
	}
	failingUnit := text(office, chromedp.Text(`.rv-record .enf-dl dd`))
	step(office, "rectify", chromedp.SetValue(`#rect-form textarea[name=requirement]`, "补正告知和送达程序，补充证据来源说明"),
		chromedp.SetValue(`#rect-form input[name=days]`, "10"), chromedp.Click(`#rect-issue`), chromedp.WaitVisible(`.rv-rect`))
	screenshot(t, office, "review-rectify-issued")
	for _, l := range links[1:] {
		step(office, "score "+l, chromedp.Navigate(base+l), chromedp.WaitVisible(`#score-form`),
			chromedp.SetValue(`#score-form input[name=n_6]`, "1"),
			chromedp.SetValue(`#score-form textarea[name=reason_6]`, "文书文号不规范"),
			chromedp.Click(`#score-save`), chromedp.WaitVisible(`.flash.ok`))
	}

	// The unit's 法制员 reports the 整改 with evidence.
	legal := browser(t)
	loginInBrowser(t, legal, base, legalOf[failingUnit])
	report := filepath.Join(t.TempDir(), "整改报告.pdf")
	if err := os.WriteFile(report, []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	step(legal, "unit page", chromedp.Navigate(base+"/enforcement/reviews/mine"), chromedp.WaitVisible(`.rv-submit`))
	screenshot(t, legal, "review-mine")
	step(legal, "submit", chromedp.SetValue(`.rv-submit textarea[name=result]`, "已补正告知书和送达回证，补充证据来源说明"),
		chromedp.SetUploadFiles(`.rv-submit input[name=evidence]`, []string{report}),
		chromedp.Click(`.rv-submit button`), chromedp.WaitVisible(`.flash.ok`))

	// The 法治办 销号, closes the round and reads the ranking.
	step(office, "销号", chromedp.Navigate(base+"/enforcement/reviews/rectifications"), chromedp.WaitVisible(`.rv-decide`),
		chromedp.SetValue(`.rv-decide input[name=comment]`, "整改到位"))
	screenshot(t, office, "review-rects")
	step(office, "销号 click", chromedp.Click(`.rv-decide button[formaction$="/close"]`), chromedp.WaitVisible(`.flash.ok`))
	step(office, "close round", chromedp.Navigate(roundURL), chromedp.WaitVisible(`#round-close`),
		js(`window.confirm = () => true`), chromedp.Click(`#round-close`), chromedp.WaitVisible(`#results-ranking`),
		chromedp.WaitVisible(`#chart-average canvas`))
	screenshot(t, office, "review-results")
	ranking := text(office, chromedp.Text(`#results-ranking`))
	if !strings.Contains(ranking, "清溪县应急管理局") || !strings.Contains(ranking, "清溪县水利局") || !strings.Contains(ranking, "合计") {
		t.Errorf("ranking %q", ranking)
	}
	if top := text(office, chromedp.Text(`#results-ranking tbody tr:first-child td:first-child`)); top != "1" {
		t.Errorf("first rank %q", top)
	}
	if st := text(office, chromedp.Text(`h1 .tag`)); st != "已结束" {
		t.Errorf("round status %q", st)
	}
	step(legal, "unit results", chromedp.Navigate(base+"/enforcement/reviews/mine?all=1"), chromedp.WaitVisible(`.rv-unit-round`))
	screenshot(t, legal, "review-mine-closed")
	if page := text(legal, chromedp.Text(`main`)); !strings.Contains(page, "已销号") || !strings.Contains(page, "不合格") {
		t.Errorf("unit page after closing: %q", page)
	}
}
