package attach

import (
	"errors"

	"fazhi/internal/apperr"
)

// Error codes, spelled as in auth and org so the HTTP layer maps them alike.
// "integrity" (file missing or altered) has no user-side cause: the web layer
// shows it as a server fault and the operator runs Verify.
const (
	CodeInvalid   = apperr.CodeInvalid
	CodeNotFound  = apperr.CodeNotFound
	CodeIntegrity = apperr.CodeIntegrity
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

// Error is a refusal with a Chinese message (the shared apperr type).
type Error = apperr.Error

func newError(code string, kind error, format string, args ...any) *Error {
	return apperr.New(code, kind, format, args...)
}

func invalid(format string, args ...any) *Error {
	return newError(CodeInvalid, ErrInvalid, format, args...)
}

func errNotFound(id int64) *Error {
	return newError(CodeNotFound, ErrNotFound, "附件（编号 %d）不存在或已被删除", id)
}
