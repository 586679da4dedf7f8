package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"fazhi/internal/demo"
)

// The 法治办 drafts the county's report for the ledger year in Chromium,
// follows a figure to its source, edits a section and reads its history
// and diff, fills the 【…】 parts, submits and publishes; the portal then
// shows the text, on a phone too.
func TestBrowserReportDraftToPortal(t *testing.T) {
	f := reportFixture(t)
	base := f.srv.URL
	ctx := browser(t)
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		browserStep(t, ctx, what, actions...)
	}
	eval := func(expr string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return s
	}
	loginInBrowser(t, ctx, base, "fazhiban")
	county := idText(unitID(t, f, "清溪县人民政府"))

	step("draft", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(`#report-new`),
		chromedp.SetValue(`#report-unit`, county), chromedp.SetValue(`#report-year`, strconv.Itoa(demo.LedgerYear)))
	screenshot(t, ctx, "report-list")
	step("open the draft", chromedp.Click(`#report-create`), chromedp.WaitVisible(`#report-text`))
	reportURL, _, _ := strings.Cut(eval(`location.href`), "?")
	screenshot(t, ctx, "report-detail")
	if n := eval(`String(document.querySelectorAll("#report-text a.rp-fig").length)`); n == "0" {
		t.Fatal("no figure links in the draft")
	}

	// A 台账 figure leads to where it was entered.
	const ledgerFig = `#report-text a.rp-fig[title*="来源：台账"]`
	href := eval(`document.querySelector('` + ledgerFig + `').getAttribute("href")`)
	name, _, _ := strings.Cut(eval(`document.querySelector('`+ledgerFig+`').title`), "：")
	step("follow a figure", chromedp.Click(ledgerFig), chromedp.WaitVisible(`main h1`))
	if got := eval(`location.pathname + location.search + location.hash`); got != href {
		t.Fatalf("figure link went to %q, want %q", got, href)
	}
	if !strings.Contains(eval(`document.body.innerText`), name) {
		t.Errorf("the source page %s does not show %q", href, name)
	}
	if frag, ok := strings.CutPrefix(href[strings.Index(href, "#")+1:], "field-"); ok && strings.Contains(href, "unit=") {
		if eval(`String(!!document.getElementById("field-`+frag+`"))`) != "true" {
			t.Errorf("the ledger form has no row #field-%s", frag)
		}
	}
	screenshot(t, ctx, "report-figure-source")

	// Edit the 导语.
	step("edit", chromedp.Navigate(reportURL), chromedp.WaitVisible(`#edit-intro`), chromedp.Click(`#edit-intro`),
		chromedp.WaitVisible(`#section-body`))
	screenshot(t, ctx, "report-section-edit")
	step("save", js(`document.getElementById("section-body").value += "\n全县法治政府建设示范创建工作稳步推进。"`),
		chromedp.SetValue(`#section-note`, "补充示范创建"), chromedp.Click(`#section-save`), chromedp.WaitVisible(`.flash.ok`))
	if !strings.Contains(eval(`document.getElementById("sec-intro").innerText`), "全县法治政府建设示范创建工作稳步推进。") {
		t.Fatal("the saved paragraph is not on the report page")
	}
	// Someone else saves meanwhile: the stale save is refused beside the
	// form, the user's text kept, with the newer text and the difference.
	step("stale editor", chromedp.Click(`#edit-intro`), chromedp.WaitVisible(`#section-body`))
	step("another save", chromedp.Evaluate[chromedp.Void](`(function () {
		var f = new FormData(document.getElementById("section-form"));
		f.set("body", f.get("body") + "\n同事补充：全县开展法治政府建设示范创建自评。");
		return fetch(document.getElementById("section-form").action, {method: "POST", body: new URLSearchParams(f)}).then(r => r.status);
	})()`, chromedp.EvalAwaitPromise),
		js(`document.getElementById("section-body").value += "\n我的补充段落。"`), chromedp.Click(`#section-save`),
		chromedp.WaitVisible(`#stale-note`))
	if v := eval(`document.getElementById("section-body").value`); !strings.Contains(v, "我的补充段落。") {
		t.Fatal("the stale save lost the user's text")
	}
	screenshot(t, ctx, "report-section-conflict")
	step("history", chromedp.Navigate(reportURL+"#sec-intro"), chromedp.WaitVisible(`#sec-intro`),
		chromedp.Click(`#sec-intro a[href$="/history"]`), chromedp.WaitVisible(`#versions`))
	if !strings.Contains(eval(`document.getElementById("report-diff").innerText`), "示范创建") ||
		eval(`String(document.querySelectorAll("#report-diff ins, #report-diff .rp-d-ins").length)`) == "0" {
		t.Error("the diff does not show the added paragraph")
	}
	if !strings.Contains(eval(`document.getElementById("versions").innerText`), "补充示范创建") {
		t.Error("the history lacks the note")
	}
	screenshot(t, ctx, "report-history")

	// Fill every 【…】 through the editor.
	step("back", chromedp.Navigate(reportURL), chromedp.WaitVisible(`#report-text`))
	keys := strings.Fields(eval(`Array.from(document.querySelectorAll("#report-text section.rp-sec")).filter(s => s.querySelector("mark.rp-ph")).map(s => s.id.slice(4)).join(" ")`))
	if len(keys) == 0 {
		t.Fatal("the draft has no placeholders to fill")
	}
	for _, k := range keys {
		step("fill "+k, chromedp.Navigate(reportURL+"/sections/"+k), chromedp.WaitVisible(`#section-body`),
			js(`var b = document.getElementById("section-body"); b.value = b.value.replace(/【[^【】]*】/g, "结合本县实际，持续完善工作机制，各项工作有序推进。")`),
			chromedp.Click(`#section-save`), chromedp.WaitVisible(`.flash.ok`))
	}
	if !strings.Contains(eval(`document.getElementById("blockers").innerText`), "没有待补充的内容") {
		t.Fatalf("blockers remain: %s", eval(`document.getElementById("blockers").innerText`))
	}

	step("submit", chromedp.SetValue(`#submit-form input[name=submitted_to]`, "中共清溪县委、云岭市人民政府"),
		chromedp.Click(`#report-submit`), chromedp.WaitVisible(`#publish-form`))
	step("publish", js(`window.confirm = function () { return true; }`), chromedp.Click(`#report-publish`),
		chromedp.WaitVisible(`#portal-link`))
	if st := eval(`document.getElementById("report-status").innerText`); st != "已公开" {
		t.Fatalf("status %q after publishing", st)
	}
	screenshot(t, ctx, "report-published")
	step("list", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(`#report-list`))
	screenshot(t, ctx, "report-list-rows")

	step("portal", chromedp.Navigate(base+"/public/reports"), chromedp.WaitVisible(`#public-reports`))
	screenshot(t, ctx, "public-report-list")
	step("portal text", chromedp.Click(`#public-reports a[href^="/public/reports/"]`), chromedp.WaitVisible(`#public-report`))
	doc := eval(`document.getElementById("public-report").innerText`)
	if title := eval(`document.querySelector("#public-report h1").innerText`); title != "清溪县人民政府关于2025年度\n法治政府建设情况的报告" {
		t.Errorf("public title %q, want it broken as the 公文 is", title)
	}
	for _, want := range []string{"一、2025年度推进法治政府建设的主要举措和成效",
		"全县法治政府建设示范创建工作稳步推进。"} {
		if !strings.Contains(doc, want) {
			t.Errorf("public text lacks %q", want)
		}
	}
	if strings.Contains(doc, "【") || strings.Contains(doc, "〔") && strings.Contains(doc, ".") && strings.Contains(doc, "〔review") {
		t.Error("public text shows placeholders or tokens")
	}
	screenshot(t, ctx, "public-report")
	step("phone", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(`#public-report`))
	if w := eval(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the public text is %spx wide on a 390px phone", w)
	}
	screenshot(t, ctx, "public-report-phone")
	step("phone list", chromedp.Navigate(base+"/public/reports"), chromedp.WaitVisible(`#public-reports`))
	screenshot(t, ctx, "public-report-list-phone")
	step("settings", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/reports/settings"), chromedp.WaitVisible(`#report-settings`))
	screenshot(t, ctx, "report-settings")
	if dir := os.Getenv("FAZHI_SCREENSHOTS"); dir != "" {
		// The exported documents, to convert and look at (docs: GB/T 9704).
		for _, ext := range []string{"docx", "pdf"} {
			_, data := f.as(t, "fazhiban").get(strings.TrimPrefix(reportURL, base) + "/export/" + ext)
			_ = os.WriteFile(filepath.Join(dir, "report."+ext), []byte(data), 0o644)
		}
	}
}
