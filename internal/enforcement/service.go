package enforcement

import (
	"time"

	"fazhi/internal/apperr"
	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/org"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// Service is the enforcement capability. Every write runs in one transaction
// with its audit record.
type Service struct {
	DB        *store.DB
	Audit     *audit.Logger
	Org       *org.Service
	Deadlines *deadline.Service // statutory periods and the deadline monitor
	Attach    *attach.Store     // evidence and issued 文书
	Cipher    *privacy.Cipher   // seals 身份证号 and phone numbers at rest
	Now       func() time.Time

	pubCounts   *countCache  // the public search's counts, for half a minute
	portalCache *portalCache // the portal's unit list, likewise
}

// NewService returns a Service with the real clock.
func NewService(db *store.DB, logger *audit.Logger, units *org.Service, dl *deadline.Service,
	files *attach.Store, c *privacy.Cipher) *Service {
	return &Service{DB: db, Audit: logger, Org: units, Deadlines: dl, Attach: files, Cipher: c, Now: time.Now,
		pubCounts: &countCache{m: map[string]countEntry{}}, portalCache: &portalCache{}}
}

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// Sentinels for errors.Is on the package's refusals.
var (
	ErrInvalid  = apperr.New(apperr.CodeInvalid, nil, "输入有误")
	ErrNotFound = apperr.New(apperr.CodeNotFound, nil, "记录不存在")
	ErrConflict = apperr.New(apperr.CodeConflict, nil, "与现有记录冲突")
)

// invalid is a refusal naming the field and the reason in Chinese.
func invalid(format string, args ...any) error {
	return apperr.New(apperr.CodeInvalid, ErrInvalid, format, args...)
}

// notFound says which record is missing.
func notFound(format string, args ...any) error {
	return apperr.New(apperr.CodeNotFound, ErrNotFound, format, args...)
}

// conflict refuses a change that clashes with existing data (a duplicate
// 案号, an illegal step …).
func conflict(format string, args ...any) error {
	return apperr.New(apperr.CodeConflict, ErrConflict, format, args...)
}
