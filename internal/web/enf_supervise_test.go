package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
	"fazhi/internal/xlsx"
)

// supWeb is what supWebSeed creates for the supervision pages: cases of the
// 自然资源局 (legal.zrzyj's unit) in three states, and a transferred and a
// decided case of the 住建局, outside legal.zrzyj's scope.
type supWeb struct {
	own, other        int64
	decided, transfer string // 案号 of the 自然资源局's cases
	open              string // a case still under investigation
	otherTransfer     string // the 住建局's
	otherDecided      string
	year              int // the year of the decisions
}

var (
	supWebOnce sync.Once
	supWebData supWeb
	supWebErr  error
)

func supWebSeed(t *testing.T) supWeb {
	t.Helper()
	f := getFixture(t)
	supWebOnce.Do(func() { supWebData, supWebErr = supWebCreate(f) })
	if supWebErr != nil {
		t.Fatal(supWebErr)
	}
	return supWebData
}

func supWebCreate(f *fixture) (supWeb, error) {
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "test"})
	var d supWeb
	var err error
	for _, u := range []struct {
		name, code string
		id         *int64
	}{{"清溪县自然资源局", "ZR", &d.own}, {"清溪县住房和城乡建设局", "ZJ", &d.other}} {
		if *u.id, err = supWebUnit(ctx, f, u.name, u.code); err != nil {
			return d, fmt.Errorf("%s: %w", u.name, err)
		}
	}
	steps := map[string][]enforcement.Step{
		"decided":  {enforcement.StepInvestigate, enforcement.StepNotify, enforcement.StepDecide, enforcement.StepServe, enforcement.StepClose},
		"transfer": {enforcement.StepInvestigate, enforcement.StepTransfer},
		"open":     {enforcement.StepInvestigate},
	}
	for _, c := range []struct {
		unit   int64
		script string
		dst    *string
	}{{d.own, "decided", &d.decided}, {d.own, "transfer", &d.transfer}, {d.own, "open", &d.open},
		{d.other, "transfer", &d.otherTransfer}, {d.other, "decided", &d.otherDecided}} {
		if *c.dst, err = supWebCase(ctx, f, c.unit, steps[c.script], 30); err != nil {
			return d, fmt.Errorf("case %s: %w", c.script, err)
		}
	}
	list, _, err := f.app.Web.Enforcement.Cases(ctx, enforcement.CaseFilter{Query: d.decided, Limit: 1})
	if err != nil || len(list) != 1 {
		return d, fmt.Errorf("decided case: %v", err)
	}
	fmt.Sscan(list[0].DecidedOn[:4], &d.year)
	return d, nil
}

// supWebUnit gives a unit a published 权责清单 with a penalty item and two
// officers with valid certificates; it returns the unit's id.
func supWebUnit(ctx context.Context, f *fixture, name, code string) (int64, error) {
	svc := f.app.Web.Enforcement
	u, err := f.app.Org.GetByName(ctx, name)
	if err != nil {
		return 0, err
	}
	list, err := svc.NewListDraft(ctx, u.ID, "")
	if err != nil {
		return 0, err
	}
	if _, err := svc.SaveItem(ctx, list, enforcement.ItemInput{Code: "SUP-" + code + "-001", Name: "对违法经营行为的处罚（监督测试）",
		Category: enforcement.CatPenalty, Law: "《中华人民共和国行政处罚法》", Article: "第九条",
		Discretion: []enforcement.DiscretionInput{{Circumstance: "一般情节", Level: enforcement.LevelGeneral,
			MinFen: enfRegFen(1000), MaxFen: enfRegFen(5000)}}}); err != nil {
		return 0, err
	}
	if err := svc.PublishList(ctx, list); err != nil {
		return 0, err
	}
	for i, p := range []struct{ name, birth, seq string }{{"钟山", "19820304", "113"}, {"钱塘", "19870506", "125"}} {
		if code == "ZJ" {
			p.seq = fmt.Sprintf("%03d", 131+i*2)
		}
		if _, err := svc.CreateOfficer(ctx, enforcement.OfficerInput{UnitID: u.ID, Name: p.name, IDNumber: enfRegIDNo(p.birth, p.seq),
			CertNo: fmt.Sprintf("SUP-%s-%04d", code, i+1), CertAuthority: "云岭市人民政府", LawArea: "综合（清溪县）",
			IssuedOn: "2022-01-01", ValidUntil: enfRegDay(900)}); err != nil {
			return 0, err
		}
	}
	return u.ID, nil
}

// supWebCase files a case of unit daysAgo days ago and takes the steps, a
// few days apart; it returns the 案号.
func supWebCase(ctx context.Context, f *fixture, unit int64, steps []enforcement.Step, daysAgo int) (string, error) {
	svc := f.app.Web.Enforcement
	all, err := svc.CurrentItems(ctx, unit)
	if err != nil {
		return "", err
	}
	var item enforcement.Item // the one supWebUnit published (other tests may add lists)
	for _, it := range all {
		if strings.HasPrefix(it.Code, "SUP-") {
			item = it
		}
	}
	if item.ID == 0 {
		return "", fmt.Errorf("no SUP- item in unit %d", unit)
	}
	offs, err := svc.UnitOfficers(ctx, unit)
	if err != nil || len(offs) < 2 {
		return "", fmt.Errorf("officers: %v", err)
	}
	day := func(n int) string { return enfRegDay(-daysAgo + n) }
	id, err := svc.CreateCase(ctx, enforcement.CaseInput{UnitID: unit, ItemID: item.ID, Procedure: enforcement.ProcOrdinary,
		Title: "无证经营（监督测试）", Source: "监督检查发现", PartyKind: "org", PartyName: "清溪县某某建材经营部",
		PartyAddress: "清溪县溪口街道", Facts: "当事人无证经营", FiledOn: day(0),
		Officers: []enforcement.CaseOfficerInput{{OfficerID: offs[0].ID, Lead: true, ShownCert: true}, {OfficerID: offs[1].ID, ShownCert: true}}})
	if err != nil {
		return "", err
	}
	for i, st := range steps {
		in := enforcement.StepInput{Step: st, On: day(5 * (i + 1)), Note: "记录"}
		if st == enforcement.StepDecide {
			in.Decision, in.FineFen, in.PenaltyText = enforcement.DecPenalty, 300000, "罚款3000元"
			in.DiscretionID = item.Discretion[0].ID
		}
		if err := svc.TakeStep(ctx, id, in); err != nil {
			return "", fmt.Errorf("%s: %w", st, err)
		}
	}
	c, err := svc.GetCase(ctx, id)
	return c.CaseNo, err
}

var supLocation = regexp.MustCompile(`^/enforcement/(referrals|complaints|appeals)/(\d+)`)

// supCreate posts a create form, checks it redirected to the new record's
// page and returns that path.
func supCreate(t *testing.T, c *client, path string, form url.Values) string {
	t.Helper()
	resp, body := c.post(path, form)
	m := supLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), supFlashErr(body))
	}
	return m[0]
}

var supErrRe = regexp.MustCompile(`<div class="flash err[^"]*" role="alert" id="([a-z-]+)">([^<]*)</div>`)

// supFlashErr is "id: message" of the error shown beside a form ("" when none).
func supFlashErr(body string) string {
	if m := supErrRe.FindStringSubmatch(body); m != nil {
		return m[1] + ": " + m[2]
	}
	return ""
}

// supWantErr checks a refused POST: its status and the Chinese message in
// the error box of the named form.
func supWantErr(t *testing.T, what string, resp *http.Response, body string, status int, box, msg string) {
	t.Helper()
	got := supFlashErr(body)
	if resp.StatusCode != status || !strings.HasPrefix(got, box+": ") || !strings.Contains(got, msg) {
		t.Errorf("%s: status %d, error %q; want %d and %q in #%s", what, resp.StatusCode, got, status, msg, box)
	}
}

// supXLSX downloads an export and returns its rows.
func supXLSX(t *testing.T, c *client, path string) [][]string {
	t.Helper()
	resp, raw := c.get(path)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	rows, err := xlsx.Read(strings.NewReader(raw), "")
	if err != nil {
		t.Fatalf("GET %s: not an XLSX: %v", path, err)
	}
	return rows
}

func supRowWith(rows [][]string, s string) []string {
	for _, r := range rows {
		if strings.Contains(strings.Join(r, "|"), s) {
			return r
		}
	}
	return nil
}

func TestEnfReferralPagesFlow(t *testing.T) {
	f := getFixture(t)
	d := supWebSeed(t)
	legal := f.as(t, "legal.zrzyj")
	wantPage(t, legal, "/enforcement/referrals/new?case="+url.QueryEscape(d.transfer), http.StatusOK, d.transfer, "登记移送")
	form := url.Values{"case_no": {d.transfer}, "referred_on": {enfRegDay(-1)}, "receiver": {"清溪县公安局"}, "charges": {""}}
	resp, body := legal.post("/enforcement/referrals", form)
	supWantErr(t, "no charges", resp, body, http.StatusBadRequest, "referral-error", "请填写涉嫌罪名")
	if !strings.Contains(body, `value="清溪县公安局"`) {
		t.Error("the form lost what was typed")
	}
	form.Set("charges", "非法经营罪")
	form.Set("case_no", d.otherTransfer)
	resp, body = legal.post("/enforcement/referrals", form)
	supWantErr(t, "another unit's case", resp, body, http.StatusNotFound, "referral-error", "不存在或不在您的数据范围内")
	form.Set("case_no", d.transfer)
	path := supCreate(t, legal, "/enforcement/referrals", form)

	body = wantPage(t, legal, path, http.StatusOK, "已移送", "非法经营罪", `value="accepted"`, `value="refused"`, `value="returned"`)
	if strings.Contains(body, `value="filed"`) {
		t.Error("the status form offers 已立案 straight after 移送")
	}
	resp, body = legal.post(path+"/status", url.Values{"status": {"filed"}, "on": {enfRegDay(0)}})
	supWantErr(t, "filed before accepted", resp, body, http.StatusConflict, "referral-status-error", "只能变更为“已受理”、“不予受理”、“退回”")
	if resp, _ := legal.post(path+"/status", url.Values{"status": {"accepted"}, "on": {enfRegDay(0)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", resp.StatusCode)
	}
	resp, body = legal.post(path+"/status", url.Values{"status": {"not_filed"}, "on": {enfRegDay(0)}})
	supWantErr(t, "不予立案 without reason", resp, body, http.StatusBadRequest, "referral-status-error", "请填写说明")
	if resp, _ := legal.post(path+"/status", url.Values{"status": {"not_filed"}, "on": {enfRegDay(0)}, "note": {"情节显著轻微"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("not filed: %d", resp.StatusCode)
	}
	// The 检察监督 note is the 法治办's: the department's 法制员 is refused.
	if resp, _ := legal.post(path+"/oversight", url.Values{"oversight": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 writing the oversight: %d", resp.StatusCode)
	}
	office := f.as(t, "fazhiban")
	office.get(path)
	resp, body = office.post(path+"/oversight", url.Values{"oversight": {"  "}})
	supWantErr(t, "empty oversight", resp, body, http.StatusBadRequest, "referral-oversight-error", "请填写检察监督情况")
	if resp, _ := office.post(path+"/oversight", url.Values{"oversight": {"县人民检察院开展立案监督"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("oversight: %d", resp.StatusCode)
	}
	body = wantPage(t, legal, path, http.StatusOK, "县人民检察院开展立案监督", "情节显著轻微", "已受理", `value="filed"`)
	if n := strings.Count(body, `<li><strong>`); n != 3 {
		t.Errorf("history has %d steps, want 3", n)
	}
	// After 立案监督 the police file the case: the procedure ends, and a
	// late answer is refused with the reason where the form was.
	if resp, _ := legal.post(path+"/status", url.Values{"status": {"filed"}, "on": {enfRegDay(0)}, "note": {"经立案监督立案"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("filed: %d", resp.StatusCode)
	}
	body = wantPage(t, legal, path, http.StatusOK, `id="referral-final"`)
	if strings.Contains(body, `id="referral-status-form"`) {
		t.Error("a filed referral still offers the status form")
	}
	resp, body = legal.post(path+"/status", url.Values{"status": {"returned"}, "on": {enfRegDay(0)}, "note": {"x"}})
	supWantErr(t, "after filing", resp, body, http.StatusConflict, "referral-status-error", "办理程序已终结")
	year := enfRegDay(-1)[:4]
	wantPage(t, legal, "/enforcement/referrals?year="+year+"&status=filed", http.StatusOK, d.transfer, "有记录")
	if _, body := legal.get("/enforcement/referrals?year=" + year + "&status=referred"); strings.Contains(body, d.transfer) {
		t.Error("the status filter shows a filed referral under 已移送")
	}
	rows := supXLSX(t, legal, "/enforcement/referrals/export.xlsx?year="+year)
	if r := supRowWith(rows, d.transfer); r == nil || !strings.Contains(strings.Join(r, "|"), "已立案|") {
		t.Errorf("export row: %v", r)
	}
	wantPage(t, legal, "/enforcement/referrals?year=abc", http.StatusBadRequest, "年度参数不正确")

	// Another unit's referral does not exist for legal.zrzyj; roles without
	// the handling permission cannot record one.
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "test"})
	otherPath := "/enforcement/referrals/" + idText(supMust(f.app.Web.Enforcement.RecordReferral(ctx, "", enforcement.ReferralInput{
		CaseNo: d.otherTransfer, ReferredOn: enfRegDay(0), Receiver: "清溪县公安局", Charges: "重大责任事故罪"})))
	wantPage(t, legal, otherPath, http.StatusNotFound)
	if resp, _ := legal.post(otherPath+"/status", url.Values{"status": {"accepted"}, "on": {enfRegDay(0)}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("status of another unit's referral: %d", resp.StatusCode)
	}
	if _, body := legal.get("/enforcement/referrals?year=" + year); strings.Contains(body, d.otherTransfer) {
		t.Error("the list crosses the scope")
	}
	wantPage(t, f.as(t, "fazhiban"), otherPath, http.StatusOK, "重大责任事故罪")
	wantPage(t, f.as(t, "leader"), "/enforcement/referrals/new", http.StatusForbidden)
}

func supMust(id int64, err error) int64 {
	if err != nil {
		panic(err)
	}
	return id
}

func TestEnfComplaintPagesMaskAndDeadline(t *testing.T) {
	f := getFixture(t)
	d := supWebSeed(t)
	office := f.as(t, "fazhiban")
	wantPage(t, office, "/enforcement/complaints/new", http.StatusOK, "答复期限：自收到之日起15个工作日")
	form := url.Values{"unit_id": {idText(d.own)}, "received_on": {enfRegDay(0)}, "channel": {""}, "complainant": {"欧阳秀英"},
		"phone": {"13907990123"}, "content": {"执法人员在检查中态度恶劣，未出示执法证件"}}
	resp, body := office.post("/enforcement/complaints", form)
	supWantErr(t, "no channel", resp, body, http.StatusBadRequest, "complaint-error", "请选择投诉举报渠道")
	form.Set("channel", "12345热线")
	form.Set("received_on", "2026-13-01")
	resp, body = office.post("/enforcement/complaints", form)
	supWantErr(t, "bad date", resp, body, http.StatusBadRequest, "complaint-error", "收到日期“2026-13-01”不是有效日期")
	form.Set("received_on", enfRegDay(0))
	path := supCreate(t, office, "/enforcement/complaints", form)
	// An old one, still open: overdue.
	form.Set("received_on", enfRegDay(-45))
	form.Set("complainant", "欧阳振华")
	old := supCreate(t, office, "/enforcement/complaints", form)

	// The office that answers sees the complainant; the unit complained of
	// sees the name masked and never the phone.
	wantPage(t, office, path, http.StatusOK, "欧阳秀英", "13907990123", "已受理", "本地区行政执法投诉举报办理期限")
	legal := f.as(t, "legal.zrzyj")
	masked := privacy.MaskName("欧阳秀英")
	for _, p := range []string{path, "/enforcement/complaints", "/enforcement/complaints?state=open"} {
		body := wantPage(t, legal, p, http.StatusOK, masked)
		if strings.Contains(body, "欧阳秀英") || strings.Contains(body, "13907990123") || strings.Contains(body, "0123") {
			t.Errorf("%s shows the complainant's personal data to the unit complained of", p)
		}
	}
	// The 考核员 scores case files, but complaints are the office's: the
	// complainant masked, no registering or advancing.
	assessor := f.as(t, "assessor")
	if body := wantPage(t, assessor, path, http.StatusOK, masked); strings.Contains(body, "欧阳秀英") ||
		strings.Contains(body, "13907990123") || strings.Contains(body, "complaint-advance-form") {
		t.Error("the 考核员 sees the complainant or the form to advance the complaint")
	}
	if body := wantPage(t, assessor, "/enforcement/complaints", http.StatusOK); strings.Contains(body, `id="complaint-new"`) {
		t.Error("the 考核员 is offered to register a complaint")
	}
	wantPage(t, assessor, "/enforcement/complaints/new", http.StatusForbidden)
	if resp, _ := assessor.post(path+"/status", url.Values{"status": {"closed"}, "on": {enfRegDay(0)}, "result": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("考核员 closing a complaint: %d", resp.StatusCode)
	}
	_, body = legal.get("/enforcement/complaints?state=overdue")
	if !strings.Contains(body, `id="complaint-`+strings.TrimPrefix(old, "/enforcement/complaints/")+`" class="row-warn"`) ||
		!strings.Contains(body, "已逾期") || strings.Contains(body, `id="complaint-`+strings.TrimPrefix(path, "/enforcement/complaints/")+`"`) {
		t.Error("the overdue filter does not show exactly the overdue complaint, flagged")
	}
	rows := supXLSX(t, office, "/enforcement/complaints/export.xlsx")
	if r := supRowWith(rows, "未出示执法证件"); r == nil || !strings.Contains(strings.Join(r, "|"), masked) {
		t.Errorf("export row: %v", r)
	}
	for _, r := range rows {
		if j := strings.Join(r, "|"); strings.Contains(j, "欧阳秀英") || strings.Contains(j, "13907990123") {
			t.Fatalf("export holds personal data: %v", r)
		}
	}
	var n int
	if err := f.app.DB.Read().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM audit_log WHERE summary LIKE ? OR summary LIKE ?`,
		"%欧阳%", "%13907990123%").Scan(&n); err != nil || n != 0 {
		t.Errorf("audit log holds the complainant (%d rows, %v)", n, err)
	}

	// Advancing is the office's: refused to the department, checked for the office.
	if resp, _ := legal.post(path+"/status", url.Values{"status": {"closed"}, "on": {enfRegDay(0)}, "result": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("department closing: %d", resp.StatusCode)
	}
	wantPage(t, legal, "/enforcement/complaints/new", http.StatusForbidden)
	resp, body = office.post(path+"/status", url.Values{"status": {"closed"}, "on": {enfRegDay(0)}})
	supWantErr(t, "close without result", resp, body, http.StatusBadRequest, "complaint-advance-error", "请填写办理结果及答复情况")
	if resp, _ := office.post(path+"/status", url.Values{"status": {"investigating"}, "on": {enfRegDay(0)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("investigate: %d", resp.StatusCode)
	}
	if resp, _ := office.post(path+"/status", url.Values{"status": {"closed"}, "on": {enfRegDay(0)}, "result": {"经核查，已批评教育当事执法人员并答复投诉人"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", resp.StatusCode)
	}
	body = wantPage(t, office, path, http.StatusOK, "已办结", "已批评教育")
	if strings.Contains(body, "complaint-advance-form") {
		t.Error("a closed complaint still offers the form")
	}
	resp, body = office.post(path+"/status", url.Values{"status": {"closed"}, "on": {enfRegDay(0)}, "result": {"再次"}})
	supWantErr(t, "closed twice", resp, body, http.StatusConflict, "complaint-advance-error", "该投诉举报已办结")
	// A complaint about another unit is not found for legal.zrzyj.
	form.Set("unit_id", idText(d.other))
	other := supCreate(t, office, "/enforcement/complaints", form)
	wantPage(t, legal, other, http.StatusNotFound)
}

func TestEnfAppealPagesAndCaseSection(t *testing.T) {
	f := getFixture(t)
	d := supWebSeed(t)
	legal := f.as(t, "legal.zrzyj")
	wantPage(t, legal, "/enforcement/appeals/new?case="+url.QueryEscape(d.decided), http.StatusOK, d.decided)
	form := url.Values{"case_no": {d.open}, "kind": {"reconsideration"}, "organ": {"清溪县人民政府"}, "filed_on": {enfRegDay(0)}}
	resp, body := legal.post("/enforcement/appeals", form)
	supWantErr(t, "undecided case", resp, body, http.StatusConflict, "appeal-error", "尚未作出决定")
	form.Set("case_no", d.decided)
	form.Set("kind", "")
	resp, body = legal.post("/enforcement/appeals", form)
	supWantErr(t, "no kind", resp, body, http.StatusBadRequest, "appeal-error", "请选择类型")
	form.Set("kind", "reconsideration")
	form.Set("filed_on", enfRegDay(-40))
	resp, body = legal.post("/enforcement/appeals", form)
	supWantErr(t, "before the decision", resp, body, http.StatusBadRequest, "appeal-error", "不能早于决定日期")
	form.Set("filed_on", enfRegDay(-2))
	path := supCreate(t, legal, "/enforcement/appeals", form)
	wantPage(t, legal, path, http.StatusOK, "未审结", "记录审结结果")
	resp, body = legal.post(path+"/outcome", url.Values{"decided_on": {enfRegDay(0)}})
	supWantErr(t, "no outcome", resp, body, http.StatusBadRequest, "appeal-outcome-error", "请选择审结结果")
	if resp, _ := legal.post(path+"/outcome", url.Values{"outcome": {"revoked"}, "decided_on": {enfRegDay(0)}, "note": {"清府复决字〔2026〕3号"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("outcome: %d", resp.StatusCode)
	}
	wantPage(t, legal, path, http.StatusOK, "撤销", "纠错", "请在")
	body = wantPage(t, legal, "/enforcement/appeals", http.StatusOK, d.decided, "纠错")
	if !strings.Contains(body, "row-warn") {
		t.Error("the corrected appeal is not flagged in the list")
	}
	rows := supXLSX(t, legal, "/enforcement/appeals/export.xlsx")
	if r := supRowWith(rows, d.decided); r == nil || !strings.Contains(strings.Join(r, "|"), "撤销|纠错") {
		t.Errorf("export row: %v", r)
	}
	// The case page links its appeals and offers to record one.
	list, _, _ := f.app.Web.Enforcement.Cases(t.Context(), enforcement.CaseFilter{Query: d.decided, Limit: 1})
	casePath := "/cases/" + idText(list[0].ID)
	wantPage(t, legal, casePath, http.StatusOK, `href="`+path+`"`, "行政复议", "纠错", `id="case-appeal-new"`)
	if _, body := f.as(t, "officer.zrzyj2").get(casePath); strings.Contains(body, `id="case-appeal-new"`) || !strings.Contains(body, `href="`+path+`"`) {
		t.Error("an officer's case page: link to record shown, or the appeal missing")
	}
	// Officers do not record 复议/诉讼; another unit's appeal is not found.
	wantPage(t, f.as(t, "officer.zrzyj2"), "/enforcement/appeals/new", http.StatusForbidden)
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "test"})
	other := "/enforcement/appeals/" + idText(supMust(f.app.Web.Enforcement.RecordAppeal(ctx, "", enforcement.AppealInput{
		CaseNo: d.otherDecided, Kind: enforcement.AppealLitigation, Organ: "清溪县人民法院", FiledOn: enfRegDay(0)})))
	wantPage(t, legal, other, http.StatusNotFound)
	if resp, _ := legal.post(other+"/outcome", url.Values{"outcome": {"upheld"}, "decided_on": {enfRegDay(0)}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("outcome of another unit's appeal: %d", resp.StatusCode)
	}
}
