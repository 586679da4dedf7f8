package ledger

import (
	"context"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// ActionSave is the audit action of a ledger change; its changes keep the
// history of every figure.
const ActionSave = "ledger.save"

// Error codes, spelled as in the other capabilities so httpx.Classify maps
// them alike.
const (
	CodeInvalid  = "invalid"
	CodeNotFound = "not_found"
)

// Error is a refusal with a Chinese message for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// ErrorCode lets the HTTP layer map the error to a status in one place.
func (e *Error) ErrorCode() string { return e.Code }

// Year bounds accepted for ledger entries.
const (
	MinYear = 2000
	MaxYear = 2100
)

// maxNote bounds a source note (characters).
const maxNote = 200

// Service stores and sums the ledger.
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

// Entry is one stored figure.
type Entry struct {
	Field         string
	Value         string // canonical text, e.g. "98.38"
	Number        float64
	Note          string
	EnteredBy     int64
	EnteredByName string
	EnteredAt     time.Time
}

// Sheet is one unit's ledger for one year.
type Sheet struct {
	UnitID  int64
	Year    int
	Entries map[string]Entry // by field key
}

// Batch is one unit's changes: values by field key ("" clears a figure; keys
// absent are left alone) and source notes by field key (absent: unchanged).
type Batch struct {
	UnitID int64
	Values map[string]string
	Notes  map[string]string
}

// CheckYear refuses years outside the ledger's range.
func CheckYear(year int) error {
	if year < MinYear || year > MaxYear {
		return &Error{Code: CodeInvalid, Message: fmt.Sprintf("年度应在 %d 到 %d 之间", MinYear, MaxYear)}
	}
	return nil
}

// Save validates and stores one unit's figures for year: all or nothing.
// A refused value is reported as *ValidationError naming the field.
func (s *Service) Save(ctx context.Context, unitID int64, year int, values, notes map[string]string) error {
	return s.SaveAll(ctx, year, []Batch{{UnitID: unitID, Values: values, Notes: notes}})
}

// SaveAll stores several units' figures for year in one transaction: if any
// value of any unit is refused, nothing is saved and every refusal is
// reported (FieldError.Batch says which batch).
func (s *Service) SaveAll(ctx context.Context, year int, batches []Batch) error {
	if err := CheckYear(year); err != nil {
		return err
	}
	parsed := make([]map[string]string, len(batches))
	var errs []FieldError
	for i, b := range batches {
		if _, err := s.Org.Get(ctx, b.UnitID); err != nil {
			return &Error{Code: CodeNotFound, Message: "单位不存在"}
		}
		p, fes := parseAll(b.Values)
		fes = append(fes, checkNotes(b.Notes)...)
		errs = append(errs, withBatch(fes, i)...)
		parsed[i] = p
	}
	if len(errs) > 0 {
		return &ValidationError{Errors: errs}
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		var errs []FieldError
		for i, b := range batches {
			fes, err := s.apply(ctx, tx, year, b.UnitID, parsed[i], b.Notes)
			if err != nil {
				return err
			}
			errs = append(errs, withBatch(fes, i)...)
		}
		if len(errs) > 0 {
			return &ValidationError{Errors: errs}
		}
		return nil
	})
}

func withBatch(fes []FieldError, i int) []FieldError {
	for j := range fes {
		fes[j].Batch = i
	}
	return fes
}

func checkNotes(notes map[string]string) []FieldError {
	var errs []FieldError
	for k, n := range notes {
		f, ok := FieldByKey(k)
		if !ok {
			errs = append(errs, FieldError{Key: k, Reason: "不是台账字段", Message: fmt.Sprintf("“%s”不是台账字段", k)})
			continue
		}
		if utf8.RuneCountInString(n) > maxNote {
			errs = append(errs, fieldError(f, fmt.Sprintf("的来源说明不能超过 %d 个字", maxNote)))
		}
	}
	return errs
}

// Get returns one unit's ledger for year.
func (s *Service) Get(ctx context.Context, unitID int64, year int) (Sheet, error) {
	entries, err := queryEntries(ctx, s.DB.Read(), `WHERE unit_id = ? AND year = ?`, unitID, year)
	if err != nil {
		return Sheet{}, err
	}
	sh := Sheet{UnitID: unitID, Year: year, Entries: map[string]Entry{}}
	for _, e := range entries {
		sh.Entries[e.Field] = e.Entry
	}
	return sh, nil
}

// Sheets returns the ledgers of rootUnitID and every unit below it for year,
// by unit id (units without figures are absent).
func (s *Service) Sheets(ctx context.Context, rootUnitID int64, year int) (map[int64]Sheet, error) {
	root, err := s.Org.Get(ctx, rootUnitID)
	if err != nil {
		return nil, err
	}
	entries, err := queryEntries(ctx, s.DB.Read(),
		`WHERE year = ? AND unit_id IN (SELECT id FROM units WHERE path LIKE ?)`, year, root.Path+"%")
	if err != nil {
		return nil, err
	}
	out := map[int64]Sheet{}
	for _, e := range entries {
		sh, ok := out[e.unitID]
		if !ok {
			sh = Sheet{UnitID: e.unitID, Year: year, Entries: map[string]Entry{}}
			out[e.unitID] = sh
		}
		sh.Entries[e.Field] = e.Entry
	}
	return out, nil
}

type unitEntry struct {
	Entry
	unitID int64
}

func queryEntries(ctx context.Context, q store.Querier, where string, args ...any) ([]unitEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT unit_id, field, value, note, COALESCE(entered_by, 0), entered_by_name, entered_at
		FROM ledger_entries `+where+` ORDER BY unit_id, field`, args...)
	if err != nil {
		return nil, fmt.Errorf("query ledger: %w", err)
	}
	defer rows.Close()
	var out []unitEntry
	for rows.Next() {
		var e unitEntry
		if err := rows.Scan(&e.unitID, &e.Field, &e.Value, &e.Note, &e.EnteredBy, &e.EnteredByName, &e.EnteredAt); err != nil {
			return nil, fmt.Errorf("scan ledger: %w", err)
		}
		e.Number, _ = strconv.ParseFloat(e.Value, 64)
		out = append(out, e)
	}
	return out, rows.Err()
}
