// Package store opens the database (embedded SQLite or PostgreSQL), applies
// migrations and offers the transaction helper every capability writes through.
// Dialect differences are kept here and nowhere else.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver
	_ "modernc.org/sqlite"           // registers the "sqlite" driver
)

// Dialect names the SQL flavour behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database: one writer connection and a reader pool for SQLite,
// a single pool for PostgreSQL (where W and R are the same *sql.DB).
type DB struct {
	W       *sql.DB
	R       *sql.DB
	Dialect Dialect
	// Path is the SQLite file (empty for PostgreSQL).
	Path string
	dsn  string

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // prepared reads (SQLite)
	wstmts map[string]*sql.Stmt // prepared writes on the writer connection (SQLite)
}

// IsPostgresURL reports whether dsn names a PostgreSQL server.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to dsn (a file path for SQLite or a postgres:// URL), checks
// that the database answers, and returns it. It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New("no database configured: set FAZHI_DB to a file path or a postgres:// URL")
	}
	if IsPostgresURL(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	if _, err := url.Parse(dsn); err != nil {
		return nil, fmt.Errorf("invalid PostgreSQL URL: %w", err)
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("invalid PostgreSQL URL: %w", err)
	}
	// pgx prepares every statement; after five runs PostgreSQL may switch
	// to a generic plan that ignores the scope and year it is given (the
	// 统计年报 over a province went from 0.3 s to 26 s that way, see
	// docs/BENCHMARKS.md). Plans are made for the values at hand unless the
	// URL says otherwise.
	if _, set := cfg.RuntimeParams["plan_cache_mode"]; !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot connect to PostgreSQL at %s: %w", redactURL(dsn), err)
	}
	return &DB{W: db, R: db, Dialect: Postgres, dsn: dsn}, nil
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("database directory %s does not exist or is not a directory", dir)
	}
	// Pages are read through a memory map (no read syscall per page) and each
	// reader caches up to 32 MB: list and count queries over a year of
	// records stay in memory instead of re-reading the file (see
	// docs/BENCHMARKS.md, public 公示 search). The one writer caches up to
	// 256 MB, so a large import's transaction keeps its dirty index pages
	// in memory instead of spilling them (see docs/BENCHMARKS.md, case
	// import).
	base := "file:" + path + "?_time_format=sqlite&_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)" +
		"&_pragma=mmap_size(268435456)"
	w, err := sql.Open("sqlite", base+"&_pragma=cache_size(-262144)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"+
		"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	// One writer: SQLite serialises writes anyway; a single connection turns
	// lock contention into queueing inside the pool instead of SQLITE_BUSY.
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := pingSQLite(ctx, w, path); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", base+"&_pragma=cache_size(-32000)&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open SQLite readers %s: %w", path, err)
	}
	// Idle readers stay open: database/sql keeps only two by default, and a
	// reopened SQLite connection starts with a cold page cache and no
	// prepared statements, which under load costs more than the query.
	readers := max(8, runtime.NumCPU()*2)
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	return &DB{W: w, R: r, Dialect: SQLite, Path: path, dsn: path}, nil
}

// pingSQLite forces the file to open and takes a write lock briefly, so that
// a file locked by another process or not a database is reported at start.
func pingSQLite(ctx context.Context, w *sql.DB, path string) error {
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	tx, err := w.BeginTx(pctx, nil)
	if err == nil {
		_, err = tx.ExecContext(pctx, "CREATE TABLE IF NOT EXISTS fazhi_ping(x INTEGER)")
		if err == nil {
			_, err = tx.ExecContext(pctx, "DROP TABLE fazhi_ping")
		}
		if rerr := tx.Rollback(); err == nil {
			err = rerr
		}
	}
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "locked") || strings.Contains(msg, "SQLITE_BUSY"):
		return fmt.Errorf("SQLite database %s is locked by another process (is another fazhi running?): %w", path, err)
	case strings.Contains(msg, "not a database"):
		return fmt.Errorf("%s is not a SQLite database: %w", path, err)
	case strings.Contains(msg, "readonly") || strings.Contains(msg, "unable to open"):
		return fmt.Errorf("cannot open SQLite database %s for writing: %w", path, err)
	}
	return fmt.Errorf("open SQLite database %s: %w", path, err)
}

// Close closes both pools.
func (db *DB) Close() error {
	db.stmtMu.Lock()
	for _, m := range []map[string]*sql.Stmt{db.stmts, db.wstmts} {
		for _, st := range m {
			st.Close()
		}
	}
	db.stmts, db.wstmts = nil, nil
	db.stmtMu.Unlock()
	err := db.W.Close()
	if db.R != db.W {
		if rerr := db.R.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Describe names the database without secrets, for logs and the CLI.
func (db *DB) Describe() string {
	if db.Dialect == Postgres {
		return "PostgreSQL " + redactURL(db.dsn)
	}
	return "SQLite " + db.Path
}

func redactURL(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparseable URL)"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxx")
		}
	}
	return u.String()
}

// Backup writes a consistent copy of a SQLite database to path while it stays
// in use (VACUUM INTO reads one snapshot).
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect != SQLite {
		return errors.New("online backup is for SQLite; use pg_dump for PostgreSQL")
	}
	// A connection of its own (the readers are query-only): VACUUM INTO is a
	// read transaction on the source, so in WAL mode writers go on meanwhile.
	c, err := sql.Open("sqlite", "file:"+db.Path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}
