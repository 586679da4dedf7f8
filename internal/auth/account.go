package auth

import (
	"context"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// ChangePassword lets a user replace their own password (also the forced
// change after the first login).
func (s *Service) ChangePassword(ctx context.Context, id int64, old, pw string) error {
	u, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if !CheckPassword(s.passwordHash(ctx, id), old) {
		return &Error{Code: "invalid", Field: "old_password", Message: "原密码不正确"}
	}
	if old == pw {
		return &Error{Code: "invalid", Field: "password", Message: "新密码不能与原密码相同"}
	}
	return s.setPassword(ctx, u, pw, false, "修改本人密码")
}

// ResetPassword sets a temporary password that must be changed at next login.
func (s *Service) ResetPassword(ctx context.Context, id int64, pw string) error {
	u, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	return s.setPassword(ctx, u, pw, true, "重置密码（下次登录须修改）")
}

func (s *Service) setPassword(ctx context.Context, u User, pw string, mustChange bool, summary string) error {
	if err := CheckPolicy(u.Username, pw); err != nil {
		return &Error{Code: "invalid", Field: "password", Message: err.Error()}
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		now := s.Now().UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, must_change = ?, password_changed_at = ?,
			updated_at = ? WHERE id = ?`, hash, mustChange, now, now, u.ID); err != nil {
			return err
		}
		// Other sessions of the account end when its password changes.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: audit.ActionPasswordSet, ObjectType: "user",
			ObjectID: itoa(u.ID), Summary: summary + "：" + u.Username})
	})
}

// Unlock clears a lockout.
func (s *Service) Unlock(ctx context.Context, id int64) error {
	u, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = ?`,
			s.Now().UTC(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "user.unlock", ObjectType: "user", ObjectID: itoa(id),
			Summary: "解锁账号 " + u.Username})
	})
}

// SetRoles replaces the user's roles.
func (s *Service) SetRoles(ctx context.Context, id int64, roles []Role) error {
	u, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	for _, r := range roles {
		if !r.Valid() {
			return &Error{Code: "invalid", Field: "roles", Message: "未知角色：" + string(r)}
		}
	}
	sortRoles(roles)
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = ?`, id); err != nil {
			return err
		}
		for _, r := range roles {
			if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES (?, ?)`, id, string(r)); err != nil {
				return err
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "user.roles", ObjectType: "user", ObjectID: itoa(id),
			Summary: "调整角色：" + u.Username,
			Changes: []audit.Change{{Field: "roles", Before: joinRoles(u.Roles), After: joinRoles(roles)}}})
	})
}

// Update changes a user's name, unit, scope and active flag.
type Update struct {
	DisplayName string
	UnitID      int64
	ScopeUnitID int64
	Active      bool
}

// UpdateUser applies u to the account id.
func (s *Service) UpdateUser(ctx context.Context, id int64, up Update) error {
	u, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	up.DisplayName = strings.TrimSpace(up.DisplayName)
	if up.DisplayName == "" {
		return &Error{Code: "invalid", Field: "display_name", Message: "姓名不能为空"}
	}
	if up.ScopeUnitID == 0 {
		up.ScopeUnitID = up.UnitID
	}
	fields := []string{"display_name", "unit_id", "scope_unit_id", "active"}
	before := map[string]any{"display_name": u.DisplayName, "unit_id": u.UnitID, "scope_unit_id": u.ScopeUnitID, "active": u.Active}
	after := map[string]any{"display_name": up.DisplayName, "unit_id": up.UnitID, "scope_unit_id": up.ScopeUnitID, "active": up.Active}
	changes := audit.Diff(fields, before, after)
	if len(changes) == 0 {
		return nil
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if up.UnitID != u.UnitID || up.ScopeUnitID != u.ScopeUnitID {
			if err := checkUnits(ctx, tx, up.UnitID, up.ScopeUnitID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET display_name = ?, unit_id = ?, scope_unit_id = ?, active = ?,
			updated_at = ? WHERE id = ?`, up.DisplayName, up.UnitID, up.ScopeUnitID, up.Active, s.Now().UTC(), id); err != nil {
			return err
		}
		if !up.Active {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return err
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "user.update", ObjectType: "user", ObjectID: itoa(id),
			Summary: "修改账号 " + u.Username, Changes: changes})
	})
}
