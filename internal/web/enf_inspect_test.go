package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"fazhi/internal/xlsx"
)

func TestInspectionsRecordListExport(t *testing.T) {
	f := getFixture(t)
	officer := f.as(t, "officer.scjgj")
	scj, zf := unitID(t, f, "清溪县市场监督管理局"), unitID(t, f, "清溪县综合行政执法局")
	wantPage(t, officer, "/enforcement/inspections", http.StatusOK, "行政检查", "登记检查")
	today := time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
	form := url.Values{"unit_id": {idText(scj)}, "inspected_on": {today}, "target": {"清溪县百味食品店"}, "visits": {"0"},
		"result": {"当场责令改正"}, "mobile": {"1"}}
	resp, body := officer.post("/enforcement/inspections", form)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "检查户次应为1至1000之间的整数") || !strings.Contains(body, `value="清溪县百味食品店"`) {
		t.Fatalf("bad visits: %d", resp.StatusCode)
	}
	form.Set("visits", "3")
	if resp, _ := officer.post("/enforcement/inspections", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d", resp.StatusCode)
	}
	// Another department's unit is outside the officer's scope.
	other := url.Values{"unit_id": {idText(zf)}, "inspected_on": {today}, "target": {"某工地"}, "visits": {"1"}, "result": {"未发现问题"}}
	if resp, _ := officer.post("/enforcement/inspections", other); resp.StatusCode != http.StatusForbidden {
		t.Errorf("out of scope: %d, want 403", resp.StatusCode)
	}
	if resp, _ := f.as(t, "leader").post("/enforcement/inspections", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader recording: %d, want 403", resp.StatusCode)
	}
	wantPage(t, officer, "/enforcement/inspections?unit="+idText(scj), http.StatusOK, "清溪县百味食品店", "当场责令改正")
	// The 法治办 sees the county, the department's record among it.
	wantPage(t, f.as(t, "fazhiban"), "/enforcement/inspections", http.StatusOK, "清溪县百味食品店")
	resp, body = officer.get("/enforcement/inspections/export.xlsx")
	rows, err := xlsx.Read(strings.NewReader(body), "")
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) < 3 || rows[1][3] != "清溪县百味食品店" || rows[1][4] != "3" {
		t.Fatalf("export: %d %v %v", resp.StatusCode, err, rows)
	}
}
