package org

import (
	"errors"
	"fmt"
)

// Error codes, spelled as in auth so the web layer maps both packages alike.
const (
	CodeInvalid  = "invalid"   // the input breaks a rule: 400 / form error
	CodeNotFound = "not_found" // the unit or region does not exist: 404
	CodeConflict = "conflict"  // the current state forbids it: 409 / form error
)

// Sentinels for errors.Is; every *Error unwraps to the one of its Code.
var (
	ErrInvalid  = errors.New("org: invalid")
	ErrNotFound = errors.New("org: not found")
	ErrConflict = errors.New("org: conflict")
)

// Error is a refusal with a Chinese message naming the field it concerns.
type Error struct {
	Code    string
	Field   string // form field: name, credit_code, parent_id …; empty for the whole form
	Message string
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is(err, ErrInvalid) and friends match by code.
func (e *Error) Unwrap() error {
	switch e.Code {
	case CodeInvalid:
		return ErrInvalid
	case CodeNotFound:
		return ErrNotFound
	case CodeConflict:
		return ErrConflict
	}
	return nil
}

func invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

func conflict(field, format string, args ...any) *Error {
	return &Error{Code: CodeConflict, Field: field, Message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

// errUnitNotFound is the refusal for a missing unit id.
func errUnitNotFound(id int64) *Error { return notFound("单位（编号 %d）不存在", id) }
