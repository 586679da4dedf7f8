package web_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
	"fazhi/internal/xlsx"
)

// The registry pages in Chromium, as the department's 法制员 and the
// 法治办 see them (screenshots kept with FAZHI_SCREENSHOTS), desktop and
// phone width.
func TestBrowserEnfRegistryPages(t *testing.T) {
	f := getFixture(t)
	d := enfRegSeed(t)
	ctx0 := audit.WithActor(context.Background(), audit.Actor{Username: "test"})
	draft, err := f.app.Web.Enforcement.NewListDraft(ctx0, d.scjgj, "演示草稿")
	if err != nil {
		t.Fatal(err)
	}
	items, _ := f.app.Web.Enforcement.VersionItems(ctx0, draft)
	if len(items) > 0 { // a visible change for the comparison page
		in := enforcement.ItemInputOf(items[0])
		if len(in.Discretion) > 2 {
			in.Discretion[2].MaxFen = enfRegFen(90000)
		}
		_, _ = f.app.Web.Enforcement.SaveItem(ctx0, draft, in)
		_, _ = f.app.Web.Enforcement.SaveItem(ctx0, draft, enforcement.ItemInput{Code: "QZ-SC-001",
			Name: "查封、扣押不符合食品安全标准的食品", Category: enforcement.CatCoercion, Law: "《中华人民共和国食品安全法》",
			Article: "第一百一十条第（四）项", Collective: true})
	}
	subjects, _ := f.app.Web.Enforcement.UnitSubjects(ctx0, d.scjgj)
	if len(items) == 0 || len(subjects) == 0 {
		t.Fatalf("seed: %d items, %d subjects", len(items), len(subjects))
	}
	ctx := browser(t)
	loginInBrowser(t, ctx, f.srv.URL, "legal.scjgj")
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	visit := func(name, path, wait string) {
		t.Helper()
		if err := chromedp.Do(tctx, chromedp.Navigate(f.srv.URL+path), chromedp.WaitVisible(chromedp.CSS(wait))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		screenshot(t, ctx, name)
	}
	visit("enf-subjects", "/enforcement/subjects", "#subject-table")
	visit("enf-subject", fmt.Sprintf("/enforcement/subjects/%d", subjects[0].ID), "#subject-form")
	visit("enf-officers", "/enforcement/officers", "#officer-table")
	exp, err := chromedp.Run(tctx, chromedp.Text(chromedp.ID("expiring-table")))
	if err != nil || !strings.Contains(exp, "张华") || !strings.Contains(exp, "陈静") || !strings.Contains(exp, "已过期") {
		t.Errorf("expiring certificates: %q %v", exp, err)
	}
	rate, _ := chromedp.Run(tctx, chromedp.Text(chromedp.ID("cert-rate-table")))
	if !strings.Contains(rate, "清编办发〔2024〕12号") || !strings.Contains(rate, "%") {
		t.Errorf("持证率 table: %q", rate)
	}
	visit("enf-officer", fmt.Sprintf("/enforcement/officers/%d", d.officers[1]), "#training-table")
	visit("enf-officer-new", "/enforcement/officers/new", "#officer-form")
	visit("enf-items", "/enforcement/items", "#version-table")
	visit("enf-list-draft", fmt.Sprintf("/enforcement/lists/%d", draft), "#item-table")
	visit("enf-item-edit", fmt.Sprintf("/enforcement/items/%d/edit", items[0].ID), "#disc-table")
	// An import with a bad row: refused, the row named, nothing saved.
	ir, dr := enforcement.ListSheetRows(items)
	dr[0][4] = "一万"
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, xlsx.Table{Sheet: enforcement.SheetItems, Headers: enforcement.ItemSheetHeaders(), Rows: ir},
		xlsx.Table{Sheet: enforcement.SheetDiscretion, Headers: enforcement.DiscretionSheetHeaders(), Rows: dr}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "清单.xlsx")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(fmt.Sprintf("%s/enforcement/lists/%d", f.srv.URL, draft)),
		chromedp.WaitVisible(chromedp.ID("import-form")), chromedp.SetUploadFiles(`#import-form input[type=file]`, []string{file}),
		chromedp.Click(`#import-form button`), chromedp.WaitVisible(chromedp.ID("import-errors"))); err != nil {
		t.Fatalf("import: %v", err)
	}
	if msg, _ := chromedp.Run(tctx, chromedp.Text(chromedp.ID("import-errors"))); !strings.Contains(msg, "“裁量基准”表第2行“罚款下限（元）”列") {
		t.Errorf("import errors: %q", msg)
	}
	screenshot(t, ctx, "enf-list-import-errors")
	visit("enf-list-compare", fmt.Sprintf("/enforcement/lists/compare?a=%d&b=%d", d.list, draft), "h1")
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	visit("enf-officers-phone", "/enforcement/officers", "#officer-table")
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	ctx2 := browser(t)
	loginInBrowser(t, ctx2, f.srv.URL, "fazhiban")
	t2, cancel2 := context.WithTimeout(ctx2, 30*time.Second)
	defer cancel2()
	if err := chromedp.Do(t2, chromedp.Navigate(f.srv.URL+"/enforcement/settings"),
		chromedp.WaitVisible(chromedp.CSS("#set-training_hours"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx2, "enf-settings")
	if err := chromedp.Do(t2, chromedp.Navigate(f.srv.URL+"/enforcement/items"), chromedp.WaitVisible(chromedp.CSS("#unit-lists"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx2, "enf-items-fazhiban")
}
