package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNotFound is returned by helpers when a row that must exist does not.
var ErrNotFound = errors.New("not found")

// Querier is what both *DB (reads) and *Tx offer, so read helpers can run in
// or out of a transaction.
type Querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	Dialect() Dialect
}

// Rebind turns the ? placeholders we write everywhere into $1, $2 … for
// PostgreSQL. Question marks inside single-quoted literals are left alone.
func Rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n, inStr := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inStr = !inStr
			b.WriteByte(c)
		case c == '?' && !inStr:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// reader is the read side of a DB: the reader pool with rebinding.
type reader struct{ db *DB }

// Read returns a Querier over the reader pool.
func (db *DB) Read() Querier { return reader{db} }

func (r reader) Dialect() Dialect { return r.db.Dialect }
func (r reader) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := r.db.stmtOn(ctx, r.db.R, &r.db.stmts, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.db.R.QueryContext(ctx, Rebind(r.db.Dialect, q), args...)
}
func (r reader) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := r.db.stmtOn(ctx, r.db.R, &r.db.stmts, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.db.R.QueryRowContext(ctx, Rebind(r.db.Dialect, q), args...)
}

// maxStmts bounds the prepared-statement cache; queries built from filters
// vary, and past this many distinct texts they simply run unprepared.
const maxStmts = 512

// stmtOn returns a cached prepared statement on pool for SQLite, where
// parsing the SQL is a large part of a small statement's cost (pgx caches
// statements by itself). nil means "run it directly". Schema-changing
// statements are never cached.
func (db *DB) stmtOn(ctx context.Context, pool *sql.DB, cache *map[string]*sql.Stmt, q string) *sql.Stmt {
	if db.Dialect != SQLite || isDDL(q) {
		return nil
	}
	db.stmtMu.Lock()
	st, ok := (*cache)[q]
	full := len(*cache) >= maxStmts
	db.stmtMu.Unlock()
	if ok {
		return st
	}
	if full {
		return nil
	}
	// Prepared without holding the lock: preparing waits for a connection,
	// and a connection's holder may be waiting for the lock.
	st, err := pool.PrepareContext(ctx, q)
	if err != nil {
		return nil // the direct call will report the error
	}
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	if have, ok := (*cache)[q]; ok {
		st.Close()
		return have
	}
	if *cache == nil {
		*cache = map[string]*sql.Stmt{}
	}
	(*cache)[q] = st
	return st
}

// prepareWrites prepares the statements a finished transaction ran
// unprepared; it runs after commit or rollback, when the writer is free.
func (db *DB) prepareWrites(ctx context.Context, tx *Tx) {
	for _, q := range tx.pending {
		db.stmtMu.Lock()
		_, have := db.wstmts[q]
		full := len(db.wstmts) >= maxStmts
		db.stmtMu.Unlock()
		if have || full {
			continue
		}
		st, err := db.W.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		db.stmtMu.Lock()
		if db.wstmts == nil {
			db.wstmts = map[string]*sql.Stmt{}
		}
		if _, have := db.wstmts[q]; have {
			st.Close()
		} else {
			db.wstmts[q] = st
		}
		db.stmtMu.Unlock()
	}
}

func isDDL(q string) bool {
	t := strings.ToUpper(strings.TrimSpace(q))
	for _, p := range []string{"CREATE", "DROP", "ALTER", "PRAGMA", "VACUUM"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// Tx is a write transaction on the writer connection.
type Tx struct {
	tx      *sql.Tx
	d       Dialect
	db      *DB
	pending []string             // statements to prepare on the writer once it is free
	local   map[string]*sql.Stmt // statements repeated within this transaction
	seen    map[string]bool      // statements run once in this transaction
}

// wstmt returns the writer's prepared statement for q bound to this
// transaction, or nil (then q is remembered and prepared after the
// transaction, when the single writer connection is free again).
func (t *Tx) wstmt(ctx context.Context, q string) *sql.Stmt {
	if t.d != SQLite || isDDL(q) {
		return nil
	}
	t.db.stmtMu.Lock()
	st := t.db.wstmts[q]
	t.db.stmtMu.Unlock()
	if st != nil {
		return t.tx.StmtContext(ctx, st)
	}
	// A statement seen again in the same transaction (an import's chunk
	// INSERT, thousands of times) is prepared once on the transaction; the
	// first time it runs directly and is remembered for the writer cache.
	if ls, ok := t.local[q]; ok {
		return ls
	}
	if t.seen[q] {
		ls, err := t.tx.PrepareContext(ctx, q)
		if err != nil {
			return nil
		}
		if t.local == nil {
			t.local = map[string]*sql.Stmt{}
		}
		t.local[q] = ls
		return ls
	}
	if t.seen == nil {
		t.seen = map[string]bool{}
	}
	t.seen[q] = true
	t.pending = append(t.pending, q)
	return nil
}

func (t *Tx) Dialect() Dialect { return t.d }

func (t *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := t.wstmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, Rebind(t.d, q), args...)
}
func (t *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := t.wstmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, Rebind(t.d, q), args...)
}
func (t *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := t.wstmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, Rebind(t.d, q), args...)
}

// InsertID runs an INSERT … and returns the new row's id. The statement must
// not end in RETURNING; both dialects support "RETURNING id".
func (t *Tx) InsertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.QueryRowContext(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// InTx runs fn in a write transaction, committing when fn returns nil and
// rolling back otherwise (also on panic). All audited changes go through it,
// so a change and its audit record commit or vanish together.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	tx := &Tx{tx: sqlTx, d: db.Dialect, db: db}
	defer db.prepareWrites(ctx, tx)
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		// A cancelled context rolls the transaction back underneath fn, which
		// then sees whatever the next statement says ("statement is closed");
		// the caller must learn that it was the cancellation.
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			err = fmt.Errorf("%w: %v", cerr, err)
		}
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// IsUniqueViolation reports whether err is a unique-constraint failure in
// either dialect, so services can turn it into a "already exists" message.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505") ||
		strings.Contains(s, "duplicate key value")
}

// NullInt turns 0 into SQL NULL for optional foreign keys.
func NullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// NullString turns "" into SQL NULL for optional unique text columns.
func NullString(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// GroupConcat aggregates a text column into one comma-separated value.
func GroupConcat(d Dialect, expr string) string {
	if d == Postgres {
		return "string_agg(" + expr + ", ',')"
	}
	return "group_concat(" + expr + ", ',')"
}

// Placeholders returns "?, ?, …" for an IN list of n values.
func Placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
