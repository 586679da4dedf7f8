package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"fazhi/internal/enforcement"
)

// caseWebFixture gives the demo's 文化和旅游局 (officer.wlj2, legal.wlj) a
// published 重大 item and two officers (once per fixture; other tests own
// the 市场监督管理局's lists).
func caseWebFixture(t *testing.T, f *fixture) (unit int64, item enforcement.Item, officers []int64) {
	t.Helper()
	svc, ctx := f.app.Web.Enforcement, t.Context()
	unit = unitID(t, f, "清溪县文化和旅游局")
	items, _ := svc.CurrentItems(ctx, unit)
	for _, it := range items {
		if it.Code == "330217901000" {
			item = it
		}
	}
	if item.ID == 0 {
		list, err := svc.NewListDraft(ctx, unit, "")
		if err != nil {
			t.Fatal(err)
		}
		fen := func(y int64) *int64 { v := y * 100; return &v }
		if _, err := svc.SaveItem(ctx, list, enforcement.ItemInput{Code: "330217901000", Name: "对销售不符合食品安全标准的食品的处罚（网页测试）",
			Category: enforcement.CatPenalty, Law: "《中华人民共和国食品安全法》", Article: "第一百二十四条", Major: true, Hearing: true,
			Discretion: []enforcement.DiscretionInput{{Circumstance: "一般违法情节", Level: enforcement.LevelGeneral, MinFen: fen(50000), MaxFen: fen(100000)}}}); err != nil {
			t.Fatal(err)
		}
		if err := svc.PublishList(ctx, list); err != nil {
			t.Fatal(err)
		}
		items, _ = svc.CurrentItems(ctx, unit)
		for _, it := range items {
			if it.Code == "330217901000" {
				item = it
			}
		}
	}
	offs, _ := svc.UnitOfficers(ctx, unit)
	for _, o := range offs {
		if strings.HasPrefix(o.CertNo, "WEB-") {
			officers = append(officers, o.ID)
		}
	}
	for i := len(officers); i < 2; i++ {
		id, err := svc.CreateOfficer(ctx, enforcement.OfficerInput{UnitID: unit, Name: []string{"孙立", "郑晓"}[i],
			IDNumber: []string{"369921199004040061", "369921198812120073"}[i], CertNo: []string{"WEB-0001", "WEB-0002"}[i],
			CertAuthority: "云岭市人民政府", LawArea: "市场监管", IssuedOn: "2024-01-01", ValidUntil: "2029-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		officers = append(officers, id)
	}
	return unit, item, officers
}

// A 重大 case over HTTP: 立案 by the officer, steps, the refusal of a
// decision before 法制审核, the review by the 法制员, the decision,
// publication with masking, and the public page.
func TestCaseWalkOverHTTP(t *testing.T) {
	f := getFixture(t)
	unit, item, offs := caseWebFixture(t, f)
	officer, legal := f.as(t, "officer.wlj2"), f.as(t, "legal.wlj")
	today := time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
	wantPage(t, officer, "/cases/new", http.StatusOK, "立案", item.Name)
	form := url.Values{"unit_id": {idText(unit)}, "item_id": {idText(item.ID)}, "procedure": {"ordinary"}, "title": {"销售超过保质期的食品"},
		"source": {"监督检查发现"}, "party_kind": {"person"}, "party_name": {"钱多多"}, "party_id": {"36992119700101001X"},
		"party_phone": {"13907995678"}, "party_address": {"清溪县溪口街道解放路18号"}, "facts": {"钱多多销售超过保质期的饼干"},
		"filed_on": {today}, "officer": {idText(offs[0])}, "shown": {idText(offs[0])}}
	resp, body := officer.post("/cases", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d %s", resp.StatusCode, regexp.MustCompile(`flash err[^>]*>([^<]*)`).FindString(body))
	}
	path := strings.SplitN(resp.Header.Get("Location"), "?", 2)[0]
	step := func(c *client, v url.Values) (*http.Response, string) {
		v.Set("on", today)
		v.Del("csrf_token")
		return c.post(path+"/steps", v)
	}
	// Only one officer recorded: investigation is refused with the reason.
	resp, body = step(officer, url.Values{"step": {"investigate"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "不得少于两人") {
		t.Fatalf("investigate with one officer: %d", resp.StatusCode)
	}
	// Add the second officer through the database as a correction would.
	if _, err := f.app.DB.W.Exec(`INSERT INTO enf_case_officers (case_id, officer_id, role, shown_cert) VALUES (?, ?, 'handler', 1)`,
		strings.TrimPrefix(path, "/cases/"), offs[1]); err != nil {
		t.Fatal(err)
	}
	for _, st := range []url.Values{{"step": {"investigate"}}, {"step": {"notify"}, "note": {"拟罚款60000元"}}} {
		if resp, _ := step(officer, st); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d", st.Get("step"), resp.StatusCode)
		}
	}
	resp, body = step(officer, url.Values{"step": {"decide"}, "decision": {"penalty"}, "penalty_text": {"罚款60000元"}, "fine": {"60000"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "未经法制审核或者审核未通过的，不得作出决定") {
		t.Fatalf("decision before review: %d", resp.StatusCode)
	}
	if resp, _ := step(officer, url.Values{"step": {"submit_review"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit review: %d", resp.StatusCode)
	}
	review := url.Values{"step": {"review"}, "review": {"pass"}, "note": {"同意"}}
	for _, it := range enforcement.ReviewItems {
		review.Add("check", it.Key)
	}
	if resp, _ := step(officer, review); resp.StatusCode != http.StatusForbidden {
		t.Errorf("officer reviewing: %d, want 403", resp.StatusCode)
	}
	legal.get(path)
	if resp, _ := step(legal, review); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", resp.StatusCode)
	}
	disc := idText(item.Discretion[0].ID)
	if resp, _ := step(officer, url.Values{"step": {"decide"}, "decision": {"penalty"}, "penalty_text": {"罚款60000元"}, "fine": {"60000"}, "discretion_id": {disc}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("decide: %d", resp.StatusCode)
	}
	if resp, _ := officer.post(path+"/publish", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	body = wantPage(t, officer, path, http.StatusOK, "已决定", "法制审核", "已于", "决定书送达")
	m := regexp.MustCompile(`/public/enforcement/decisions/(\d+)`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no link to the publication")
	}
	body = wantPage(t, newClient(t, f.srv.URL), "/public/enforcement/decisions/"+m[1], http.StatusOK, "钱*", "罚款60000元")
	for _, leak := range []string{"钱多多", "36992119700101001X", "13907995678", "18号"} {
		if strings.Contains(body, leak) {
			t.Errorf("public decision leaks %q", leak)
		}
	}
	// Another department cannot see the case.
	if resp, _ := f.as(t, "legal.scjgj").get(path); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other department: %d, want 404", resp.StatusCode)
	}
}
