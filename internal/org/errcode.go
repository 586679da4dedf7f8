package org

// ErrorCode lets the HTTP layer map the error to a status in one place
// (codes: invalid, not_found, conflict).
func (e *Error) ErrorCode() string { return e.Code }
