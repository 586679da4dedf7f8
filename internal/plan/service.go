package plan

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// Audit actions of the plan capability.
const (
	ActionDraft   = "plan.draft"         // a text uploaded and parsed into a draft
	ActionMap     = "plan.map"           // unit names of a draft mapped by hand
	ActionDiscard = "plan.draft_discard" // a draft thrown away
	ActionImport  = "plan.import"        // a draft confirmed into a plan
	ActionGroup   = "plan.group"         // a unit group created or changed
)

// Service stores plans, their import drafts and the unit groups.
type Service struct {
	DB    *store.DB
	Audit *audit.Logger
	Org   *org.Service
	Now   func() time.Time
}

// NewService returns a Service with the real clock.
func NewService(db *store.DB, logger *audit.Logger, units *org.Service) *Service {
	return &Service{DB: db, Audit: logger, Org: units, Now: time.Now}
}

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// Error codes, spelled as in auth and org so httpx.Classify maps them alike.
const (
	CodeInvalid  = "invalid"
	CodeNotFound = "not_found"
	CodeConflict = "conflict"
)

// Error is a refusal with a Chinese message for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// ErrorCode lets the HTTP layer map the error to a status in one place.
func (e *Error) ErrorCode() string { return e.Code }

func invalid(format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) *Error {
	return &Error{Code: CodeConflict, Message: fmt.Sprintf(format, args...)}
}

// uploadError turns a parser refusal into a message for the user.
func uploadError(err error) error {
	switch {
	case errors.Is(err, ErrEmpty):
		return invalid("文件为空，请选择方案文件或粘贴方案全文")
	case errors.Is(err, ErrNotUTF8):
		return invalid("无法识别文件内容：请上传 DOCX 文件，或 UTF-8 编码的 TXT 文本（GBK 编码的文本请另存为 UTF-8）")
	case errors.Is(err, ErrUnsupportedFormat):
		return invalid("不支持该文件格式：请将 DOC、WPS、PDF 或 RTF 文件另存为 DOCX 后上传")
	case errors.Is(err, ErrNotDOCX), errors.Is(err, errBadZip):
		return invalid("文件不是有效的 DOCX 文档，请用 Word 或 WPS 另存为 DOCX 后重新上传")
	case errors.Is(err, ErrNoStructure):
		return invalid("未在文本中找到“一、”“（一）”等编号条目，这似乎不是实施方案、实施意见或工作要点")
	}
	return err
}

// actorName is the acting user's name for the *_by_name columns.
func actorName(ctx context.Context) (int64, string) {
	a := audit.ActorFrom(ctx)
	name := a.Username
	if name == "" {
		name = "系统"
	}
	return a.UserID, name
}
