package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"fazhi/internal/app"
	"fazhi/internal/demo"
)

// TestDemoSeedsEveryCapability runs what `fazhi demo` seeds on a fresh
// database, so a failing seeder (or one that leaves a page empty) is caught
// before a new user's first run: every capability has its records, and a
// second run adds nothing.
func TestDemoSeedsEveryCapability(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the whole demo county")
	}
	dir := t.TempDir()
	cfg := app.FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "demo.db"), filepath.Join(dir, "data")
	ctx := context.Background()
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	logins, err := seedDemo(ctx, a)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	if len(logins) < 50 {
		t.Errorf("%d logins", len(logins))
	}
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := a.DB.Read().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	checks := []struct {
		what string
		q    string
		args []any
		min  int
	}{
		{"plan tasks", `SELECT COUNT(*) FROM plan_tasks`, nil, 10},
		{"progress reports accepted", `SELECT COUNT(*) FROM task_reports WHERE status = 'accepted'`, nil, 1},
		{"ledger figures", `SELECT COUNT(*) FROM ledger_entries WHERE year = ?`, []any{demo.LedgerYear}, 100},
		{"closed assessment round", `SELECT COUNT(*) FROM assessment_rounds WHERE status = 'closed'`, nil, 1},
		{"officers", `SELECT COUNT(*) FROM enf_officers`, nil, 20},
		{"closed cases", `SELECT COUNT(*) FROM enf_cases WHERE state = 'closed'`, nil, 10},
		{"published decisions", `SELECT COUNT(*) FROM enf_publications`, nil, 10},
		{"published annual report", `SELECT COUNT(*) FROM reports r JOIN report_publications p ON p.report_id = r.id
			WHERE r.year = ? AND r.status = 'published' AND p.withdrawn_at IS NULL`, []any{demo.LedgerYear}, 1},
		{"drafted annual report", `SELECT COUNT(*) FROM reports WHERE year = ? AND status = 'draft'`, []any{demo.LedgerYear + 1}, 1},
	}
	before := map[string]int{}
	for _, c := range checks {
		n := count(c.q, c.args...)
		before[c.what] = n
		if n < c.min {
			t.Errorf("%s: %d, want at least %d", c.what, n, c.min)
		}
	}
	// The published report met both deadlines.
	if n := count(`SELECT COUNT(*) FROM deadline_items WHERE object_type = 'annual_report' AND status = 'done'`); n != 2 {
		t.Errorf("%d report deadlines met, want 2", n)
	}
	if _, err := seedDemo(ctx, a); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	for _, c := range checks {
		if n := count(c.q, c.args...); n != before[c.what] {
			t.Errorf("second run changed %s: %d → %d", c.what, before[c.what], n)
		}
	}
	fmt.Fprintln(testWriter{t}, "demo seeded:", before)
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }
