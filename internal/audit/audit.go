// Package audit keeps the append-only, hash-chained record of every change,
// login and refusal. An entry is written inside the transaction of the change
// it records, so the two commit or vanish together.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"fazhi/internal/store"
)

// Actions recorded by the foundation; capabilities add their own strings
// ("case.create" …) following the same object.verb pattern.
const (
	ActionLogin       = "auth.login"
	ActionLogout      = "auth.logout"
	ActionLoginFailed = "auth.login_failed"
	ActionLockout     = "auth.lockout"
	ActionDenied      = "auth.denied"
	ActionPasswordSet = "auth.password_change"
	ActionTokenCreate = "auth.token_create"
	ActionTokenRevoke = "auth.token_revoke"
	ActionExport      = "audit.export"
)

// Algorithms for the chain. SM3 (GB/T 32905) is for deployments that must use
// national cryptography; each row names its own algorithm, so a change of
// configuration never breaks verification of older rows.
const (
	SHA256 = "sha256"
	SM3    = "sm3"
)

// Actor is who did something, and from where.
type Actor struct {
	UserID   int64
	Username string
	UnitID   int64
	IP       string
}

type actorKey struct{}

// WithActor attaches the acting user to ctx; Record reads it from there.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx (the zero Actor, "system", if none).
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// Change is one field's value before and after.
type Change struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Entry is what a caller records.
type Entry struct {
	Action     string
	ObjectType string
	ObjectID   string
	Summary    string
	Changes    []Change
}

// Row is a stored audit record.
type Row struct {
	Seq        int64
	At         time.Time
	UserID     int64
	Username   string
	UnitID     int64
	IP         string
	Action     string
	ObjectType string
	ObjectID   string
	Summary    string
	Changes    string
	Algo       string
	PrevHash   string
	Hash       string
}

// Logger appends entries with the configured algorithm.
type Logger struct {
	Algo string
	now  func() time.Time

	mu      sync.Mutex // guards the remembered chain tip
	tipSeq  int64
	tipHash string
	tipOK   bool
}

// NewLogger returns a Logger for algo ("" means SHA-256).
func NewLogger(algo string) (*Logger, error) {
	switch algo {
	case "", SHA256:
		algo = SHA256
	case SM3:
	default:
		return nil, fmt.Errorf("unknown audit hash algorithm %q (use sha256 or sm3)", algo)
	}
	return &Logger{Algo: algo, now: time.Now}, nil
}

// Record appends e, attributed to the actor in ctx, inside tx.
func (l *Logger) Record(ctx context.Context, tx *store.Tx, e Entry) error {
	a := ActorFrom(ctx)
	changes := ""
	if len(e.Changes) > 0 {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return err
		}
		changes = string(b)
	}
	r := Row{At: l.now().UTC().Truncate(time.Microsecond), UserID: a.UserID, Username: a.Username,
		UnitID: a.UnitID, IP: a.IP, Action: e.Action, ObjectType: e.ObjectType, ObjectID: e.ObjectID,
		Summary: e.Summary, Changes: changes, Algo: l.Algo}
	for attempt := 0; ; attempt++ {
		seq, prev, err := l.tipFor(ctx, tx, attempt > 0)
		if err != nil {
			return err
		}
		r.Seq, r.PrevHash = seq+1, prev
		r.Hash = r.ComputeHash()
		// Moving the head conditionally both claims the next sequence number
		// and locks the head row (PostgreSQL) until commit; 0 rows means our
		// remembered tip was stale (another process, or a rolled-back append).
		res, err := tx.ExecContext(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ? AND hash = ?`,
			r.Seq, r.Hash, seq, prev)
		if err != nil {
			return fmt.Errorf("audit head: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			break
		}
		if attempt > 0 {
			return errors.New("audit head moved during append")
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, user_id, username, unit_id, ip, action,
		object_type, object_id, summary, changes, algo, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Seq, r.At, store.NullInt(r.UserID), r.Username, store.NullInt(r.UnitID), r.IP, r.Action,
		r.ObjectType, r.ObjectID, r.Summary, r.Changes, r.Algo, r.PrevHash, r.Hash)
	if err != nil {
		return fmt.Errorf("audit insert: %w", err)
	}
	l.mu.Lock()
	l.tipSeq, l.tipHash, l.tipOK = r.Seq, r.Hash, true
	l.mu.Unlock()
	return nil
}

// tipFor returns the chain tip: the remembered one, or (when reload is set or
// nothing is remembered) the one in the database, read inside tx.
func (l *Logger) tipFor(ctx context.Context, tx *store.Tx, reload bool) (int64, string, error) {
	l.mu.Lock()
	seq, h, ok := l.tipSeq, l.tipHash, l.tipOK
	l.mu.Unlock()
	if ok && !reload {
		return seq, h, nil
	}
	q := `SELECT seq, hash FROM audit_head WHERE id = 1`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	if err := tx.QueryRowContext(ctx, q).Scan(&seq, &h); err != nil {
		return 0, "", fmt.Errorf("audit head: %w", err)
	}
	return seq, h, nil
}

// RecordAlone writes one entry in a transaction of its own, for events that
// change nothing else (a failed login, a refused request).
func (l *Logger) RecordAlone(ctx context.Context, db *store.DB, e Entry) error {
	return db.InTx(ctx, func(tx *store.Tx) error { return l.Record(ctx, tx, e) })
}

// ComputeHash is the chain hash of r: every field but Hash, length-prefixed so
// no two different rows serialise alike, then the digest of r.Algo.
func (r *Row) ComputeHash() string {
	var h hash.Hash
	if r.Algo == SM3 {
		h = sm3.New()
	} else {
		h = sha256.New()
	}
	fields := []string{
		strconv.FormatInt(r.Seq, 10), r.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(r.UserID, 10), r.Username, strconv.FormatInt(r.UnitID, 10), r.IP,
		r.Action, r.ObjectType, r.ObjectID, r.Summary, r.Changes, r.Algo, r.PrevHash,
	}
	for _, f := range fields {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Diff lists the fields whose values differ between before and after, in the
// order of fields. Callers never pass secrets (password hashes, tokens).
func Diff(fields []string, before, after map[string]any) []Change {
	var out []Change
	for _, f := range fields {
		b, a := fmt.Sprint(nz(before[f])), fmt.Sprint(nz(after[f]))
		if b != a {
			out = append(out, Change{Field: f, Before: b, After: a})
		}
	}
	return out
}

func nz(v any) any {
	if v == nil {
		return ""
	}
	return v
}

// ParseChanges decodes a row's changes column.
func ParseChanges(s string) []Change {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var c []Change
	_ = json.Unmarshal([]byte(s), &c)
	return c
}
