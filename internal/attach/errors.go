package attach

import (
	"errors"
	"fmt"
)

// Error codes, spelled as in auth and org so the HTTP layer maps them alike.
// "integrity" (file missing or altered) has no user-side cause: the web layer
// shows it as a server fault and the operator runs Verify.
const (
	CodeInvalid   = "invalid"
	CodeNotFound  = "not_found"
	CodeIntegrity = "integrity"
)

// Sentinels for errors.Is; every *Error unwraps to one of them.
var (
	ErrInvalid     = errors.New("attach: invalid")
	ErrTooLarge    = errors.New("attach: file too large")
	ErrUnsupported = errors.New("attach: unsupported file type")
	ErrNotFound    = errors.New("attach: not found")
	ErrMissing     = errors.New("attach: file missing from the data directory")
	ErrTampered    = errors.New("attach: file content does not match its hash")
)

// Error is a refusal or an integrity failure with a Chinese message.
type Error struct {
	Code    string
	Message string
	kind    error
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the sentinel of the error's kind.
func (e *Error) Unwrap() error { return e.kind }

// ErrorCode lets the HTTP layer map the error to a status in one place.
func (e *Error) ErrorCode() string { return e.Code }

func newError(code string, kind error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), kind: kind}
}

func invalid(format string, args ...any) *Error {
	return newError(CodeInvalid, ErrInvalid, format, args...)
}

func errNotFound(id int64) *Error {
	return newError(CodeNotFound, ErrNotFound, "附件（编号 %d）不存在或已被删除", id)
}
