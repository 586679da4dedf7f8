package enforcement_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/enforcement"
	"fazhi/internal/org"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// Environment of the child process of TestImportKill9.
const (
	impKillDB   = "FAZHI_IMPORT_KILL_DB"
	impKillFile = "FAZHI_IMPORT_KILL_FILE"
	impKillUnit = "FAZHI_IMPORT_KILL_UNIT"
)

// impKillRows is the size of the batch; the child is killed once at least
// impKillAt rows went into its transaction.
const impKillRows, impKillAt = 60000, 15000

// A process importing a large batch is killed with SIGKILL in the middle
// of the write. Reopened, the database holds none of the batch (a crash
// can never leave part of it), and the same file then imports in full.
func TestImportKill9(t *testing.T) {
	if os.Getenv(impKillDB) != "" {
		impKillChild(t)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process importing 60 000 rows")
	}
	t.Run("sqlite", func(t *testing.T) {
		db := storetest.SQLite(t)
		impKill(t, db, db.Path)
	})
	if base := os.Getenv("FAZHI_TEST_PG"); base != "" {
		t.Run("postgres", func(t *testing.T) {
			dsn, drop := storetest.NewSchema(t, base)
			db, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close(); drop() })
			if err := db.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			impKill(t, db, dsn)
		})
	}
}

func impKill(t *testing.T, db *store.DB, dsn string) {
	c := impSetup(t, db)
	file := filepath.Join(t.TempDir(), "cases.csv")
	rows := make([]map[string]string, impKillRows)
	for i := range rows {
		rows[i] = impCaseRow(i)
	}
	if err := os.WriteFile(file, impCSV(t, impTable(enforcement.ImportCases, rows)), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportKill9$")
	cmd.Env = append(os.Environ(), impKillDB+"="+dsn, impKillFile+"="+file, impKillUnit+"="+strconv.FormatInt(c.gov, 10))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed, last := false, ""
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		last = sc.Text()
		if n, ok := strings.CutPrefix(last, "writing "); ok {
			if rows, _ := strconv.Atoi(n); rows >= impKillAt && !killed {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
		}
	}
	_ = cmd.Wait()
	if !killed {
		t.Fatalf("the child ended before it was killed (last line %q)", last)
	}
	impAfterKill(t, c, dsn, file)
}

// impAfterKill reopens the database the child was killed on and checks
// that none of its batch is there, then imports the same file in full.
func impAfterKill(t *testing.T, c *impCounty, dsn, file string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Dialect == store.SQLite {
		var ok string
		if err := db.W.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("integrity after kill: %q %v", ok, err)
		}
	}
	var batches, saved int
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN status = 'saved' THEN 1 END)
		FROM enf_import_batches`).Scan(&batches, &saved); err != nil {
		t.Fatal(err)
	}
	if batches != 1 || saved != 0 {
		t.Fatalf("after the kill: %d batches, %d saved", batches, saved)
	}
	for _, q := range []string{`SELECT COUNT(*) FROM enf_cases`, `SELECT COUNT(*) FROM enf_case_events`,
		`SELECT COUNT(*) FROM enf_case_officers`, `SELECT COUNT(*) FROM enf_legal_reviews`} {
		if n := impCount(t, db, q); n != 0 {
			t.Fatalf("%s after the kill: %d (part of the batch survived)", q, n)
		}
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, n, err := c.svc.ImportDirect(c.as("fazhiban"), enforcement.ImportCases, c.gov, "cases.csv", f, nil)
	if err != nil || n != impKillRows {
		t.Fatalf("import after the kill: %d rows, %v", n, err)
	}
	if got := impCount(t, db, `SELECT COUNT(*) FROM enf_case_events`); got != impKillRows {
		t.Fatalf("events after the full import: %d", got)
	}
}

// impKillChild is the process that gets killed: it imports the file and
// reports each thousand rows written on stdout.
func impKillChild(t *testing.T) {
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "kill-test"})
	db, err := store.Open(ctx, os.Getenv(impKillDB))
	if err != nil {
		t.Fatal(err)
	}
	l, _ := audit.NewLogger("")
	key, _ := privacy.ParseKey(testKey)
	ciph, _ := privacy.New("", key)
	svc := enforcement.NewService(db, l, org.NewService(db, l), deadline.NewService(db, l), nil, ciph)
	svc.Now = func() time.Time { return time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC) }
	unit, _ := strconv.ParseInt(os.Getenv(impKillUnit), 10, 64)
	f, err := os.Open(os.Getenv(impKillFile))
	if err != nil {
		t.Fatal(err)
	}
	_, n, err := svc.ImportDirect(ctx, enforcement.ImportCases, unit, "cases.csv", f, impPrinter{})
	fmt.Printf("done %d %v\n", n, err)
}

type impPrinter struct{}

func (impPrinter) Set(done, total int, msg string) {
	if strings.Contains(msg, "写入") {
		fmt.Printf("writing %d\n", done)
	}
}
