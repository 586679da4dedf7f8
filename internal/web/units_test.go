package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestUnitCreateValidateMoveMerge(t *testing.T) {
	f := getFixture(t)
	admin := f.as(t, "admin")
	county, _ := f.app.Org.GetByName(t.Context(), "清溪县人民政府")
	admin.get("/admin/units/new")
	form := url.Values{"parent_id": {itoa(county.ID)}, "name": {"清溪县数据局"}, "level": {"department"},
		"org_type": {"admin_organ"}, "credit_code": {"11369921MB0000001X"}}
	_, body := admin.post("/admin/units", form)
	if !strings.Contains(body, "统一社会信用代码") || !strings.Contains(body, "清溪县数据局") {
		t.Fatal("a wrong check character was not reported next to the kept form")
	}
	if _, err := f.app.Org.GetByName(t.Context(), "清溪县数据局"); err == nil {
		t.Fatal("unit with an invalid credit code was saved")
	}
	form.Set("credit_code", "")
	resp, _ := admin.post("/admin/units", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	newID := regexp.MustCompile(`/admin/units/(\d+)`).FindStringSubmatch(resp.Header.Get("Location"))[1]
	gxj, _ := f.app.Org.GetByName(t.Context(), "清溪县工业和信息化局")
	admin.get("/admin/units/" + newID)
	resp, _ = admin.post("/admin/units/"+newID+"/merge", url.Values{"into_id": {itoa(gxj.ID)}, "note": {"清编发〔2026〕9号"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", resp.StatusCode)
	}
	_, body = admin.get("/admin/units/" + newID)
	if !strings.Contains(body, "已合并") || !strings.Contains(body, "清编发〔2026〕9号") {
		t.Fatal("merged unit page lacks status or history")
	}
	// A department's 法制员 cannot see units outside its bureau.
	if resp, _ := f.as(t, "legal.scjgj").get("/admin/units/" + itoa(county.ID)); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("out-of-scope unit page: %d", resp.StatusCode)
	}
	resp, _ = admin.get("/admin/units/export.xlsx")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "xlsx") {
		t.Fatalf("export: %d", resp.StatusCode)
	}
}
