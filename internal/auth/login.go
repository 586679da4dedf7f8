package auth

import (
	"context"
	"errors"
	"sync"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Lockout policy (等保 level 3 practice): 5 consecutive failures lock the
// account for 15 minutes.
const (
	MaxFailures = 5
	LockFor     = 15 * time.Minute
)

// Authenticate checks a username and password from ip. Every outcome is
// audited: success, failure, the failure that locks, and attempts while locked.
func (s *Service) Authenticate(ctx context.Context, username, password, ip string) (User, error) {
	now := s.Now()
	ctx = audit.WithActor(ctx, audit.Actor{Username: username, IP: ip})
	if s.IPs != nil && s.IPs.Blocked(ip, now) {
		_ = s.Audit.RecordAlone(ctx, s.DB, audit.Entry{Action: audit.ActionLoginFailed, ObjectType: "user",
			ObjectID: username, Summary: "来源地址失败次数过多，拒绝登录"})
		return User{}, ErrIPLimited
	}
	u, err := s.GetByUsername(ctx, username)
	if errors.Is(err, ErrNotFound) {
		// Hash anyway so that response time does not reveal which names exist.
		CheckPassword(dummyHash, password)
		s.noteFailure(ip, now)
		_ = s.Audit.RecordAlone(ctx, s.DB, audit.Entry{Action: audit.ActionLoginFailed, ObjectType: "user",
			ObjectID: username, Summary: "登录失败：用户不存在"})
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, err
	}
	ctx = audit.WithActor(ctx, audit.Actor{UserID: u.ID, Username: u.Username, UnitID: u.UnitID, IP: ip})
	if u.Locked(now) {
		_ = s.Audit.RecordAlone(ctx, s.DB, audit.Entry{Action: audit.ActionLoginFailed, ObjectType: "user",
			ObjectID: itoa(u.ID), Summary: "账号锁定期间尝试登录"})
		return User{}, &LockedError{Until: u.LockedUntil}
	}
	if !CheckPassword(s.passwordHash(ctx, u.ID), password) {
		s.noteFailure(ip, now)
		return User{}, s.recordFailure(ctx, u, now)
	}
	if !u.Active {
		_ = s.Audit.RecordAlone(ctx, s.DB, audit.Entry{Action: audit.ActionLoginFailed, ObjectType: "user",
			ObjectID: itoa(u.ID), Summary: "已停用账号尝试登录"})
		return User{}, ErrInactive
	}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_count = 0, locked_until = NULL, prev_login_at = last_login_at,
			last_login_at = ? WHERE id = ?`,
			now.UTC(), u.ID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: audit.ActionLogin, ObjectType: "user", ObjectID: itoa(u.ID),
			Summary: "登录成功"})
	})
	if err != nil {
		return User{}, err
	}
	u.FailedCount, u.LockedUntil, u.PrevLoginAt, u.LastLoginAt = 0, time.Time{}, u.LastLoginAt, now
	return u, nil
}

// dummyHash is checked against for unknown users (its password is random).
var dummyHash, _ = HashPassword("dummy-Password-never-used-0")

func (s *Service) passwordHash(ctx context.Context, id int64) string {
	var h string
	_ = s.DB.Read().QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, id).Scan(&h)
	return h
}

func (s *Service) noteFailure(ip string, now time.Time) {
	if s.IPs != nil {
		s.IPs.Fail(ip, now)
	}
}

func (s *Service) recordFailure(ctx context.Context, u User, now time.Time) error {
	var result error = ErrBadCredentials
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `UPDATE users SET failed_count = failed_count + 1 WHERE id = ? RETURNING failed_count`,
			u.ID).Scan(&n); err != nil {
			return err
		}
		if err := s.Audit.Record(ctx, tx, audit.Entry{Action: audit.ActionLoginFailed, ObjectType: "user",
			ObjectID: itoa(u.ID), Summary: "密码错误（连续第 " + itoa(int64(n)) + " 次）"}); err != nil {
			return err
		}
		if n < MaxFailures {
			return nil
		}
		until := now.Add(LockFor).UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE users SET locked_until = ?, failed_count = 0 WHERE id = ?`, until, u.ID); err != nil {
			return err
		}
		result = &LockedError{Until: until}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: audit.ActionLockout, ObjectType: "user", ObjectID: itoa(u.ID),
			Summary: "连续 5 次登录失败，账号锁定 15 分钟"})
	})
	if err != nil {
		return err
	}
	return result
}

// IPLimiter refuses logins from an address after too many failures within a
// window, whichever accounts they were for. Kept in memory: a restart clears it,
// which the per-account lockout (in the database) does not.
type IPLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string][]time.Time
}

// NewIPLimiter allows max failures per window per address.
func NewIPLimiter(max int, window time.Duration) *IPLimiter {
	return &IPLimiter{max: max, window: window, fails: map[string][]time.Time{}}
}

func (l *IPLimiter) prune(ip string, now time.Time) []time.Time {
	kept := l.fails[ip][:0]
	for _, t := range l.fails[ip] {
		if now.Sub(t) < l.window {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		delete(l.fails, ip)
		return nil
	}
	l.fails[ip] = kept
	return kept
}

// Fail notes a failed attempt from ip.
func (l *IPLimiter) Fail(ip string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[ip] = append(l.prune(ip, now), now)
}

// Blocked reports whether ip has used up its failures.
func (l *IPLimiter) Blocked(ip string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.prune(ip, now)) >= l.max
}
