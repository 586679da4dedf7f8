package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/auth"
)

func init() { auth.CheapHashingForTests() }

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if stdin != "" {
		r, w, _ := os.Pipe()
		_, _ = w.WriteString(stdin)
		w.Close()
		old := os.Stdin
		os.Stdin = r
		defer func() { os.Stdin = old }()
	}
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUserCreateAuditVerifyAndTamper(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	t.Setenv("FAZHI_DB", db)
	code, out, errs := runCLI(t, "Strong#pass2026\n", "user", "create", "--username", "root.admin", "--name", "管理员",
		"--unit", "测试县人民政府", "--role", "sysadmin")
	if code != 0 || !strings.Contains(out, "created user root.admin") {
		t.Fatalf("create: %d %s %s", code, out, errs)
	}
	code, _, errs = runCLI(t, "", "user", "create", "--username", "root.admin", "--name", "又一个",
		"--unit", "1", "--password", "Strong#pass2026")
	if code != 1 || !strings.Contains(errs, "invalid username") {
		t.Fatalf("duplicate: %d %s", code, errs)
	}
	code, out, _ = runCLI(t, "", "user", "list")
	if code != 0 || !strings.Contains(out, "root.admin") || !strings.Contains(out, "must-change-password") {
		t.Fatalf("list: %d %s", code, out)
	}
	code, out, _ = runCLI(t, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("verify: %d %s", code, out)
	}
	// Edit one audit row by hand, past the append-only trigger.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET summary = '篡改' WHERE seq = 2`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	code, _, errs = runCLI(t, "", "audit", "verify")
	if code != 1 || !strings.Contains(errs, "row 2") {
		t.Fatalf("tampered verify: %d %q", code, errs)
	}
}

func TestBackupAndMigrate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	code, out, errs := runCLI(t, "", "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %s %s", code, out, errs)
	}
	dst := filepath.Join(dir, "copy.db")
	code, out, errs = runCLI(t, "", "backup", "--db", db, "--out", dst)
	if code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	if code, out, _ := runCLI(t, "", "migrate", "--db", dst); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("backup is not a usable database: %s", out)
	}
	if code, _, errs := runCLI(t, "", "backup", "--db", db, "--out", dst); code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("backup over an existing file: %d %s", code, errs)
	}
	if code, out, _ := runCLI(t, "", "backup", "--db", "postgres://u:secret@localhost/x"); code != 0 || !strings.Contains(out, "pg_dump") {
		t.Fatalf("pg backup hint: %s", out)
	}
}

func TestBadInputMessages(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"migrate", "--db", "/no/such/dir/x.db"}, "does not exist"},
		{[]string{"migrate", "--db", "postgres://nobody@127.0.0.1:1/x?sslmode=disable&connect_timeout=2"}, "cannot connect to PostgreSQL"},
		{[]string{"nonsense"}, "unknown command"},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, "", c.args...)
		if code == 0 || !strings.Contains(errs, c.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q (want one line containing %q)", c.args, code, errs, c.want)
		}
	}
}
