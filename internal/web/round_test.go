package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"fazhi/internal/xlsx"
)

var (
	reRoundLoc   = regexp.MustCompile(`^/supervise/rounds/(\d+)\?`)
	reSCJGJUnit  = regexp.MustCompile(`<option value="(\d+)">[　]*清溪县市场监督管理局</option>`)
	reTargetOpt  = regexp.MustCompile(`name="target_id"><option value="(\d+)">清溪县市场监督管理局`)
	reFindingID  = regexp.MustCompile(`id="finding-(\d+)"`)
	reRectID     = regexp.MustCompile(`id="rect-(\d+)">\s*<header><strong>清溪县市场监督管理局</strong> · 2026年执法公示督察`)
	rectRequired = "在门户网站公开行政执法公示事项清单"
)

func wantStatus(t *testing.T, what string, resp *http.Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s: status %d, want %d", what, resp.StatusCode, want)
	}
}

// The 法治办 opens a round on 市场监管局 with a finding and a 整改 item, the
// unit's 法制员 submits closing evidence, the 法治办 销号; an officer and
// another unit are refused.
func TestRoundRectifyFlow(t *testing.T) {
	f, _, _ := superviseFixture(t)
	office, legal := f.as(t, "fazhiban"), f.as(t, "legal.scjgj")
	wantPage(t, office, "/tasks", http.StatusOK, `href="/supervise/rounds"`, `href="/rectifications"`)
	wantPage(t, office, "/supervise/rounds/new", http.StatusOK, "开展督察")
	resp, _ := office.post("/supervise/rounds", url.Values{"title": {" "}})
	wantStatus(t, "round without title", resp, http.StatusBadRequest)
	resp, _ = office.post("/supervise/rounds", url.Values{"title": {"2026年执法公示督察"}, "basis": {"清法治办〔2026〕9号"}})
	wantStatus(t, "create round", resp, http.StatusSeeOther)
	m := reRoundLoc.FindStringSubmatch(resp.Header.Get("Location"))
	if m == nil {
		t.Fatalf("redirect %q", resp.Header.Get("Location"))
	}
	round := "/supervise/rounds/" + m[1]
	body := wantPage(t, office, round, http.StatusOK, "2026年执法公示督察", "尚未选择被督察单位")
	unit := reSCJGJUnit.FindStringSubmatch(body)
	if unit == nil {
		t.Fatal("no 市场监管局 in the unit choices")
	}
	resp, _ = office.post(round+"/targets", url.Values{"unit_id": {unit[1]}})
	wantStatus(t, "add target", resp, http.StatusSeeOther)
	target := reTargetOpt.FindStringSubmatch(wantPage(t, office, round, http.StatusOK, "全面工作"))
	if target == nil {
		t.Fatal("no finding form for the target")
	}
	resp, _ = office.post(round+"/findings", url.Values{"target_id": {target[1]}, "severity": {"较重"},
		"body": {"行政执法公示事项清单未公开"}})
	wantStatus(t, "add finding", resp, http.StatusSeeOther)
	finding := reFindingID.FindStringSubmatch(wantPage(t, office, round, http.StatusOK, "行政执法公示事项清单未公开", "较重"))
	if finding == nil {
		t.Fatal("finding missing")
	}
	resp, _ = office.post("/supervise/findings/"+finding[1]+"/rectifications", url.Values{"unit_id": {unit[1]},
		"requirement": {rectRequired}})
	wantStatus(t, "rectification without period", resp, http.StatusBadRequest)
	resp, _ = office.post("/supervise/findings/"+finding[1]+"/rectifications", url.Values{"unit_id": {unit[1]},
		"requirement": {rectRequired}, "days": {"15"}})
	wantStatus(t, "create rectification", resp, http.StatusSeeOther)
	wantPage(t, office, round, http.StatusOK, rectRequired, "整改中", "期限 15 日")

	body = wantPage(t, legal, "/rectifications", http.StatusOK, rectRequired, "报送验收")
	rect := reRectID.FindStringSubmatch(body)
	if rect == nil {
		t.Fatal("rectification missing from the unit's list")
	}
	evidence := "/rectifications/" + rect[1] + "/evidence"
	form := url.Values{"closing_text": {"已在门户网站公开，截图见附件"}}
	pdf := map[string][]byte{"公开截图.pdf": []byte("%PDF-1.4\n公开\n%%EOF\n")}
	sfj := f.as(t, "legal.sfj")
	sfj.get("/rectifications")
	resp, _ = sfj.postMultipart(evidence, form, pdf)
	wantStatus(t, "another unit's evidence", resp, http.StatusForbidden)
	resp, _ = legal.postMultipart(evidence, form, pdf)
	wantStatus(t, "submit evidence", resp, http.StatusSeeOther)
	resp, _ = legal.post("/rectifications/"+rect[1]+"/accept", nil)
	wantStatus(t, "unit 销号", resp, http.StatusForbidden)

	wantPage(t, office, "/rectifications", http.StatusOK, "待验收", "公开截图.pdf", "验收销号")
	resp, _ = office.post("/rectifications/"+rect[1]+"/accept", url.Values{"comment": {"同意销号"}, "back": {"round"}})
	wantStatus(t, "销号", resp, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, round+"?") {
		t.Errorf("销号 redirect %q", loc)
	}
	wantPage(t, office, round, http.StatusOK, "已销号", "同意销号", "公开截图.pdf")
	if body := wantPage(t, legal, "/rectifications", http.StatusOK); strings.Contains(body, rectRequired) {
		t.Error("a 销号 item is still in the unit's open list")
	}
	wantPage(t, legal, "/rectifications?all=1", http.StatusOK, rectRequired, "已销号")
	wantPage(t, office, "/supervise/rounds", http.StatusOK, "2026年执法公示督察")

	resp, data := office.get(round + "/export.xlsx")
	wantStatus(t, "export", resp, http.StatusOK)
	rows, err := xlsx.Read(strings.NewReader(data), "整改事项")
	if err != nil || len(rows) < 3 || !strings.Contains(strings.Join(rows[len(rows)-1], "|"), "已销号") {
		t.Fatalf("export rows %v %v", rows, err)
	}

	officer := f.as(t, "officer.scjgj")
	for _, p := range []string{"/supervise/rounds", round, "/rectifications", round + "/export.xlsx"} {
		if resp, _ := officer.get(p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("officer GET %s: status %d, want 403", p, resp.StatusCode)
		}
	}
	if resp, _ := legal.get(round); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 GET round: status %d, want 403", resp.StatusCode)
	}
}
