// Package supervise is task supervision (督办) of confirmed plans: one
// assignment per task and responsible unit, its dated milestones in the
// deadline monitor, progress reports per period with evidence, their review
// by the 法治办, completion, and the figures the dashboard draws.
package supervise

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// Audit actions of task supervision.
const (
	ActionActivate = "task.activate" // a plan's tasks assigned and its milestones registered
	ActionReport   = "task.report"   // a progress report filed or revised
	ActionAccept   = "task.accept"   // a report accepted by the 法治办
	ActionReturn   = "task.return"   // a report returned with a comment
	ActionComplete = "task.complete" // an assignment marked done
)

// ObjectAssignment is the object type of assignments in the deadline monitor
// and the audit log; ObjectReport that of reports and their evidence.
const (
	ObjectAssignment = "task_assignment"
	ObjectReport     = "task_report"
	// ObjectCycle marks the occurrences of a recurring obligation (每季度 …)
	// of an assignment: each is fulfilled by an accepted report for a period
	// containing its due date, not only by completing the task.
	ObjectCycle = "task_cycle"
)

// Service assigns plan tasks and keeps their reports.
type Service struct {
	DB        *store.DB
	Audit     *audit.Logger
	Deadlines *deadline.Service
	Attach    *attach.Store
	Now       func() time.Time
}

// NewService returns a Service with the real clock.
func NewService(db *store.DB, logger *audit.Logger, dl *deadline.Service, att *attach.Store) *Service {
	return &Service{DB: db, Audit: logger, Deadlines: dl, Attach: att, Now: time.Now}
}

var cst = time.FixedZone("CST", 8*3600)

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// today is the civil date in China, as ISO text (the monitor's due dates).
func (s *Service) today() string { return s.Now().In(cst).Format(time.DateOnly) }

// Error codes, spelled as elsewhere so httpx.Classify maps them alike.
const (
	CodeInvalid   = "invalid"
	CodeNotFound  = "not_found"
	CodeConflict  = "conflict"
	CodeForbidden = "forbidden"
)

// Error is a refusal with a Chinese message for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// ErrorCode lets the HTTP layer map the error to a status in one place.
func (e *Error) ErrorCode() string { return e.Code }

func newErr(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func invalid(format string, args ...any) *Error  { return newErr(CodeInvalid, format, args...) }
func notFound(format string, args ...any) *Error { return newErr(CodeNotFound, format, args...) }
func conflict(format string, args ...any) *Error { return newErr(CodeConflict, format, args...) }

// forbidden is the refusal of a unit outside the user's data scope.
func forbidden(unitName string) *Error {
	return newErr(CodeForbidden, "单位“%s”不在您的数据范围内，不能办理该任务", unitName)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// inScope reports whether a unit path lies in a scope ("" is the whole county).
func inScope(scope, path string) bool { return scope == "" || strings.HasPrefix(path, scope) }

// actor is the acting user's id and the name stored with what they did.
func actor(ctx context.Context, tx *store.Tx) (int64, string) {
	a := audit.ActorFrom(ctx)
	name := a.Username
	if a.UserID != 0 {
		var display string
		if err := tx.QueryRowContext(ctx, `SELECT display_name FROM users WHERE id = ?`, a.UserID).Scan(&display); err == nil && display != "" {
			name = display
		}
	}
	if name == "" {
		name = "系统"
	}
	return a.UserID, name
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
