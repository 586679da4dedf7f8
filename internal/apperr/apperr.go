// Package apperr is the typed error the capability packages return for
// refusals: a code the HTTP layer maps to a status (httpx.Classify), a
// Chinese message for the user, and a sentinel for errors.Is.
package apperr

import "fmt"

// Codes shared by the packages; httpx maps each to one status.
const (
	CodeInvalid   = "invalid"
	CodeNotFound  = "not_found"
	CodeConflict  = "conflict"
	CodeIntegrity = "integrity"
)

// Error is a refusal (or an integrity failure) with a Chinese message.
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

// New makes an Error of code whose kind (for errors.Is) is the sentinel kind.
func New(code string, kind error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), kind: kind}
}
