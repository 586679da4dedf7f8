package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
	"fazhi/internal/xlsx"
)

var reviewSeeded sync.Map // unit name + year → done

// reviewWebCases gives a demo unit n cases ended in year (once per unit and
// year): a published 权责清单 with an ordinary item, two officers, and
// cases taken through 调查取证 to 不予处罚 or through 告知, 决定, 送达 to 结案.
func reviewWebCases(t *testing.T, f *fixture, unitName string, year, n int) int64 {
	t.Helper()
	svc, ctx := f.app.Web.Enforcement, t.Context()
	unit := unitID(t, f, unitName)
	key := fmt.Sprint(unitName, year)
	if _, done := reviewSeeded.Load(key); done {
		return unit
	}
	reviewSeeded.Store(key, true)
	items, _ := svc.CurrentItems(ctx, unit)
	var item enforcement.Item
	for _, it := range items {
		if it.Code == "RV-WEB-001" {
			item = it
		}
	}
	if item.ID == 0 {
		list, err := svc.NewListDraft(ctx, unit, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SaveItem(ctx, list, enforcement.ItemInput{Code: "RV-WEB-001", Name: "对未按规定公示信息的处罚（评查测试）",
			Category: enforcement.CatPenalty, Law: "《企业信息公示暂行条例》", Article: "第十八条"}); err != nil {
			t.Fatal(err)
		}
		if err := svc.PublishList(ctx, list); err != nil {
			t.Fatal(err)
		}
		items, _ = svc.CurrentItems(ctx, unit)
		for _, it := range items {
			if it.Code == "RV-WEB-001" {
				item = it
			}
		}
	}
	var offs []int64
	all, _ := svc.UnitOfficers(ctx, unit)
	for _, o := range all {
		if strings.HasPrefix(o.CertNo, "RV-") {
			offs = append(offs, o.ID)
		}
	}
	for i := len(offs); i < 2; i++ {
		first17 := fmt.Sprintf("369921198%d0%d1500%d", 3+i, 1+i, int(unit%10))
		check, _ := privacy.IDCheckChar(first17)
		id, err := svc.CreateOfficer(ctx, enforcement.OfficerInput{UnitID: unit, Name: []string{"甘立新", "韦晓明"}[i],
			IDNumber: first17 + string(check), CertNo: fmt.Sprintf("RV-%d-%d", unit, i), CertAuthority: "云岭市人民政府",
			LawArea: "综合", IssuedOn: "2021-01-01", ValidUntil: "2030-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		offs = append(offs, id)
	}
	for k := 0; k < n; k++ {
		on := fmt.Sprintf("%d-%02d-%02d", year, 2+k%9, 3+k)
		id, err := svc.CreateCase(ctx, enforcement.CaseInput{UnitID: unit, ItemID: item.ID, Procedure: enforcement.ProcOrdinary,
			Title: fmt.Sprintf("未按规定公示年度报告（第%d件）", k+1), Source: "监督检查发现", PartyKind: "org",
			PartyName: fmt.Sprintf("清溪县测试商贸有限公司%d", k+1), Facts: "当事人未按规定公示年度报告。", FiledOn: on,
			Officers: []enforcement.CaseOfficerInput{{OfficerID: offs[0], Lead: true, ShownCert: true}, {OfficerID: offs[1], ShownCert: true}}})
		if err != nil {
			t.Fatal(err)
		}
		steps := []enforcement.StepInput{{Step: enforcement.StepInvestigate, On: on, Note: "现场检查"}}
		if k%2 == 0 {
			steps = append(steps, enforcement.StepInput{Step: enforcement.StepDecide, On: on, Decision: enforcement.DecNoPenalty,
				Note: "违法事实不能成立，不予行政处罚"})
		} else {
			steps = append(steps, enforcement.StepInput{Step: enforcement.StepNotify, On: on, Note: "拟警告"},
				enforcement.StepInput{Step: enforcement.StepDecide, On: on, Decision: enforcement.DecPenalty, PenaltyText: "警告"},
				enforcement.StepInput{Step: enforcement.StepServe, On: on, Note: "直接送达"},
				enforcement.StepInput{Step: enforcement.StepClose, On: on, Note: "执行完毕"})
		}
		for _, st := range steps {
			if err := svc.TakeStep(ctx, id, st); err != nil {
				t.Fatalf("%s %s: %v", unitName, st.Step, err)
			}
		}
	}
	return unit
}

// reviewForm is the new-round form as the page sends it, with the default
// scoring table.
func reviewForm(year int, seed string, perUnit int, units ...int64) url.Values {
	v := url.Values{"year": {fmt.Sprint(year)}, "seed": {seed}, "per_unit": {fmt.Sprint(perUnit)},
		"excellent": {"90"}, "good": {"80"}, "pass": {"60"}}
	for _, it := range enforcement.DefaultReviewTable() {
		v.Add("item_name", it.Name)
		v.Add("item_points", fmt.Sprint(it.Points))
		v.Add("item_per", fmt.Sprint(it.PerDeduction))
		v.Add("item_cap", fmt.Sprint(it.Cap))
		v.Add("item_desc", it.Description)
	}
	for i := 0; i < 3; i++ { // the blank rows under the table
		for _, k := range []string{"item_name", "item_points", "item_per", "item_cap", "item_desc"} {
			v.Add(k, "")
		}
	}
	for _, u := range units {
		v.Add("unit_id", fmt.Sprint(u))
	}
	return v
}

var reviewCaseLink = regexp.MustCompile(`href="(/enforcement/reviews/\d+/cases/\d+)" class="rv-score-link"`)

// reviewSubmit posts a 整改 report with one evidence file.
func reviewSubmit(t *testing.T, c *client, id int64, text string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", c.csrf)
	_ = mw.WriteField("result", text)
	fw, _ := mw.CreateFormFile("evidence", "整改报告.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.base+fmt.Sprintf("/enforcement/reviews/mine/%d/submit", id), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func TestReviewRoundOverHTTP(t *testing.T) {
	f := getFixture(t)
	year := time.Now().Year() - 1
	nyj := reviewWebCases(t, f, "清溪县农业农村局", year, 4)
	wjj := reviewWebCases(t, f, "清溪县卫生健康局", year, 2)
	office, assessor := f.as(t, "fazhiban"), f.as(t, "assessor")
	wantPage(t, office, fmt.Sprintf("/enforcement/reviews/new?year=%d", year), http.StatusOK,
		"清溪县农业农村局", "清溪县卫生健康局", "执法主体与权限", "案卷归档与全过程记录", `name="unit_id" value="`+idText(nyj)+`" checked`)
	// Bad tables are refused with the row named, and nothing is opened.
	bad := reviewForm(year, "4242", 2, nyj, wjj)
	bad["item_points"][0] = "15"
	resp, body := office.post("/enforcement/reviews", bad)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "合计应为100分，现为105分") {
		t.Fatalf("bad table: %d", resp.StatusCode)
	}
	bad = reviewForm(year, "4242", 2)
	if resp, body := office.post("/enforcement/reviews", bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请至少选择一个被评查单位") {
		t.Errorf("no units: %d", resp.StatusCode)
	}
	// A unit outside the organiser's scope cannot be chosen.
	legal := f.as(t, "legal.nyj")
	if resp, _ := legal.post("/enforcement/reviews", reviewForm(year, "1", 2, wjj)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 opening a round: %d", resp.StatusCode)
	}
	resp, _ = office.post("/enforcement/reviews", reviewForm(year, "4242", 2, nyj, wjj))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("open round: %d", resp.StatusCode)
	}
	roundURL := resp.Header.Get("Location")
	roundURL = roundURL[:strings.Index(roundURL, "?")]
	body = wantPage(t, office, roundURL, http.StatusOK, "4242", "4 / 6 卷", "0 / 4")
	links := reviewCaseLink.FindAllStringSubmatch(body, -1)
	if len(links) != 4 {
		t.Fatalf("%d case links", len(links))
	}
	wantPage(t, office, roundURL+"?check=1", http.StatusOK, "完全一致")
	// The reviewer sees the case and its 案卷 PDF link; a deduction needs a reason.
	first := links[0][1]
	wantPage(t, assessor, first, http.StatusOK, "案卷 PDF", "/file.pdf", "违法事实", "执法程序", "调查取证")
	if resp, body := assessor.post(first+"/score", url.Values{"n_4": {"1"}}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "扣分须写明扣分理由") {
		t.Errorf("deduction without reason: %d", resp.StatusCode)
	}
	// 不合格: 25 + 20 = 45 deducted.
	resp, _ = assessor.post(first+"/score", url.Values{"n_4": {"9"}, "reason_4": {"未告知陈述申辩权利；送达回证缺失"}, "n_2": {"5"}, "reason_2": {"证据不足"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "ok=") {
		t.Fatalf("score: %d", resp.StatusCode)
	}
	wantPage(t, office, first, http.StatusOK, "不合格 55分", "下达整改")
	if resp, body := office.post(roundURL+"/close", nil); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "还有3卷案卷未评分") {
		t.Errorf("close with unscored: %d", resp.StatusCode)
	}
	for _, l := range links[1:] {
		if resp, _ := office.post(l[1]+"/score", url.Values{"n_6": {"2"}, "reason_6": {"文书未注明日期"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("score %s: %d", l[1], resp.StatusCode)
		}
	}
	// 整改 of the failing file, in the unit's deadline monitor.
	resp, _ = office.post(first+"/rectifications", url.Values{"requirement": {"补正告知和送达程序，完善证据"}, "days": {"10"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rectify: %d", resp.StatusCode)
	}
	roundID := strings.TrimPrefix(roundURL, "/enforcement/reviews/")
	rects, _ := f.app.Web.Enforcement.ReviewRectifications(t.Context(), enforcement.ReviewRectFilter{OpenOnly: true})
	var rect enforcement.ReviewRectification
	for _, x := range rects {
		if idText(x.RoundID) == roundID {
			rect = x
		}
	}
	items, _ := f.app.Deadlines.ItemsOf(t.Context(), enforcement.ObjectReviewRect, idText(rect.ID))
	if rect.ID == 0 || len(items) != 1 || items[0].Status != "open" || items[0].UnitID != rect.UnitID {
		t.Fatalf("rectification %+v, monitor %+v", rect, items)
	}
	ownerName, otherName := "legal.nyj", "legal.wjj"
	if rect.UnitID == wjj {
		ownerName, otherName = otherName, ownerName
	}
	owner, other := f.as(t, ownerName), f.as(t, otherName)
	wantPage(t, owner, "/enforcement/reviews/mine", http.StatusOK, "补正告知和送达程序", "报送整改情况", "未告知陈述申辩权利", "正在进行的评查")
	if body := wantPage(t, other, "/enforcement/reviews/mine", http.StatusOK); strings.Contains(body, "补正告知和送达程序") {
		t.Error("another unit sees the 整改")
	}
	if resp, _ := reviewSubmit(t, other, rect.ID, "代报"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another unit submits: %d", resp.StatusCode)
	}
	if resp, _ := reviewSubmit(t, f.as(t, "leader"), rect.ID, "领导"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a leader submits: %d", resp.StatusCode)
	}
	owner.get("/enforcement/reviews/mine")
	if resp, _ := reviewSubmit(t, owner, rect.ID, "已补正告知书和送达回证，补充了现场照片"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	if resp, _ := owner.post(fmt.Sprintf("/enforcement/reviews/rectifications/%d/close", rect.ID), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the unit 销号 its own item: %d", resp.StatusCode)
	}
	wantPage(t, office, "/enforcement/reviews/rectifications", http.StatusOK, "已补正告知书和送达回证", "整改报告.pdf", "销号")
	if resp, body := office.post(fmt.Sprintf("/enforcement/reviews/rectifications/%d/return", rect.ID), nil); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body, "退回整改时请填写意见") {
		t.Errorf("return without a comment: %d", resp.StatusCode)
	}
	if resp, _ := office.post(fmt.Sprintf("/enforcement/reviews/rectifications/%d/close", rect.ID), url.Values{"comment": {"整改到位"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("销号: %d", resp.StatusCode)
	}
	items, _ = f.app.Deadlines.ItemsOf(t.Context(), enforcement.ObjectReviewRect, idText(rect.ID))
	if items[0].Status != "done" {
		t.Errorf("deadline %s after 销号", items[0].Status)
	}
	// Close the round; results, ranking and the export.
	if resp, _ := office.post(roundURL+"/close", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", resp.StatusCode)
	}
	body = wantPage(t, office, roundURL+"/results", http.StatusOK, "单位排名", "清溪县农业农村局", "清溪县卫生健康局", "data-chart=")
	if strings.Contains(body, "评查尚未结束") {
		t.Error("results still marked provisional")
	}
	if resp, _ := assessor.post(first+"/score", url.Values{}); resp.StatusCode != http.StatusConflict {
		t.Errorf("scoring a closed round: %d", resp.StatusCode)
	}
	resp, data := office.get(roundURL + "/results.xlsx")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", resp.StatusCode)
	}
	rows, err := xlsx.Read(strings.NewReader(data), "评查结果")
	if err != nil || len(rows) != 5 || rows[2][0] != "1" {
		t.Errorf("export ranking: %v %v", rows, err)
	}
	if detail, _ := xlsx.Read(strings.NewReader(data), "案卷评分明细"); len(detail) != 2+2+3 { // title, header, 2 + 3 deductions
		t.Errorf("export detail: %d rows", len(detail))
	}
	// A unit sees its own results only once the round is over.
	body = wantPage(t, f.as(t, "legal.wjj"), "/enforcement/reviews/mine", http.StatusOK, "评查结果", "清溪县卫生健康局")
	if strings.Contains(body, "清溪县农业农村局") {
		t.Error("卫生健康局 sees the 农业农村局's results")
	}
}

func TestReviewPagesRefuseWrongRoleAndScope(t *testing.T) {
	f := getFixture(t)
	for _, user := range []string{"officer.scjgj", "legal.scjgj", "leader"} {
		c := f.as(t, user)
		for _, p := range []string{"/enforcement/reviews", "/enforcement/reviews/new", "/enforcement/reviews/rectifications"} {
			if resp, _ := c.get(p); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", user, p, resp.StatusCode)
			}
		}
		wantPage(t, c, "/enforcement/reviews/mine", http.StatusOK, "本单位案卷评查")
	}
	wantPage(t, f.as(t, "assessor"), "/enforcement/reviews", http.StatusOK, "开展案卷评查")
	wantPage(t, f.as(t, "fazhiban"), "/enforcement/reviews/999999", http.StatusNotFound)
}
