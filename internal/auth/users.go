package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// User is an account with its unit, scope and roles.
type User struct {
	ID          int64
	Username    string
	DisplayName string
	UnitID      int64
	UnitName    string
	ScopeUnitID int64
	ScopeName   string
	ScopePath   string // the scope unit's path: the user sees units whose path starts with it
	MustChange  bool
	Active      bool
	FailedCount int
	LockedUntil time.Time
	LastLoginAt time.Time
	PrevLoginAt time.Time // the login before the current one
	Roles       []Role
}

// Has reports whether the user holds role r.
func (u *User) Has(r Role) bool {
	for _, have := range u.Roles {
		if have == r {
			return true
		}
	}
	return false
}

// Can reports whether the user may do p.
func (u *User) Can(p Perm) bool { return u != nil && Allowed(u.Roles, p) }

// RoleLabels joins the Chinese names of the user's roles.
func (u *User) RoleLabels() string {
	var s []string
	for _, r := range u.Roles {
		s = append(s, r.Label())
	}
	return strings.Join(s, "、")
}

// InScope reports whether a unit with the given path is inside the user's scope.
func (u *User) InScope(unitPath string) bool {
	return u.ScopePath != "" && strings.HasPrefix(unitPath, u.ScopePath)
}

// Locked reports whether the account is locked at now.
func (u *User) Locked(now time.Time) bool {
	return !u.LockedUntil.IsZero() && now.Before(u.LockedUntil)
}

// Error is an auth failure with a message for the user.
type Error struct {
	Code    string // invalid | conflict | not_found | locked | unauthorized
	Field   string
	Message string
}

func (e *Error) Error() string { return e.Message }

// ErrorCode lets the HTTP layer map the error to a status in one place.
func (e *Error) ErrorCode() string { return e.Code }

var (
	ErrBadCredentials = &Error{Code: "unauthorized", Message: "用户名或密码错误"}
	ErrInactive       = &Error{Code: "unauthorized", Message: "账号已停用，请联系系统管理员"}
	ErrIPLimited      = &Error{Code: "locked", Message: "该地址登录失败次数过多，请15分钟后再试"}
	ErrNotFound       = &Error{Code: "not_found", Message: "用户不存在"}
)

// LockedError says until when an account is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return "账号因连续登录失败已被锁定，请于 " + e.Until.In(cst).Format("15:04") + " 后再试或联系安全保密管理员解锁"
}

var cst = time.FixedZone("CST", 8*3600)

// Service runs account operations; every change is audited in its transaction.
type Service struct {
	DB    *store.DB
	Audit *audit.Logger
	Now   func() time.Time
	IPs   *IPLimiter
}

// NewService returns a Service with the real clock and a per-IP limiter.
func NewService(db *store.DB, logger *audit.Logger) *Service {
	return &Service{DB: db, Audit: logger, Now: time.Now, IPs: NewIPLimiter(20, 15*time.Minute)}
}

// userColumns selects a user with unit names, scope path and roles (joined
// into one comma-separated column so a user is one row, one query).
func userColumns(d store.Dialect) string {
	return `u.id, u.username, u.display_name, u.unit_id, un.name, u.scope_unit_id, su.name, su.path,
	u.must_change, u.active, u.failed_count, u.locked_until, u.last_login_at, u.prev_login_at,
	COALESCE((SELECT ` + store.GroupConcat(d, "r.role") + ` FROM user_roles r WHERE r.user_id = u.id), '')`
}

const userJoins = ` FROM users u JOIN units un ON un.id = u.unit_id JOIN units su ON su.id = u.scope_unit_id`

func userSelect(d store.Dialect) string { return "SELECT " + userColumns(d) + userJoins }

func scanUser(sc interface{ Scan(...any) error }, extra ...any) (User, error) {
	var u User
	var locked, last, prev sql.NullTime
	var roles string
	dest := append([]any{&u.ID, &u.Username, &u.DisplayName, &u.UnitID, &u.UnitName, &u.ScopeUnitID, &u.ScopeName,
		&u.ScopePath, &u.MustChange, &u.Active, &u.FailedCount, &locked, &last, &prev, &roles}, extra...)
	err := sc.Scan(dest...)
	u.LockedUntil, u.LastLoginAt, u.PrevLoginAt = locked.Time, last.Time, prev.Time
	for _, r := range strings.Split(roles, ",") {
		if r != "" {
			u.Roles = append(u.Roles, Role(r))
		}
	}
	sortRoles(u.Roles)
	return u, err
}

func sortRoles(rs []Role) {
	idx := map[Role]int{}
	for i, r := range AllRoles {
		idx[r] = i
	}
	sort.Slice(rs, func(i, j int) bool { return idx[rs[i]] < idx[rs[j]] })
}

func (s *Service) getBy(ctx context.Context, q store.Querier, where string, arg any) (User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, userSelect(q.Dialect())+" WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	return u, err
}

// Get loads a user by id.
func (s *Service) Get(ctx context.Context, id int64) (User, error) {
	return s.getBy(ctx, s.DB.Read(), "u.id = ?", id)
}

// GetByUsername loads a user by login name.
func (s *Service) GetByUsername(ctx context.Context, username string) (User, error) {
	return s.getBy(ctx, s.DB.Read(), "u.username = ?", username)
}

// ListFilter selects users; ScopePath limits to units in that subtree.
type ListFilter struct {
	ScopePath string
	Query     string
	Limit     int
	Offset    int
}

// List returns users whose unit lies in the filter's scope, and the total.
func (s *Service) List(ctx context.Context, f ListFilter) ([]User, int, error) {
	where := " WHERE un.path LIKE ?"
	args := []any{f.ScopePath + "%"}
	if f.Query != "" {
		where += " AND (u.username LIKE ? OR u.display_name LIKE ? OR un.name LIKE ?)"
		like := "%" + f.Query + "%"
		args = append(args, like, like, like)
	}
	var total int
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM users u JOIN units un ON un.id = u.unit_id`+where, args...).Scan(&total)
	if err != nil {
		return nil, 0, err
	}
	q := userSelect(s.DB.Dialect) + where + " ORDER BY un.path, u.username"
	if f.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := s.DB.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		out = append(out, u)
	}
	rows.Close()
	return out, total, rows.Err()
}

// NewUser is what CreateUser needs.
type NewUser struct {
	Username    string
	DisplayName string
	UnitID      int64
	ScopeUnitID int64 // 0: the user's own unit
	Password    string
	MustChange  bool
	Roles       []Role
}

// ValidateUsername allows 3–32 letters, digits, '.', '_' and '-'.
func ValidateUsername(name string) error {
	if n := len(name); n < 3 || n > 32 {
		return &Error{Code: "invalid", Field: "username", Message: "用户名长度应为3至32个字符"}
	}
	for _, r := range name {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-", r)) {
			return &Error{Code: "invalid", Field: "username", Message: "用户名只能包含英文字母、数字和 . _ -"}
		}
	}
	return nil
}

// CreateUser validates and stores a new account with its roles.
func (s *Service) CreateUser(ctx context.Context, n NewUser) (User, error) {
	n.Username = strings.TrimSpace(n.Username)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	if err := ValidateUsername(n.Username); err != nil {
		return User{}, err
	}
	if n.DisplayName == "" {
		return User{}, &Error{Code: "invalid", Field: "display_name", Message: "姓名不能为空"}
	}
	if err := CheckPolicy(n.Username, n.Password); err != nil {
		return User{}, &Error{Code: "invalid", Field: "password", Message: err.Error()}
	}
	for _, r := range n.Roles {
		if !r.Valid() {
			return User{}, &Error{Code: "invalid", Field: "roles", Message: "未知角色：" + string(r)}
		}
	}
	if n.ScopeUnitID == 0 {
		n.ScopeUnitID = n.UnitID
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return User{}, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE username = ?`, n.Username).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			return &Error{Code: "conflict", Field: "username", Message: "用户名“" + n.Username + "”已存在"}
		}
		if err := checkUnits(ctx, tx, n.UnitID, n.ScopeUnitID); err != nil {
			return err
		}
		now := s.Now().UTC()
		id, err = tx.InsertID(ctx, `INSERT INTO users (username, display_name, unit_id, scope_unit_id, password_hash,
			must_change, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			n.Username, n.DisplayName, n.UnitID, n.ScopeUnitID, hash, n.MustChange, now, now)
		if store.IsUniqueViolation(err) {
			return &Error{Code: "conflict", Field: "username", Message: "用户名“" + n.Username + "”已存在"}
		}
		if err != nil {
			return err
		}
		for _, r := range n.Roles {
			if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES (?, ?)`, id, string(r)); err != nil {
				return err
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "user.create", ObjectType: "user", ObjectID: itoa(id),
			Summary: "创建账号 " + n.Username, Changes: []audit.Change{
				{Field: "username", After: n.Username}, {Field: "display_name", After: n.DisplayName},
				{Field: "unit_id", After: itoa(n.UnitID)}, {Field: "scope_unit_id", After: itoa(n.ScopeUnitID)},
				{Field: "roles", After: joinRoles(n.Roles)}}})
	})
	if err != nil {
		return User{}, err
	}
	return s.getBy(ctx, s.DB.Read(), "u.id = ?", id)
}

func checkUnits(ctx context.Context, tx *store.Tx, ids ...int64) error {
	for _, id := range ids {
		var active bool
		err := tx.QueryRowContext(ctx, `SELECT active FROM units WHERE id = ?`, id).Scan(&active)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: "invalid", Field: "unit_id", Message: fmt.Sprintf("单位（编号 %d）不存在", id)}
		}
		if err != nil {
			return err
		}
		if !active {
			return &Error{Code: "invalid", Field: "unit_id", Message: "单位已撤销或合并，不能分配账号"}
		}
	}
	return nil
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func joinRoles(rs []Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}
