// Package httpx holds what the web UI and the JSON API share: the route
// table type, client addresses, and the one place where errors become
// HTTP statuses and user messages.
package httpx

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
)

// Route is one entry of a route table. Every route names the permission it
// needs, or says it is public; the route × role matrix test walks the tables.
type Route struct {
	Method  string
	Pattern string
	Perm    auth.Perm // required permission; empty only when Public
	Public  bool      // reachable without login (login page, static files, public portal)
	Handler http.HandlerFunc
}

// Key is the ServeMux pattern of a route.
func (r Route) Key() string { return r.Method + " " + r.Pattern }

type userKey struct{}

// WithUser stores the authenticated user in ctx, with the matching audit actor.
func WithUser(ctx context.Context, u *auth.User, ip string) context.Context {
	ctx = context.WithValue(ctx, userKey{}, u)
	return audit.WithActor(ctx, audit.Actor{UserID: u.ID, Username: u.Username, UnitID: u.UnitID, IP: ip})
}

// User returns the authenticated user of the request, or nil.
func User(r *http.Request) *auth.User {
	u, _ := r.Context().Value(userKey{}).(*auth.User)
	return u
}

// ClientIP is the peer address. X-Forwarded-For is trusted only when the
// deployment says a proxy sits in front (FAZHI_TRUST_PROXY).
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			return strings.TrimSpace(strings.Split(f, ",")[0])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// AppError is an error with a code, an HTTP status and a Chinese message.
type AppError struct {
	Status  int
	Code    string
	Message string
}

func (e *AppError) Error() string { return e.Message }

// Common errors.
var (
	ErrForbidden    = &AppError{http.StatusForbidden, "forbidden", "您没有执行此操作的权限"}
	ErrNotFound     = &AppError{http.StatusNotFound, "not_found", "您访问的内容不存在或已被删除"}
	ErrUnauthorized = &AppError{http.StatusUnauthorized, "unauthorized", "请先登录"}
	ErrCSRF         = &AppError{http.StatusForbidden, "csrf", "页面已过期或请求来源不可信，请刷新页面后重试"}
)

// Invalid makes a 400 error with a message for the user.
func Invalid(msg string) *AppError {
	return &AppError{Status: http.StatusBadRequest, Code: "invalid", Message: msg}
}

// coder is implemented by the domain packages' typed errors (auth.Error,
// org.Error …): a code among invalid, conflict, not_found, locked,
// unauthorized, forbidden, and a message for the user.
type coder interface {
	error
	ErrorCode() string
}

var codeStatus = map[string]int{
	"invalid":      http.StatusBadRequest,
	"conflict":     http.StatusConflict,
	"not_found":    http.StatusNotFound,
	"locked":       http.StatusTooManyRequests,
	"unauthorized": http.StatusUnauthorized,
	"forbidden":    http.StatusForbidden,
	"integrity":    http.StatusConflict, // a stored file is missing or altered
}

// Classify maps any error to status, code and a message safe to show. Errors
// that are not ours become a 500 with a generic message (details go to the log).
func Classify(err error) *AppError {
	var ae *AppError
	if errors.As(err, &ae) {
		return ae
	}
	var c coder
	if errors.As(err, &c) {
		if st, ok := codeStatus[c.ErrorCode()]; ok {
			return &AppError{Status: st, Code: c.ErrorCode(), Message: c.Error()}
		}
	}
	var locked *auth.LockedError
	if errors.As(err, &locked) {
		return &AppError{Status: http.StatusTooManyRequests, Code: "locked", Message: locked.Error()}
	}
	return &AppError{Status: http.StatusInternalServerError, Code: "internal", Message: "服务器内部错误，请稍后重试；如持续出现请联系系统管理员"}
}

// Page reads page/per_page query parameters (per_page capped at 200).
func Page(r *http.Request, defPer int) (page, per int) {
	page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	per, _ = strconv.Atoi(r.URL.Query().Get("per_page"))
	if page < 1 {
		page = 1
	}
	if per < 1 {
		per = defPer
	}
	if per > 200 {
		per = 200
	}
	return page, per
}
