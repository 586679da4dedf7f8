package report

import (
	"fmt"
	"time"

	"fazhi/internal/apperr"
	"fazhi/internal/metric"
)

// Status is where a report stands.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusSubmitted Status = "submitted"
	StatusPublished Status = "published"
)

// Label is the status in Chinese.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "草稿"
	case StatusSubmitted:
		return "已报送"
	case StatusPublished:
		return "已公开"
	}
	return string(s)
}

// Report is one unit's annual report.
type Report struct {
	ID              int64
	UnitID          int64
	UnitName        string
	UnitPath        string
	Year            int
	Title           string
	DocNo           string
	Addressee       string
	Issuer          string
	Status          Status
	Snapshot        int
	SubmitBy        string // ISO date
	PublishBy       string // ISO date
	DeadlineBasis   string
	SubmittedOn     string // ISO date, "" until submitted
	SubmittedTo     string
	SubmittedByName string
	CreatedByName   string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Section is one part of a report's text at its current version.
type Section struct {
	Key      string
	Part     int // 0 导语, 1–4
	Seq      int
	Version  int
	Heading  string
	Body     string
	Snapshot int
	Note     string
	ByName   string
	At       time.Time
}

// Paragraphs splits the body into its paragraphs (one per non-blank line).
func (s Section) Paragraphs() []string { return paragraphs(s.Body) }

// Version is one saved text of a section.
type Version struct {
	Version  int
	Heading  string
	Body     string
	Snapshot int
	Kind     string
	Note     string
	ByName   string
	At       time.Time
}

// KindLabel says in Chinese how the version came about.
func (v Version) KindLabel() string {
	switch v.Kind {
	case KindDraft:
		return "系统起草"
	case KindEdit:
		return "编辑"
	case KindRestore:
		return "恢复"
	case KindRefresh:
		return "刷新数据"
	case KindRedraft:
		return "重新起草"
	}
	return v.Kind
}

// Version kinds.
const (
	KindDraft   = "draft"
	KindEdit    = "edit"
	KindRestore = "restore"
	KindRefresh = "refresh"
	KindRedraft = "redraft"
)

// Figure is a metric's value in a snapshot, with its source.
type Figure struct {
	Key    string
	Name   string
	Unit   string
	Group  string
	Known  bool
	Number float64
	Source string // 台账 or the capability, e.g. 行政执法
	Native bool   // recorded by a capability rather than entered in the 台账
	Note   string
	Link   string // where the figure came from
}

// Text is the value as written in the report ("—" when unknown).
func (f Figure) Text() string {
	return metric.Value{Number: f.Number, Known: f.Known}.Text()
}

// SourceLabel says where the figure came from, for a tooltip or a table.
func (f Figure) SourceLabel() string {
	switch {
	case !f.Known:
		return "无数据"
	case f.Native:
		return "业务记录（" + f.Source + "）"
	}
	return f.Source
}

// Figures are one snapshot, by metric key.
type Figures map[string]Figure

// Publication is a version of the report frozen on the public portal.
type Publication struct {
	ID              int64
	ReportID        int64
	Title           string
	Doc             PublicDoc
	PublishedAt     time.Time
	PublishedByName string
	WithdrawnAt     time.Time
	WithdrawnByName string
	WithdrawReason  string
	UnitName        string
	Year            int
}

// Withdrawn reports whether the publication was taken off the portal.
func (p Publication) Withdrawn() bool { return !p.WithdrawnAt.IsZero() }

// PublicDoc is the published text: every figure resolved, no internal links.
type PublicDoc struct {
	Title     string        `json:"title"`
	DocNo     string        `json:"doc_no,omitempty"`
	Addressee string        `json:"addressee,omitempty"`
	Issuer    string        `json:"issuer,omitempty"`
	Date      string        `json:"date,omitempty"`
	Blocks    []PublicBlock `json:"blocks"`
}

// PublicBlock is a heading (Level 1 or 2) or a paragraph (Level 0).
type PublicBlock struct {
	Level int    `json:"level"`
	Text  string `json:"text"`
}

// Sentinels for errors.Is on the package's refusals.
var (
	ErrInvalid  = apperr.New(apperr.CodeInvalid, nil, "输入有误")
	ErrNotFound = apperr.New(apperr.CodeNotFound, nil, "记录不存在")
	ErrConflict = apperr.New(apperr.CodeConflict, nil, "与现有记录冲突")
)

func invalid(format string, args ...any) error {
	return apperr.New(apperr.CodeInvalid, ErrInvalid, format, args...)
}

func notFound(format string, args ...any) error {
	return apperr.New(apperr.CodeNotFound, ErrNotFound, format, args...)
}

func conflict(format string, args ...any) error {
	return apperr.New(apperr.CodeConflict, ErrConflict, format, args...)
}

func itoa(n int64) string { return fmt.Sprint(n) }
