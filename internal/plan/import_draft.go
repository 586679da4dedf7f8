package plan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// Draft is an uploaded plan under review; nothing of it is a plan yet.
type Draft struct {
	ID            int64
	Title         string
	SourceName    string
	SourceHash    string // SHA-256 of the uploaded bytes
	Text          string // the text as read (DOCX: its paragraphs)
	Parsed        ParsedPlan
	Mappings      map[string]Mapping // by unit name as written
	CreatedBy     int64
	CreatedByName string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Upload is one plan file or pasted text.
type Upload struct {
	Name string // file name as uploaded; "" for pasted text
	Data []byte
}

// CreateDraft reads an upload (DOCX or text, told apart by content), parses
// it and keeps it as a draft for review. A file that is not a readable plan
// is refused with a message for the user, and nothing is stored.
func (s *Service) CreateDraft(ctx context.Context, up Upload) (int64, error) {
	text, err := uploadText(up.Data)
	if err != nil {
		return 0, uploadError(err)
	}
	p, err := ParseText(text)
	if err != nil {
		return 0, uploadError(err)
	}
	if len(p.Tasks) == 0 {
		return 0, invalid("未识别到任何编号的任务条目，请确认上传的是实施方案、实施意见或工作要点")
	}
	parsed, err := json.Marshal(p)
	if err != nil {
		return 0, err
	}
	title := p.Title
	if title == "" {
		title = "（未识别到标题）"
	}
	sum := sha256.Sum256(up.Data)
	uid, uname := actorName(ctx)
	now := s.now()
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		id, err = tx.InsertID(ctx, `INSERT INTO plan_drafts (title, source_name, source_sha256, original_text, parsed_json,
			mappings_json, created_by, created_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?, ?)`,
			title, up.Name, hex.EncodeToString(sum[:]), text, string(parsed), store.NullInt(uid), uname, now, now)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionDraft, ObjectType: "plan_draft", ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("导入方案草稿《%s》：%d项任务（%s）", title, len(p.Tasks), orText(up.Name, "粘贴文本"))})
	})
	return id, err
}

// uploadText returns the text of a DOCX or a text upload.
func uploadText(data []byte) (string, error) {
	format, err := SniffFormat(data)
	if err != nil {
		return "", err
	}
	if format == FormatDOCX {
		return ExtractDOCXText(bytes.NewReader(data), int64(len(data)))
	}
	return DecodeText(data)
}

// Draft loads a draft.
func (s *Service) Draft(ctx context.Context, id int64) (Draft, error) {
	return loadDraft(ctx, s.DB.Read(), id)
}

func loadDraft(ctx context.Context, q store.Querier, id int64) (Draft, error) {
	var d Draft
	var parsed, mappings string
	var by *int64
	err := q.QueryRowContext(ctx, `SELECT id, title, source_name, source_sha256, original_text, parsed_json, mappings_json,
		created_by, created_by_name, created_at, updated_at FROM plan_drafts WHERE id = ?`, id).Scan(
		&d.ID, &d.Title, &d.SourceName, &d.SourceHash, &d.Text, &parsed, &mappings, &by, &d.CreatedByName, &d.CreatedAt, &d.UpdatedAt)
	if isNoRows(err) {
		return d, notFound("方案草稿不存在，可能已经确认或放弃")
	}
	if err != nil {
		return d, fmt.Errorf("load plan draft %d: %w", id, err)
	}
	if by != nil {
		d.CreatedBy = *by
	}
	if err := json.Unmarshal([]byte(parsed), &d.Parsed); err != nil {
		return d, fmt.Errorf("plan draft %d: parsed plan: %w", id, err)
	}
	if err := json.Unmarshal([]byte(mappings), &d.Mappings); err != nil {
		return d, fmt.Errorf("plan draft %d: mappings: %w", id, err)
	}
	if d.Mappings == nil {
		d.Mappings = map[string]Mapping{}
	}
	return d, nil
}

// DraftSummary is one line of the drafts list.
type DraftSummary struct {
	ID            int64
	Title         string
	SourceName    string
	CreatedByName string
	CreatedAt     time.Time
}

// Drafts lists the drafts awaiting confirmation, newest first.
func (s *Service) Drafts(ctx context.Context) ([]DraftSummary, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, title, source_name, created_by_name, created_at
		FROM plan_drafts ORDER BY created_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list plan drafts: %w", err)
	}
	defer rows.Close()
	var out []DraftSummary
	for rows.Next() {
		var d DraftSummary
		if err := rows.Scan(&d.ID, &d.Title, &d.SourceName, &d.CreatedByName, &d.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DiscardDraft throws a draft away; audited.
func (s *Service) DiscardDraft(ctx context.Context, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		d, err := loadDraft(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plan_drafts WHERE id = ?`, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionDiscard, ObjectType: "plan_draft", ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("放弃方案草稿《%s》", d.Title)})
	})
}

// Directory loads the county's active units (sections excluded: plans name
// departments and townships) and the unit groups.
func (s *Service) Directory(ctx context.Context) (*Directory, error) {
	units, err := s.Org.List(ctx, org.ListFilter{Status: org.ActiveOnly})
	if err != nil {
		return nil, err
	}
	groups, err := s.Groups(ctx)
	if err != nil {
		return nil, err
	}
	refs := make([]UnitRef, 0, len(units))
	aliases := map[int64][]string{}
	for _, u := range units {
		if u.Level == org.LevelSection {
			continue
		}
		refs = append(refs, UnitRef{ID: u.ID, Name: u.Name, Path: u.Path})
		aliases[u.ID] = append(append([]string(nil), u.Aliases...), u.ShortName)
	}
	return NewDirectory(refs, aliases, groups), nil
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
