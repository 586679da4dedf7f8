package deadline

import (
	"errors"
	"fmt"
)

// Error codes, spelled as in auth and org so httpx.Classify maps them alike.
const (
	CodeInvalid  = "invalid"
	CodeNotFound = "not_found"
	CodeConflict = "conflict"
)

// Error is a refusal with a Chinese message for the user.
type Error struct {
	Code    string
	Field   string // form field it concerns, "" for the whole form
	Message string
}

func (e *Error) Error() string { return e.Message }

// ErrorCode lets the HTTP layer map the error to a status in one place.
func (e *Error) ErrorCode() string { return e.Code }

func invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) *Error {
	return &Error{Code: CodeConflict, Message: fmt.Sprintf(format, args...)}
}

// asInvalid turns an error of the pure calendar package (always a problem
// with the input: a date out of range, a period it cannot count) into a
// refusal shown to the user.
func asInvalid(field string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Code: CodeInvalid, Field: field, Message: err.Error()}
}
