package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// IdleTimeout ends a session that has not been used for 30 minutes.
const IdleTimeout = 30 * time.Minute

// touchEvery limits last_seen writes to one a minute per session.
const touchEvery = time.Minute

// Session is a logged-in browser.
type Session struct {
	IDHash    string
	UserID    int64
	CSRFToken string
	CreatedAt time.Time
	LastSeen  time.Time
}

// ErrNoSession means the cookie names no live session.
var ErrNoSession = errors.New("no session")

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's randomness source failing is not recoverable
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is how session ids and API tokens are stored: SHA-256 hex.
func HashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// StartSession creates a session for a user who has just authenticated and
// ends the one the browser presented, if any (session id rotation).
func (s *Service) StartSession(ctx context.Context, userID int64, oldCookie, ip string) (cookie string, sess Session, err error) {
	cookie = RandomToken(32)
	now := s.Now().UTC()
	sess = Session{IDHash: HashToken(cookie), UserID: userID, CSRFToken: RandomToken(32), CreatedAt: now, LastSeen: now}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if oldCookie != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, HashToken(oldCookie)); err != nil {
				return err
			}
		}
		// Expired sessions are swept here rather than by a timer.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen < ?`, now.Add(-IdleTimeout)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, csrf_token, ip, created_at, last_seen)
			VALUES (?, ?, ?, ?, ?, ?)`, sess.IDHash, userID, sess.CSRFToken, ip, now, now)
		return err
	})
	return cookie, sess, err
}

// LookupSession returns the live session and its user for a cookie value,
// ending it when idle too long or the account is no longer usable.
func (s *Service) LookupSession(ctx context.Context, cookie string) (Session, User, error) {
	if cookie == "" {
		return Session{}, User{}, ErrNoSession
	}
	var sess Session
	sess.IDHash = HashToken(cookie)
	// One query: the session, its user, units and roles.
	q := "SELECT " + userColumns(s.DB.Dialect) + ", x.csrf_token, x.created_at, x.last_seen" +
		userJoins + " JOIN sessions x ON x.user_id = u.id WHERE x.id_hash = ?"
	u, err := scanUser(s.DB.Read().QueryRowContext(ctx, q, sess.IDHash), &sess.CSRFToken, &sess.CreatedAt, &sess.LastSeen)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, User{}, ErrNoSession
	}
	if err != nil {
		return Session{}, User{}, err
	}
	sess.UserID = u.ID
	now := s.Now()
	if now.Sub(sess.LastSeen) > IdleTimeout || !u.Active || u.Locked(now) {
		_ = s.EndSession(ctx, cookie)
		return Session{}, User{}, ErrNoSession
	}
	if now.Sub(sess.LastSeen) > touchEvery {
		err = s.DB.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen = ? WHERE id_hash = ?`, now.UTC(), sess.IDHash)
			return err
		})
		if err != nil {
			return Session{}, User{}, err
		}
	}
	return sess, u, nil
}

// EndSession deletes a session (logout, timeout).
func (s *Service) EndSession(ctx context.Context, cookie string) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, HashToken(cookie))
		return err
	})
}

// Logout ends the session and audits it.
func (s *Service) Logout(ctx context.Context, cookie string) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, HashToken(cookie)); err != nil {
			return err
		}
		a := audit.ActorFrom(ctx)
		return s.Audit.Record(ctx, tx, audit.Entry{Action: audit.ActionLogout, ObjectType: "user", ObjectID: itoa(a.UserID), Summary: "退出登录"})
	})
}
