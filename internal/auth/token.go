package auth

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// TokenPrefix marks fazhi API tokens so they are recognisable in configs.
const TokenPrefix = "fzt_"

// Token is a personal API token's metadata; the secret is shown once at creation.
type Token struct {
	ID         int64
	UserID     int64
	Name       string
	Prefix     string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastUsedAt time.Time
	Revoked    bool
}

// CreateToken issues a token for the user and returns its secret.
func (s *Service) CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, Token, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", Token{}, &Error{Code: "invalid", Field: "name", Message: "令牌名称不能为空"}
	}
	secret := TokenPrefix + RandomToken(24)
	now := s.Now().UTC()
	t := Token{UserID: userID, Name: name, Prefix: secret[:10], CreatedAt: now}
	var expires any
	if ttl > 0 {
		t.ExpiresAt = now.Add(ttl)
		expires = t.ExpiresAt
	}
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var err error
		t.ID, err = tx.InsertID(ctx, `INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, userID, name, t.Prefix, HashToken(secret), now, expires)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: audit.ActionTokenCreate, ObjectType: "api_token",
			ObjectID: itoa(t.ID), Summary: "创建API令牌“" + name + "”"})
	})
	return secret, t, err
}

// Tokens lists a user's tokens.
func (s *Service) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, user_id, name, prefix, created_at, expires_at, last_used_at, revoked
		FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var exp, used sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.CreatedAt, &exp, &used, &t.Revoked); err != nil {
			return nil, err
		}
		t.ExpiresAt, t.LastUsedAt = exp.Time, used.Time
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes one of the user's own tokens.
func (s *Service) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked = ? WHERE id = ? AND user_id = ?`, true, tokenID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &Error{Code: "not_found", Message: "令牌不存在"}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: audit.ActionTokenRevoke, ObjectType: "api_token",
			ObjectID: itoa(tokenID), Summary: "吊销API令牌"})
	})
}

// ErrBadToken means the bearer token is unknown, revoked or expired.
var ErrBadToken = &Error{Code: "unauthorized", Message: "API令牌无效、已吊销或已过期"}

// AuthenticateToken returns the user behind a bearer token.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (User, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return User{}, ErrBadToken
	}
	var id int64
	var exp, used sql.NullTime
	var revoked bool
	// One query: the token, its user, units and roles.
	q := "SELECT " + userColumns(s.DB.Dialect) + ", t.id, t.expires_at, t.last_used_at, t.revoked" +
		userJoins + " JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = ?"
	u, err := scanUser(s.DB.Read().QueryRowContext(ctx, q, HashToken(secret)), &id, &exp, &used, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrBadToken
	}
	if err != nil {
		return User{}, err
	}
	now := s.Now()
	if revoked || (exp.Valid && now.After(exp.Time)) || !u.Active || u.Locked(now) {
		return User{}, ErrBadToken
	}
	if !used.Valid || now.Sub(used.Time) > touchEvery {
		_ = s.DB.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, now.UTC(), id)
			return err
		})
	}
	return u, nil
}
