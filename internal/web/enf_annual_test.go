package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/enforcement"
)

var supAnnualRow = regexp.MustCompile(`(?s)<tr data-line="(\d+)"[^>]*>\s*<th[^>]*>([^<]*)</th>(.*?)</tr>`)
var supAnnualCell = regexp.MustCompile(`<td class="num">([^<]*)</td>`)

// supAnnualLines reads the 统计年报 table of a page: label and cells per line.
func supAnnualLines(body string) [][]string {
	var out [][]string
	for _, m := range supAnnualRow.FindAllStringSubmatch(body, -1) {
		line := []string{m[2]}
		for _, c := range supAnnualCell.FindAllStringSubmatch(m[3], -1) {
			line = append(line, c[1])
		}
		out = append(out, line)
	}
	return out
}

// wantAnnualLines are the lines the page should show for a report.
func wantAnnualLines(rep enforcement.AnnualReport) [][]string {
	var out [][]string
	for _, l := range rep.Lines() {
		line := []string{l.Label}
		for _, c := range enforcement.ReportColumns {
			line = append(line, c.Text(l.Figures))
		}
		out = append(out, line)
	}
	return out
}

// The 统计年报 page shows the rollups, and they equal the records: a case
// walked through the service moves the page's figures exactly as a direct
// count of the cases says, for the county and for the department.
func TestEnfAnnualPageMatchesRecords(t *testing.T) {
	f := getFixture(t)
	d := supWebSeed(t)
	svc, ctx := f.app.Web.Enforcement, audit.WithActor(context.Background(), audit.Actor{Username: "test"})
	if _, err := supWebCase(ctx, f, d.own, []enforcement.Step{enforcement.StepInvestigate, enforcement.StepNotify, enforcement.StepDecide}, 20); err != nil {
		t.Fatal(err)
	}
	year := fmt.Sprint(d.year)
	for _, who := range []string{"fazhiban", "legal.zrzyj"} {
		u, _ := f.app.Auth.GetByUsername(ctx, who)
		direct, err := svc.AnnualReportDirect(ctx, u.ScopeUnitID, d.year)
		if err != nil {
			t.Fatal(err)
		}
		body := wantPage(t, f.as(t, who), "/enforcement/stats?year="+year, http.StatusOK, "行政执法统计年报", "行政复议", "败诉（纠错）")
		got, want := supAnnualLines(body), wantAnnualLines(direct)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%s: %d lines on the page, %d from the records", who, len(got), len(want))
		}
		for i := range want {
			if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
				t.Errorf("%s line %d:\n page    %v\n records %v", who, i, got[i], want[i])
			}
		}
		rows := supXLSX(t, f.as(t, who), "/enforcement/stats/export.xlsx?year="+year)
		if len(rows) < 5 || !strings.Contains(rows[0][0], "行政执法统计年报（"+year+"年度）") || !strings.HasSuffix(rows[4][0], "合计") {
			t.Errorf("%s export: %v", who, rows[:min(len(rows), 5)])
		}
	}
	// The department's own line agrees with RecordStats on 立案 and 罚没.
	ownPath := ""
	if u, err := f.app.Org.Get(ctx, d.own); err == nil {
		ownPath = u.Path
	}
	rec, err := svc.RecordStats(ctx, ownPath, d.year)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := svc.AnnualReport(ctx, d.own, d.year)
	col := func(group, name string) float64 {
		for _, c := range enforcement.ReportColumns {
			if c.Group == group && c.Name == name {
				return c.Value(rep.Total)
			}
		}
		t.Fatalf("no column %s/%s", group, name)
		return 0
	}
	fines := col("行政处罚", "罚款金额") + col("行政处罚", "没收金额")
	if float64(rec.Total.Filed) != col("行政处罚", "立案") || enforcement.WanYuan(rec.Total.FineFen+rec.Total.ConfFen) != fines || fines == 0 {
		t.Errorf("RecordStats %+v, rollups 立案 %v 罚没 %v", rec.Total, col("行政处罚", "立案"), fines)
	}
	wantPage(t, f.as(t, "fazhiban"), "/enforcement/stats?year=1800", http.StatusBadRequest, "年度参数不正确")
}

// The consistency recount runs as a background job for the county's 法治办.
func TestEnfAnnualRecountJob(t *testing.T) {
	f := getFixture(t)
	office := f.as(t, "fazhiban")
	wantPage(t, office, "/enforcement/stats", http.StatusOK, `id="annual-rebuild"`)
	if resp, _ := office.post("/enforcement/stats/rebuild", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("without confirmation: %d", resp.StatusCode)
	}
	if resp, _ := f.as(t, "legal.zrzyj").post("/enforcement/stats/rebuild", url.Values{"confirm": {"1"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("法制员 starting the recount: %d", resp.StatusCode)
	}
	resp, _ := office.post("/enforcement/stats/rebuild", url.Values{"confirm": {"1"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("start: %d %s", resp.StatusCode, loc)
	}
	id := strings.TrimPrefix(loc, "/jobs/")
	var jobID int64
	fmt.Sscan(id, &jobID)
	wctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	j, err := f.app.Jobs.Wait(wctx, jobID)
	if err != nil || !strings.Contains(j.Result, "与案件记录全部一致") {
		t.Fatalf("job: %+v %v", j, err)
	}
	wantPage(t, office, loc, http.StatusOK, "与案件记录全部一致")
}
