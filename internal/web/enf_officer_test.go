package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
	"fazhi/internal/privacy"
	"fazhi/internal/xlsx"
)

// enfRegData is what enfRegSeed creates in the shared demo county.
type enfRegData struct {
	scjgj, zhzfj int64 // 市场监管局 (legal.scjgj's unit), 综合行政执法局
	officers     []int64
	other        int64 // an officer of 综合行政执法局, outside legal.scjgj's scope
	list         int64 // 市场监管局's first published version
}

var (
	enfRegOnce sync.Once
	enfReg     enfRegData
	enfRegErr  error
)

// enfRegIDNo is a valid fictional 身份证号 with the sequence seq.
func enfRegIDNo(birth, seq string) string {
	first := "369921" + birth + seq
	c, _ := privacy.IDCheckChar(first)
	return first + string(c)
}

func enfRegDay(days int) string {
	return time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, days).Format("2006-01-02")
}

// enfRegSeed gives the demo county's 市场监管局 a subject, officers (one
// expiring, one expired, one 暂扣) with training, a headcount and a
// published 权责清单, once per test binary.
func enfRegSeed(t *testing.T) enfRegData {
	t.Helper()
	f := getFixture(t)
	enfRegOnce.Do(func() { enfReg, enfRegErr = enfRegCreate(f) })
	if enfRegErr != nil {
		t.Fatal(enfRegErr)
	}
	return enfReg
}

func enfRegCreate(f *fixture) (enfRegData, error) {
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "test"})
	svc := f.app.Web.Enforcement
	var d enfRegData
	for name, dst := range map[string]*int64{"清溪县市场监督管理局": &d.scjgj, "清溪县综合行政执法局": &d.zhzfj} {
		u, err := f.app.Org.GetByName(ctx, name)
		if err != nil {
			return d, err
		}
		*dst = u.ID
	}
	subject, err := svc.CreateSubject(ctx, enforcement.SubjectInput{UnitID: d.scjgj, Name: "清溪县市场监督管理局",
		Kind: enforcement.SubjectAuthority, LegalBasis: "《清溪县机构改革方案》；《中华人民共和国行政处罚法》第十七条",
		Scope: "市场监管、食品安全、药品、知识产权", Active: true})
	if err != nil {
		return d, err
	}
	people := []struct {
		name, birth, seq, until string
	}{
		{"李明", "19800105", "011", enfRegDay(800)}, {"张华", "19860917", "022", enfRegDay(60)},
		{"陈静", "19900311", "042", enfRegDay(-3)}, {"刘强", "19780620", "053", enfRegDay(400)},
	}
	for i, p := range people {
		id, err := svc.CreateOfficer(ctx, enforcement.OfficerInput{UnitID: d.scjgj, SubjectID: subject, Name: p.name,
			IDNumber: enfRegIDNo(p.birth, p.seq), Phone: "1390791000" + fmt.Sprint(i), Position: "执法队员",
			CertNo: fmt.Sprintf("REG369921%03d", i+1), CertAuthority: "云岭市人民政府", LawArea: "市场监管（清溪县）",
			IssuedOn: "2021-06-01", ValidUntil: p.until})
		if err != nil {
			return d, fmt.Errorf("officer %s: %w", p.name, err)
		}
		d.officers = append(d.officers, id)
		if _, err := svc.AddTraining(ctx, id, enforcement.TrainingInput{HeldOn: enfRegDay(-10), Course: "行政处罚法专题培训",
			Hours: fmt.Sprint(16 + 12*i)}); err != nil {
			return d, err
		}
	}
	if err := svc.SetOfficerStatus(ctx, d.officers[3], enforcement.OfficerSuspended, "涉嫌违规执法，暂扣执法证"); err != nil {
		return d, err
	}
	if err := svc.SetUnitPosts(ctx, d.scjgj, 5, "清编办发〔2024〕12号"); err != nil {
		return d, err
	}
	if d.other, err = svc.CreateOfficer(ctx, enforcement.OfficerInput{UnitID: d.zhzfj, Name: "周伟",
		IDNumber: enfRegIDNo("19850101", "071"), CertNo: "REG369921900", CertAuthority: "云岭市人民政府",
		LawArea: "城市管理（清溪县）", IssuedOn: "2022-01-01", ValidUntil: enfRegDay(900)}); err != nil {
		return d, err
	}
	if d.list, err = svc.NewListDraft(ctx, d.scjgj, "初版"); err != nil {
		return d, err
	}
	for _, in := range enfRegItems() {
		if _, err := svc.SaveItem(ctx, d.list, in); err != nil {
			return d, fmt.Errorf("item %s: %w", in.Code, err)
		}
	}
	return d, svc.PublishList(ctx, d.list)
}

func enfRegFen(yuan int64) *int64 { v := yuan * 100; return &v }

func enfRegItems() []enforcement.ItemInput {
	return []enforcement.ItemInput{
		{Code: "CF-SC-001", Name: "经营不符合食品安全标准的食品", Category: enforcement.CatPenalty, Law: "《中华人民共和国食品安全法》",
			Article: "第一百二十四条", BasisText: "违反本法规定，有下列情形之一……处五万元以上十万元以下罚款", Major: true, Hearing: true,
			Discretion: []enforcement.DiscretionInput{
				{Circumstance: "首次违法、危害后果轻微并及时改正", Level: enforcement.LevelNone, ListKind: enforcement.ListKindExempt},
				{Circumstance: "货值金额不足一万元", Level: enforcement.LevelLighter, MinFen: enfRegFen(50000), MaxFen: enfRegFen(65000), Other: "没收违法所得", ListKind: enforcement.ListKindLenient},
				{Circumstance: "一般情节", Level: enforcement.LevelGeneral, MinFen: enfRegFen(65000), MaxFen: enfRegFen(85000), Other: "没收违法所得"},
				{Circumstance: "造成人身伤害或拒不改正", Level: enforcement.LevelHeavier, MinFen: enfRegFen(85000), MaxFen: enfRegFen(100000), Other: "没收违法所得，可吊销许可证"}}},
		{Code: "CF-SC-002", Name: "未按规定公示年度报告", Category: enforcement.CatPenalty, Law: "《企业信息公示暂行条例》", Article: "第十七条",
			Discretion: []enforcement.DiscretionInput{
				{Circumstance: "首次且及时补报", Level: enforcement.LevelNone, ListKind: enforcement.ListKindExempt},
				{Circumstance: "一般情节", Level: enforcement.LevelGeneral, MinFen: enfRegFen(2000), MaxFen: enfRegFen(5000)}}},
		{Code: "XK-SC-001", Name: "食品经营许可", Category: enforcement.CatLicense, Law: "《中华人民共和国食品安全法》", Article: "第三十五条"},
		{Code: "JC-SC-001", Name: "食品经营日常监督检查", Category: enforcement.CatInspection, Law: "《食品生产经营监督检查管理办法》", Article: "第六条"},
	}
}

var enfLocation = regexp.MustCompile(`/enforcement/officers/(\d+)`)

// Registering an officer through the form; the 身份证号 shows in full only to
// managers, masked in the list and the export; a bad number is refused
// with its reason.
func TestEnfOfficerPagesMaskPersonalData(t *testing.T) {
	f := getFixture(t)
	d := enfRegSeed(t)
	legal := f.as(t, "legal.scjgj")
	legal.get("/enforcement/officers/new")
	idNo := enfRegIDNo("19920202", "093")
	form := url.Values{"unit_id": {fmt.Sprint(d.scjgj)}, "name": {"赵敏"}, "id_number": {idNo[:17] + "0"}, "phone": {"13907911234"},
		"cert_no": {"REG369921777"}, "cert_authority": {"云岭市人民政府"}, "law_area": {"市场监管（清溪县）"},
		"issued_on": {"2024-03-01"}, "valid_until": {"2030-02-28"}}
	resp, body := legal.post("/enforcement/officers", form)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "校验位") || !strings.Contains(body, "赵敏") {
		t.Fatalf("bad 身份证号: %d", resp.StatusCode)
	}
	form.Set("id_number", idNo)
	resp, _ = legal.post("/enforcement/officers", form)
	m := enfLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = legal.get("/enforcement/officers/" + m[1])
	if !strings.Contains(body, idNo) || !strings.Contains(body, "13907911234") {
		t.Fatal("manager does not see the full 身份证号")
	}
	officer := f.as(t, "officer.scjgj")
	resp, body = officer.get("/enforcement/officers/" + m[1])
	if resp.StatusCode != http.StatusOK || strings.Contains(body, idNo) || !strings.Contains(body, privacy.MaskIDNumber(idNo)) ||
		strings.Contains(body, "13907911234") {
		t.Fatalf("officer view: %d, full number shown or mask missing", resp.StatusCode)
	}
	_, body = legal.get("/enforcement/officers?q=REG369921777")
	if strings.Contains(body, idNo) || !strings.Contains(body, "赵敏") {
		t.Fatal("list shows the full 身份证号 or misses the officer")
	}
	resp, raw := legal.get("/enforcement/officers/export.xlsx?q=REG369921777")
	rows, err := xlsx.Read(strings.NewReader(raw), "")
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) != 2 || strings.Contains(raw, idNo) ||
		!strings.Contains(strings.Join(rows[1], "|"), privacy.MaskIDNumber(idNo)) {
		t.Fatalf("export: %d %v %v", resp.StatusCode, err, rows)
	}
}

// A unit outside the user's scope is refused on every page and action.
func TestEnfRegistryScopeRefusal(t *testing.T) {
	f := getFixture(t)
	d := enfRegSeed(t)
	legal := f.as(t, "legal.scjgj")
	legal.get("/enforcement/officers")
	other := "/enforcement/officers/" + fmt.Sprint(d.other)
	for _, c := range []struct {
		method, path string
		form         url.Values
	}{
		{"GET", other, nil},
		{"POST", other, url.Values{"name": {"周伟"}}},
		{"POST", other + "/status", url.Values{"status": {"revoked"}, "reason": {"x"}}},
		{"POST", other + "/training", url.Values{"held_on": {enfRegDay(-1)}, "course": {"x"}, "hours": {"2"}}},
		{"POST", "/enforcement/officers", url.Values{"unit_id": {fmt.Sprint(d.zhzfj)}, "name": {"x"}}},
		{"POST", "/enforcement/lists", url.Values{"unit_id": {fmt.Sprint(d.zhzfj)}}},
		{"POST", "/enforcement/posts", url.Values{"unit_id": {fmt.Sprint(d.zhzfj)}, "posts": {"3"}}},
		{"GET", "/enforcement/items?unit=" + fmt.Sprint(d.zhzfj), nil},
	} {
		var resp *http.Response
		if c.method == "GET" {
			resp, _ = legal.get(c.path)
		} else {
			resp, _ = legal.post(c.path, c.form)
		}
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s: status %d, want 403", c.method, c.path, resp.StatusCode)
		}
	}
	_, body := legal.get("/enforcement/officers")
	if strings.Contains(body, "周伟") || !strings.Contains(body, "李明") {
		t.Error("the list crosses the scope")
	}
	if o, _ := f.app.Web.Enforcement.Officer(context.Background(), d.other); o.Status != enforcement.OfficerActive {
		t.Errorf("out-of-scope officer changed: %+v", o)
	}
	_, body = f.as(t, "fazhiban").get("/enforcement/officers")
	if !strings.Contains(body, "周伟") {
		t.Error("the county's 法治办 does not see the 综合行政执法局 officer")
	}
}

// enfRegUpload posts a file as the browser does (multipart, same origin).
func enfRegUpload(t *testing.T, c *client, path, filename string, data []byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", c.csrf)
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}
