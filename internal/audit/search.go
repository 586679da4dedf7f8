package audit

import (
	"context"
	"strings"
	"time"

	"fazhi/internal/store"
)

// Filter selects audit rows for the auditor's page, API and export.
type Filter struct {
	From, To   time.Time // inclusive range on At; zero means open
	Username   string
	Action     string // exact, or a prefix ending in "." ("auth.")
	ObjectType string
	Text       string // in summary, object id or changes
	Limit      int
	Offset     int
}

func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	if !f.From.IsZero() {
		conds, args = append(conds, "at >= ?"), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "at <= ?"), append(args, f.To.UTC())
	}
	if f.Username != "" {
		conds, args = append(conds, "username = ?"), append(args, f.Username)
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			conds, args = append(conds, "action LIKE ?"), append(args, f.Action+"%")
		} else {
			conds, args = append(conds, "action = ?"), append(args, f.Action)
		}
	}
	if f.ObjectType != "" {
		conds, args = append(conds, "object_type = ?"), append(args, f.ObjectType)
	}
	if f.Text != "" {
		like := "%" + f.Text + "%"
		conds = append(conds, "(summary LIKE ? OR object_id LIKE ? OR changes LIKE ?)")
		args = append(args, like, like, like)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Search returns the matching rows, newest first, and the total count.
func Search(ctx context.Context, db *store.DB, f Filter) ([]Row, int, error) {
	where, args := f.where()
	var total int
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT ` + rowColumns + ` FROM audit_log` + where + ` ORDER BY seq DESC`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// ActionNames gives the Chinese label of the foundation's actions; other
// capabilities' actions show as their code.
var ActionNames = map[string]string{
	ActionLogin:       "登录",
	ActionLogout:      "退出",
	ActionLoginFailed: "登录失败",
	ActionLockout:     "账号锁定",
	ActionDenied:      "越权访问被拒绝",
	ActionPasswordSet: "修改密码",
	ActionTokenCreate: "创建API令牌",
	ActionTokenRevoke: "吊销API令牌",
	ActionExport:      "导出审计日志",
}

// ActionLabel is the Chinese name of an action code.
func ActionLabel(a string) string {
	if s, ok := ActionNames[a]; ok {
		return s
	}
	return a
}
