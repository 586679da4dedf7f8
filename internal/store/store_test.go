package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestRebind(t *testing.T) {
	cases := []struct{ in, pg string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
	}
	for _, c := range cases {
		if got := store.Rebind(store.Postgres, c.in); got != c.pg {
			t.Errorf("Rebind(%q) = %q, want %q", c.in, got, c.pg)
		}
		if got := store.Rebind(store.SQLite, c.in); got != c.in {
			t.Errorf("SQLite Rebind changed %q", c.in)
		}
	}
}

func TestTxCommitAndRollback(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var id int64
		err := db.InTx(ctx, func(tx *store.Tx) error {
			var err error
			id, err = tx.InsertID(ctx, `INSERT INTO regions (code, name, level) VALUES (?, ?, ?)`, "990000", "测试省", 1)
			_ = id // regions has a text key: RETURNING id fails, which is the point below
			return err
		})
		if err == nil {
			t.Fatal("InsertID on a table without id should fail")
		}
		boom := errors.New("boom")
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO regions (code, name, level) VALUES (?, ?, ?)`, "990000", "测试省", 1); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("want boom, got %v", err)
		}
		var n int
		if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM regions WHERE code = ?`, "990000").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("rolled-back insert is visible: %d rows", n)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO regions (code, name, level) VALUES (?, ?, ?)`, "990000", "测试省", 1)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO regions (code, name, level) VALUES (?, ?, ?)`, "990000", "重复", 1)
			return err
		})
		if !store.IsUniqueViolation(err) {
			t.Fatalf("want unique violation, got %v", err)
		}
	})
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, action, algo, prev_hash, hash) VALUES (1, CURRENT_TIMESTAMP, 'x', 'sha256', '', 'h')`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`UPDATE audit_log SET action = 'y'`, `DELETE FROM audit_log`} {
			err := db.InTx(ctx, func(tx *store.Tx) error { _, err := tx.ExecContext(ctx, q); return err })
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: want append-only error, got %v", q, err)
			}
		}
	})
}

func TestMigrateIsIdempotentAndVersioned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		cur, latest, err := db.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if cur != latest || cur < 1 {
			t.Fatalf("version %d of %d", cur, latest)
		}
	})
}

func TestOpenBadInput(t *testing.T) {
	ctx := context.Background()
	if _, err := store.Open(ctx, ""); err == nil {
		t.Error("empty DSN accepted")
	}
	if _, err := store.Open(ctx, "/no/such/dir/x.db"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing dir: %v", err)
	}
	junk := filepath.Join(t.TempDir(), "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("this is not sqlite ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(ctx, junk); err == nil || !strings.Contains(err.Error(), "not a SQLite database") {
		t.Errorf("junk file: %v", err)
	}
	if _, err := store.Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil || !strings.Contains(err.Error(), "cannot connect to PostgreSQL") {
		t.Errorf("bad pg URL: %v", err)
	}
}

func TestLockedSQLiteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "locked.db")
	ctx := context.Background()
	first, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	// Hold the write lock in an open transaction, as another process would.
	tx, err := first.W.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`CREATE TABLE held(x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		t.Skip("waits for the busy timeout")
	}
	_, err = store.Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("want locked error, got %v", err)
	}
}

func TestFailedMigrationRollsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := store.MigrateWith(ctx, db, map[string]string{
			"90001_bad.sql": "-- +goose Up\nCREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n",
		})
		if err == nil {
			t.Fatal("bad migration succeeded")
		}
		var n int
		row := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM units`)
		if err := row.Scan(&n); err != nil {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `SELECT x FROM half_done`)
			return err
		})
		if err == nil {
			t.Fatal("table from the failed migration exists")
		}
	})
}

// TestTxCancelled: a context cancelled in the middle of a transaction rolls
// it back, and InTx says it was the cancellation even when the statement
// that noticed failed otherwise (a statement prepared on the transaction is
// closed by the rollback).
func TestTxCancelled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		q := `INSERT INTO regions (code, name, level) VALUES (?, ?, ?)`
		err := db.InTx(ctx, func(tx *store.Tx) error {
			for i := 0; i < 3; i++ { // the repeats run on a statement prepared on the transaction
				if _, err := tx.ExecContext(ctx, q, fmt.Sprintf("99%04d", i), "测试", 1); err != nil {
					return err
				}
			}
			cancel()
			time.Sleep(50 * time.Millisecond) // database/sql rolls back and closes the statement meanwhile
			for i := 3; ; i++ {               // until a statement notices
				if _, err := tx.ExecContext(ctx, q, fmt.Sprintf("99%04d", i), "测试", 1); err != nil {
					return err
				}
				time.Sleep(time.Millisecond)
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled transaction: %v", err)
		}
		var n int
		if err := db.Read().QueryRowContext(context.Background(), `SELECT COUNT(*) FROM regions WHERE code LIKE '99%'`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("rows of the cancelled transaction: %d %v", n, err)
		}
	})
}

// TestPostgresCustomPlans: PostgreSQL connections plan each statement for
// its values (a generic plan for a prepared scope query scanned a whole
// year once per unit).
func TestPostgresCustomPlans(t *testing.T) {
	db := storetest.Postgres(t)
	var mode string
	if err := db.Read().QueryRowContext(context.Background(), `SHOW plan_cache_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "force_custom_plan" {
		t.Errorf("plan_cache_mode = %q", mode)
	}
}

// The SQLite connections carry their settings: WAL, a read-only reader
// pool, and page caches sized for the work (32 MB per reader, 256 MB for
// the single writer, which holds a large import's dirty pages).
func TestSQLiteConnectionSettings(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, c := range []struct {
		q       *sql.DB
		pragma  string
		want    string
		context string
	}{
		{db.W, "journal_mode", "wal", "writer"},
		{db.W, "cache_size", "-262144", "writer"},
		{db.W, "query_only", "0", "writer"},
		{db.W, "foreign_keys", "1", "writer"},
		{db.R, "cache_size", "-32000", "reader"},
		{db.R, "query_only", "1", "reader"},
		{db.R, "mmap_size", "268435456", "reader"},
	} {
		var got string
		if err := c.q.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s PRAGMA %s = %s, want %s", c.context, c.pragma, got, c.want)
		}
	}
}
