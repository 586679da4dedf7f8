package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

func runCalendarCapture(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runCalendar(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCalendarExportJSON(t *testing.T) {
	code, out, errOut := runCalendarCapture(t, "export", "--year", "2024", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var days []map[string]any
	if err := json.Unmarshal([]byte(out), &days); err != nil {
		t.Fatal(err)
	}
	if len(days) != 366 {
		t.Fatalf("%d days", len(days))
	}
	feb4 := days[34]
	want := map[string]any{"date": "2024-02-04", "workday": true, "kind": "adjusted_workday", "name": "春节"}
	for k, v := range want {
		if feb4[k] != v {
			t.Errorf("2024-02-04 %s = %v, want %v (%v)", k, feb4[k], v, feb4)
		}
	}
	if _, ok := feb4["estimated"]; ok {
		t.Error("published year marked estimated")
	}
}

func TestCalendarExportUnpublishedYear(t *testing.T) {
	if calendar.Default().Published(2099) {
		t.Skip("2099 published")
	}
	code, out, _ := runCalendarCapture(t, "export", "--year", "2099", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var days []map[string]any
	if err := json.Unmarshal([]byte(out), &days); err != nil {
		t.Fatal(err)
	}
	for _, d := range days {
		if d["estimated"] != true {
			t.Fatalf("day not estimated: %v", d)
		}
	}
	code, out, _ = runCalendarCapture(t, "export", "--year", "2099")
	if code != 0 || !strings.Contains(out, calendar.EstimatedNote) {
		t.Errorf("text export of 2099: %d %q", code, out)
	}
}

func TestCalendarAddJSON(t *testing.T) {
	code, out, errOut := runCalendarCapture(t, "add", "--from", "2024-09-27", "--n", "7", "--unit", "workday", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Due       string        `json:"due"`
		Estimated bool          `json:"estimated"`
		Trail     []string      `json:"trail"`
		Rule      *calRuleBrief `json:"rule"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Due != "2024-10-12" || got.Estimated || len(got.Trail) < 3 || got.Rule != nil {
		t.Errorf("got %+v", got)
	}
	if !strings.Contains(out, "2024年10月1日至7日 国庆节放假，不计") {
		t.Errorf("trail: %s", out)
	}
}

func TestCalendarAddRule(t *testing.T) {
	code, out, errOut := runCalendarCapture(t, "add", "--from", "2024-09-27", "--rule", "penalty_evidence_hold", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got calAddOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Due != "2024-10-12" || got.Rule == nil || got.Rule.ID != "penalty_evidence_hold" ||
		!strings.Contains(got.Rule.Citation, "行政处罚法") || got.Unit != "workday" {
		t.Errorf("got %+v", got)
	}
	// 15 日 from 2024-09-20 ends on 10月5日 (国庆), moved to 10月8日; with 3
	// suspension days it ends on 10月8日 as well (a Tuesday).
	code, out, _ = runCalendarCapture(t, "add", "--from", "2024-09-20", "--n", "15", "--unit", "day", "--suspend", "3")
	if code != 0 || !strings.Contains(out, "届满日：2024年10月8日") || !strings.Contains(out, "中止") {
		t.Errorf("text add with suspension: %d\n%s", code, out)
	}
}

func TestCalendarAddEstimated(t *testing.T) {
	if calendar.Default().Published(2099) {
		t.Skip("2099 published")
	}
	code, out, _ := runCalendarCapture(t, "add", "--from", "2099-03-01", "--n", "10", "--unit", "day", "--format", "json")
	if code != 0 || !strings.Contains(out, `"estimated": true`) || !strings.Contains(out, calendar.EstimatedNote) {
		t.Errorf("%d %s", code, out)
	}
}

func TestCalendarBadInput(t *testing.T) {
	cases := [][]string{
		{},
		{"frobnicate"},
		{"export"},
		{"export", "--year", "2003"},
		{"export", "--year", "2024", "--format", "xml"},
		{"add", "--from", "2024-13-01", "--n", "1", "--unit", "day"},
		{"add", "--from", "27/09/2024", "--n", "1", "--unit", "day"},
		{"add", "--from", "2003-12-31", "--n", "1", "--unit", "day"},
		{"add", "--from", "2100-12-20", "--n", "30", "--unit", "day"},
		{"add", "--from", "2024-09-27", "--n", "7", "--unit", "week"},
		{"add", "--from", "2024-09-27", "--n", "0", "--unit", "day"},
		{"add", "--from", "2024-09-27"},
		{"add", "--from", "2024-09-27", "--rule", "no_such_rule"},
		{"add", "--from", "2024-09-27", "--rule", "fcr_impl_rules"},
		{"add", "--from", "2024-09-27", "--rule", "license_decision", "--extend", "11"},
		{"add", "--from", "2024-09-27", "--rule", "license_decision", "--n", "3"},
		{"add", "--from", "2024-09-27", "--n", "1", "--unit", "day", "--bogus"},
		{"import-notice"},
		{"import-notice", "/nonexistent/notice.txt"},
	}
	for _, args := range cases {
		code, out, errOut := runCalendarCapture(t, args...)
		lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
		if code != 2 || out != "" || errOut == "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
			continue
		}
		if len(args) > 0 && (len(lines) != 1 || strings.ContainsFunc(lines[0], calIsHan)) {
			t.Errorf("%q: stderr should be one English line: %q", args, errOut)
		}
	}
}

func calIsHan(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }

const calTestNotice = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（周五）放假调休，共8天。2月20日（周六）上班。
国务院办公厅
2026年11月5日`

func writeCalendarNotice(t *testing.T, text string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "notice.txt")
	if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestCalendarImportNotice(t *testing.T) {
	file := writeCalendarNotice(t, calTestNotice)
	code, out, errOut := runCalendarCapture(t, "import-notice", file)
	if code != 0 || !strings.Contains(out, "二、春节：2027年2月5日至12日 放假，共 8 天") || !strings.Contains(out, "2027年2月") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	code, out, _ = runCalendarCapture(t, "import-notice", "--format", "json", file)
	var plan calendar.YearPlan
	if code != 0 || json.Unmarshal([]byte(out), &plan) != nil || plan.Year != 2027 || len(plan.Days) != 12 {
		t.Errorf("json preview: %d %s", code, out)
	}
}

func TestCalendarImportNoticeApply(t *testing.T) {
	file := writeCalendarNotice(t, calTestNotice)
	saved := applyNotice
	defer func() { applyNotice = saved }()

	applyNotice = nil
	code, _, errOut := runCalendarCapture(t, "import-notice", file, "--apply")
	if code != 1 || !strings.Contains(errOut, "--apply needs a database") {
		t.Errorf("without hook: exit %d, %q", code, errOut)
	}

	var applied calendar.YearPlan
	var appliedText, appliedDB string
	applyNotice = func(db string, p calendar.YearPlan, text string) (string, error) {
		applied, appliedText, appliedDB = p, text, db
		return "已导入：" + p.Title, nil
	}
	code, out, _ := runCalendarCapture(t, "import-notice", "--apply", "--db", "x.db", file)
	if code != 0 || applied.Year != 2027 || appliedText != calTestNotice || appliedDB != "x.db" || !strings.Contains(out, "已导入") {
		t.Errorf("with hook: exit %d, applied %d to %q\n%s", code, applied.Year, appliedDB, out)
	}

	applyNotice = func(string, calendar.YearPlan, string) (string, error) { return "", errors.New("disk full") }
	if code, _, errOut := runCalendarCapture(t, "import-notice", "--apply", file); code != 1 || !strings.Contains(errOut, "disk full") {
		t.Errorf("failing hook: exit %d, %q", code, errOut)
	}
}

func TestCalendarImportNoticeRejects(t *testing.T) {
	file := writeCalendarNotice(t, strings.Replace(calTestNotice, "共8天", "共7天", 1))
	code, out, errOut := runCalendarCapture(t, "import-notice", file, "--apply")
	if code != 2 || out != "" || !strings.Contains(errOut, "cannot parse") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestCalendarImportNoticeDatabase saves a notice into a real database and
// reads it back through export and add.
func TestCalendarImportNoticeDatabase(t *testing.T) {
	t.Setenv("FAZHI_DB", "")
	dbPath := filepath.Join(t.TempDir(), "cal.db")
	file := writeCalendarNotice(t, calTestNotice)
	code, _, errOut := runCalendarCapture(t, "import-notice", file, "--apply", "--db", dbPath)
	if code != 1 || !strings.Contains(errOut, "does not exist") {
		t.Errorf("missing database: exit %d, %q", code, errOut)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, out, errOut := runCalendarCapture(t, "import-notice", file, "--apply", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "已导入 SQLite "+dbPath) || !strings.Contains(out, "2027年部分节假日安排") {
		t.Fatalf("apply: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCalendarCapture(t, "export", "--year", "2027", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "2027-02-05 周五 放假 春节") {
		t.Errorf("export from the database: exit %d\n%s", code, out)
	}
	t.Setenv("FAZHI_DB", dbPath)
	code, out, _ = runCalendarCapture(t, "add", "--from", "2027-02-04", "--n", "1", "--unit", "workday", "--format", "json")
	if code != 0 || !strings.Contains(out, `"due": "2027-02-15"`) {
		t.Errorf("add with FAZHI_DB: exit %d\n%s", code, out)
	}
	code, out, _ = runCalendarCapture(t, "import-notice", file, "--apply")
	if code != 0 || !strings.Contains(out, "替换了 cli:") {
		t.Errorf("second apply: exit %d\n%s", code, out)
	}
}
