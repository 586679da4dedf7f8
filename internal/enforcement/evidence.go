package enforcement

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// EvidenceKinds are the kinds of 全过程记录 material.
var EvidenceKinds = []struct{ Key, Label string }{
	{"photo", "照片"}, {"audio", "录音"}, {"video", "视频（执法记录仪）"}, {"document", "书证、笔录"}, {"record", "其他记录"},
}

// EvidenceInput is the capture metadata of an uploaded file.
type EvidenceInput struct {
	Kind       string
	Step       string // the step it documents (立案, 调查取证 …)
	CapturedAt string // as the device recorded it, e.g. 2026-03-02T10:15
	CapturedBy string
	Place      string
	Device     string // 执法记录仪编号, 手机 …
	Note       string
}

// Evidence is a file of the case's full-process record.
type Evidence struct {
	ID           int64
	AttachmentID int64
	Filename     string
	Hash         string
	Kind         string
	KindLabel    string
	Step         string
	CapturedAt   string
	CapturedBy   string
	Place        string
	Device       string
	Note         string
	CreatedAt    time.Time
}

func (in EvidenceInput) check() error {
	ok := false
	for _, k := range EvidenceKinds {
		ok = ok || k.Key == in.Kind
	}
	switch {
	case !ok:
		return invalid("请选择证据类型")
	case strings.TrimSpace(in.CapturedAt) == "":
		return invalid("请填写采集时间")
	case strings.TrimSpace(in.CapturedBy) == "":
		return invalid("请填写采集人")
	}
	for _, f := range []string{in.Place, in.Device, in.Note, in.Step, in.CapturedBy, in.CapturedAt} {
		if utf8.RuneCountInString(f) > 500 {
			return invalid("证据说明各项不能超过500字")
		}
	}
	return nil
}

// AddEvidence keeps an uploaded file (hashed and type-checked by the
// attachment store) as evidence of a case with its capture metadata.
func (s *Service) AddEvidence(ctx context.Context, caseID int64, name string, r io.Reader, in EvidenceInput) (Evidence, error) {
	if err := in.check(); err != nil {
		return Evidence{}, err
	}
	c, err := s.GetCase(ctx, caseID)
	if err != nil {
		return Evidence{}, err
	}
	att, err := s.Attach.Save(ctx, r, attach.Meta{Filename: name, UnitID: c.UnitID, ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID),
		Note: "证据：" + strings.TrimSpace(in.Note)})
	if err != nil {
		return Evidence{}, err
	}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO enf_evidence (case_id, attachment_id, kind, step, captured_at, captured_by, place,
			device, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, att.ID, in.Kind, in.Step, in.CapturedAt,
			in.CapturedBy, in.Place, in.Device, in.Note, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.case.evidence", ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID),
			Summary: fmt.Sprintf("%s上传证据%s（SHA-256 %s）", c.CaseNo, att.Filename, att.Hash)})
	})
	return Evidence{AttachmentID: att.ID, Filename: att.Filename, Hash: att.Hash, Kind: in.Kind}, err
}

// EvidenceOf lists a case's evidence, oldest first.
func (s *Service) EvidenceOf(ctx context.Context, caseID int64) ([]Evidence, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT e.id, e.attachment_id, a.filename, a.hash, e.kind, e.step, e.captured_at,
		e.captured_by, e.place, e.device, e.note, e.created_at FROM enf_evidence e JOIN attachments a ON a.id = e.attachment_id
		WHERE e.case_id = ? ORDER BY e.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Evidence
	for rows.Next() {
		var e Evidence
		if err := rows.Scan(&e.ID, &e.AttachmentID, &e.Filename, &e.Hash, &e.Kind, &e.Step, &e.CapturedAt, &e.CapturedBy,
			&e.Place, &e.Device, &e.Note, &e.CreatedAt); err != nil {
			return nil, err
		}
		for _, k := range EvidenceKinds {
			if k.Key == e.Kind {
				e.KindLabel = k.Label
			}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
