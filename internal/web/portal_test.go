package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
)

// portalSeedDecision stores a decided case of unit and its 事后公示 record
// directly (as the case steps write them); withdrawn gives a withdrawal date.
func portalSeedDecision(t *testing.T, f *fixture, unit int64, caseNo, party, title, body string, decided string, late bool, withdrawn string) int64 {
	t.Helper()
	var pubID int64
	now := time.Now().UTC()
	err := f.app.DB.InTx(t.Context(), func(tx *store.Tx) error {
		caseID, err := tx.InsertID(t.Context(), `INSERT INTO enf_cases (unit_id, case_no, procedure, state, title, party_name,
			party_id_sealed, party_address, decided_on, decision, decision_no, created_at, updated_at)
			VALUES (?, ?, 'ordinary', 'closed', ?, ?, 'sealed', '清溪县青山镇青山村3组28号', ?, 'penalty', ?, ?, ?)`,
			unit, caseNo, title, party, decided, caseNo, now, now)
		if err != nil {
			return err
		}
		pubID, err = tx.InsertID(t.Context(), `INSERT INTO enf_publications (case_id, unit_id, category, title, body, decision_no,
			decided_on, due_on, published_on, late, withdrawn_on, withdraw_reason, created_at)
			VALUES (?, ?, 'penalty', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, unit, title, body, caseNo, decided, decided, decided, late,
			withdrawn, map[bool]string{true: "行政复议决定撤销原处罚决定"}[withdrawn != ""], now)
		if err != nil {
			return err
		}
		return f.app.Web.Enforcement.IndexPublication(t.Context(), tx, pubID, title, caseNo)
	})
	if err != nil {
		t.Fatal(err)
	}
	return pubID
}

func TestPortalDecisionsPublicSearchAndSupervision(t *testing.T) {
	f := getFixture(t)
	scj := unitID(t, f, "清溪县市场监督管理局")
	zf := unitID(t, f, "清溪县综合行政执法局")
	// The publication text is what the case steps wrote (masked); the case
	// row behind it holds the full name, which must never reach the portal.
	p1 := portalSeedDecision(t, f, scj, "清市监罚〔2026〕101号", "王建国", "王*销售过期食品案", "当事人王*（身份证号 369***********0011）销售超过保质期的食品，决定罚款5000元。", "2026-03-10", false, "")
	portalSeedDecision(t, f, scj, "清市监罚〔2026〕102号", "李秀英", "李*未明码标价案", "当事人李*未明码标价，决定警告。", "2026-04-02", true, "")
	p3 := portalSeedDecision(t, f, zf, "清综执罚〔2026〕7号", "赵小明", "赵*擅自占道经营案", "当事人赵*占道经营，决定罚款200元。", "2026-05-06", false, "2026-06-01")

	anon := newClient(t, f.srv.URL)
	body := wantPage(t, anon, "/public/enforcement/decisions", http.StatusOK, "王*销售过期食品案", "李*未明码标价案")
	for _, leak := range []string{"王建国", "李秀英", "赵小明", "青山村3组28号"} {
		if strings.Contains(body, leak) {
			t.Errorf("public list leaks %q", leak)
		}
	}
	if strings.Contains(body, "赵*擅自占道经营案") {
		t.Error("withdrawn decision listed")
	}
	wantPage(t, anon, "/public/enforcement/decisions/"+idText(p3), http.StatusOK, "该信息已撤回", "行政复议决定撤销原处罚决定")
	wantPage(t, anon, "/public/enforcement/decisions/"+idText(p1), http.StatusOK, "清市监罚〔2026〕101号", "决定罚款5000元")

	// Search: keyword, unit, period; a bad period is refused with a message.
	body = wantPage(t, anon, "/public/enforcement/decisions?q=明码标价", http.StatusOK, "李*未明码标价案")
	if strings.Contains(body, "王*销售过期食品案") {
		t.Error("keyword search returned a non-matching decision")
	}
	body = wantPage(t, anon, fmt.Sprintf("/public/enforcement/decisions?unit=%d&from=2026-04-01&to=2026-12-31", scj), http.StatusOK, "李*未明码标价案", "第 1 页")
	if strings.Contains(body, "王*销售过期食品案") || strings.Contains(body, "下一页") {
		t.Error("period filter ignored")
	}
	wantPage(t, anon, "/public/enforcement/decisions?from=2026-05-01&to=2026-04-01", http.StatusBadRequest, "起始日期晚于截止日期")
	wantPage(t, anon, "/public/enforcement/decisions?q=%25", http.StatusOK, "没有符合条件的执法决定")
	body = wantPage(t, anon, "/public/enforcement/decisions?q=2026〕102", http.StatusOK, "李*未明码标价案")
	if strings.Contains(body, "王*销售过期食品案") {
		t.Error("文号 search returned another decision")
	}
	// Terms all present but not adjacent: the substring check refuses it.
	wantPage(t, anon, "/public/enforcement/decisions?q=销售食品", http.StatusOK, "没有符合条件的执法决定")

	// The supervisors' page: late ones flagged and counted; not public.
	if resp, _ := anon.get("/enforcement/publications"); resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound {
		t.Errorf("anonymous supervision page: %d", resp.StatusCode)
	}
	wantPage(t, f.as(t, "fazhiban"), "/enforcement/publications?late=1", http.StatusOK, "逾期公示", "李*未明码标价案")
	body = wantPage(t, f.as(t, "legal.scjgj"), "/enforcement/publications", http.StatusOK, "王*销售过期食品案")
	if strings.Contains(body, "赵*擅自占道经营案") {
		t.Error("a department sees another department's publications")
	}
}

func TestPortalRegistryShowsOnlyPublicData(t *testing.T) {
	f := getFixture(t)
	svc := f.app.Web.Enforcement
	ctx := t.Context()
	unit := unitID(t, f, "清溪县交通运输局")
	if _, err := svc.CreateOfficer(ctx, enforcement.OfficerInput{UnitID: unit, Name: "周卫东", IDNumber: "369921197803030055",
		Phone: "13907990001", CertNo: "JT-PORTAL-0001", CertAuthority: "云岭市人民政府", LawArea: "交通运输",
		IssuedOn: "2024-01-01", ValidUntil: "2029-01-01"}); err != nil {
		t.Fatal(err)
	}
	list, err := svc.NewListDraft(ctx, unit, "门户测试")
	if err != nil {
		t.Fatal(err)
	}
	fen := func(y int64) *int64 { v := y * 100; return &v }
	if _, err := svc.SaveItem(ctx, list, enforcement.ItemInput{Code: "330221999000", Name: "对超限运输车辆的处罚（门户）",
		Category: enforcement.CatPenalty, Law: "《公路安全保护条例》", Article: "第六十四条", Discretion: []enforcement.DiscretionInput{
			{Circumstance: "超限10%以下", Level: enforcement.LevelGeneral, MinFen: fen(500), MaxFen: fen(3000)}}}); err != nil {
		t.Fatal(err)
	}
	anon := newClient(t, f.srv.URL)
	// A draft list is not public.
	body := wantPage(t, anon, "/public/enforcement/items?unit="+idText(unit), http.StatusOK)
	if strings.Contains(body, "门户") {
		t.Fatal("draft item on the portal")
	}
	if err := svc.PublishList(ctx, list); err != nil {
		t.Fatal(err)
	}
	wantPage(t, anon, "/public/enforcement/items?unit="+idText(unit), http.StatusOK, "对超限运输车辆的处罚（门户）")
	items, _ := svc.CurrentItems(ctx, unit)
	wantPage(t, anon, "/public/enforcement/items/"+idText(items[0].ID), http.StatusOK, "超限10%以下", "500–3000元")
	body = wantPage(t, anon, "/public/enforcement/officers?unit="+idText(unit), http.StatusOK, "周卫东", "JT-PORTAL-0001")
	for _, leak := range []string{"369921197803030055", "03030055", "13907990001", "7990001"} {
		if strings.Contains(body, leak) {
			t.Errorf("officer page leaks %q", leak)
		}
	}
	wantPage(t, anon, "/public/enforcement/procedure", http.StatusOK, "第五十八条")
	wantPage(t, anon, "/public", http.StatusOK, "行政执法公示")
}
