package enforcement

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// ImportProgress receives how far a check or a save got; jobs.Progress
// satisfies it.
type ImportProgress interface {
	Set(done, total int, message string)
}

type noProgress struct{}

func (noProgress) Set(int, int, string) {}

// ObjectImportBatch is a batch's object type in the audit log.
const ObjectImportBatch = "enf_import_batch"

// MaxImportBytes bounds an uploaded file (about 400 000 case rows as CSV).
const MaxImportBytes = 100 << 20

// CreateImportBatch records an uploaded file as a batch to be checked. The
// file is kept sealed (it holds 身份证号) until the batch is saved or
// discarded. scopeUnitID is the uploader's scope: rows may only name units
// below it.
func (s *Service) CreateImportBatch(ctx context.Context, kind ImportKind, scopeUnitID int64, filename string, data []byte) (int64, error) {
	filename = strings.TrimSpace(filename)
	if _, ok := ImportKindOf(string(kind)); !ok {
		return 0, invalid("请选择导入的内容（执法案件或执法人员）")
	}
	if len(data) == 0 {
		return 0, invalid("请选择要导入的 Excel（.xlsx）或 CSV 文件")
	}
	if len(data) > MaxImportBytes {
		return 0, invalid("文件超过 %d MB，请拆分后分批导入", MaxImportBytes>>20)
	}
	if utf8.RuneCountInString(filename) > 200 {
		filename = string([]rune(filename)[:200])
	}
	format, err := DetectFormat(filename, data[:min(len(data), 8)])
	if err != nil {
		return 0, err
	}
	enc := ""
	if format == FormatCSV {
		enc = detectEncoding(data[:min(len(data), 64<<10)])
	}
	sealed, err := s.Cipher.Seal(string(data))
	if err != nil {
		return 0, fmt.Errorf("seal import file: %w", err)
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		unitName, _, _, err := regUnitOf(ctx, tx, scopeUnitID)
		if err != nil {
			return err
		}
		id, err = tx.InsertID(ctx, `INSERT INTO enf_import_batches (kind, unit_id, filename, format, encoding, size_bytes,
			content, status, created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(kind), scopeUnitID, filename, format, enc, len(data), sealed, string(BatchChecking),
			store.NullInt(audit.ActorFrom(ctx).UserID), regActorName(ctx, tx), s.now())
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.import.upload", ObjectType: ObjectImportBatch,
			ObjectID: regID(id), Summary: fmt.Sprintf("上传%s导入文件“%s”（%s，%d 字节）", kind.Label(), filename, unitName, len(data))})
	})
	return id, err
}

// SetImportJob records the background job that checks (save=false) or
// saves the batch, so its page can follow it.
func (s *Service) SetImportJob(ctx context.Context, batchID, jobID int64, save bool) error {
	col := "check_job_id"
	if save {
		col = "save_job_id"
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE enf_import_batches SET `+col+` = ? WHERE id = ?`, jobID, batchID)
		return err
	})
}

const batchSelect = `SELECT b.id, b.kind, b.unit_id, u.name, u.path, b.filename, b.format, b.encoding, b.size_bytes, b.status,
	b.total_rows, b.error_count, b.saved_rows, COALESCE(b.check_job_id, 0), COALESCE(b.save_job_id, 0), b.created_by_name,
	b.confirmed_by_name, b.created_at, b.checked_at, b.saved_at
	FROM enf_import_batches b JOIN units u ON u.id = b.unit_id `

func queryBatches(ctx context.Context, q store.Querier, where string, args ...any) ([]Batch, error) {
	rows, err := q.QueryContext(ctx, batchSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list import batches: %w", err)
	}
	defer rows.Close()
	var out []Batch
	for rows.Next() {
		var b Batch
		var kind, status string
		var checked, saved sql.NullTime
		if err := rows.Scan(&b.ID, &kind, &b.UnitID, &b.UnitName, &b.UnitPath, &b.Filename, &b.Format, &b.Encoding,
			&b.SizeBytes, &status, &b.TotalRows, &b.ErrorCount, &b.SavedRows, &b.CheckJobID, &b.SaveJobID,
			&b.CreatedByName, &b.ConfirmedByName, &b.CreatedAt, &checked, &saved); err != nil {
			return nil, err
		}
		b.Kind, b.Status, b.CheckedAt, b.SavedAt = ImportKind(kind), BatchStatus(status), checked.Time, saved.Time
		out = append(out, b)
	}
	return out, rows.Err()
}

func getBatch(ctx context.Context, q store.Querier, id int64) (Batch, error) {
	xs, err := queryBatches(ctx, q, "WHERE b.id = ?", id)
	if err != nil {
		return Batch{}, err
	}
	if len(xs) == 0 {
		return Batch{}, notFound("导入批次（编号 %d）不存在", id)
	}
	return xs[0], nil
}

// ImportBatch loads a batch.
func (s *Service) ImportBatch(ctx context.Context, id int64) (Batch, error) {
	return getBatch(ctx, s.DB.Read(), id)
}

// ImportBatches lists the batches of units under scopePath, newest first,
// with the total count.
func (s *Service) ImportBatches(ctx context.Context, scopePath string, limit, offset int) ([]Batch, int, error) {
	var total int
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_import_batches b JOIN units u ON u.id = b.unit_id
		WHERE u.path LIKE ?`, scopePath+"%").Scan(&total); err != nil {
		return nil, 0, err
	}
	xs, err := queryBatches(ctx, s.DB.Read(), "WHERE u.path LIKE ? ORDER BY b.id DESC LIMIT ? OFFSET ?",
		scopePath+"%", limit, offset)
	return xs, total, err
}

// ImportReportOf returns what the last check of a batch found.
func (s *Service) ImportReportOf(ctx context.Context, id int64) (ImportReport, error) {
	var raw string
	err := s.DB.Read().QueryRowContext(ctx, `SELECT report FROM enf_import_batches WHERE id = ?`, id).Scan(&raw)
	if err == sql.ErrNoRows {
		return ImportReport{}, notFound("导入批次（编号 %d）不存在", id)
	}
	var rep ImportReport
	if err == nil && raw != "" {
		err = json.Unmarshal([]byte(raw), &rep)
	}
	return rep, err
}

// batchContent opens the sealed file of a batch.
func (s *Service) batchContent(ctx context.Context, id int64) ([]byte, error) {
	var sealed string
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT content FROM enf_import_batches WHERE id = ?`, id).Scan(&sealed); err != nil {
		return nil, err
	}
	if sealed == "" {
		return nil, conflict("导入文件已不在系统中（批次已导入或已放弃），请重新上传")
	}
	plain, err := s.Cipher.Open(sealed)
	if err != nil {
		return nil, fmt.Errorf("open import file: %w", err)
	}
	return []byte(plain), nil
}

// storeReport saves a check's outcome and moves the batch to checked or
// invalid (only from checking or, after a failed save, saving).
func storeReport(ctx context.Context, tx *store.Tx, id int64, rows int, rep ImportReport, errs int, now time.Time) error {
	raw, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	status := BatchChecked
	if errs > 0 {
		status = BatchInvalid
	}
	_, err = tx.ExecContext(ctx, `UPDATE enf_import_batches SET status = ?, total_rows = ?, error_count = ?, report = ?,
		checked_at = ? WHERE id = ? AND status IN (?, ?)`, string(status), rows, errs, string(raw), now, id,
		string(BatchChecking), string(BatchSaving))
	return err
}

// ConfirmImport moves a checked batch to saving; the caller then starts the
// save job. A batch whose earlier save was cut off (the job failed or the
// process died, so nothing was written) may be confirmed again.
func (s *Service) ConfirmImport(ctx context.Context, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		b, err := getBatch(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE enf_import_batches SET status = ?, confirmed_by_name = ? WHERE id = ?
			AND (status = ? OR status = ? AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = save_job_id AND j.status IN (?, ?)))`,
			string(BatchSaving), regActorName(ctx, tx), id, string(BatchChecked), string(BatchSaving), "queued", "running")
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return conflict("该批次当前状态为“%s”，不能确认导入", b.Status.Label())
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.import.confirm", ObjectType: ObjectImportBatch,
			ObjectID: regID(id), Summary: fmt.Sprintf("确认导入“%s”（%s %d 行）", b.Filename, b.Kind.Label(), b.TotalRows)})
	})
}

// DiscardImport drops a batch that was not saved, with its file.
func (s *Service) DiscardImport(ctx context.Context, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		b, err := getBatch(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE enf_import_batches SET status = ?, content = '' WHERE id = ? AND status IN (?, ?, ?, ?)
			AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id IN (check_job_id, save_job_id) AND j.status IN (?, ?))`,
			string(BatchDiscarded), id, string(BatchChecking), string(BatchChecked), string(BatchInvalid), string(BatchSaving),
			"queued", "running")
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return conflict("该批次当前状态为“%s”，不能放弃", b.Status.Label())
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.import.discard", ObjectType: ObjectImportBatch,
			ObjectID: regID(id), Summary: fmt.Sprintf("放弃导入“%s”", b.Filename)})
	})
}

// live holds the progress of the imports running in this process. During
// the write, SQLite's one writer connection is busy with the import's
// transaction, so the job row cannot record progress; pages read it here.
var live sync.Map // liveKey → *liveProgress

type liveKey struct {
	db *store.DB
	id int64
}

type liveProgress struct {
	mu          sync.Mutex
	done, total int
	msg         string
	next        ImportProgress
}

func (l *liveProgress) Set(done, total int, msg string) {
	l.mu.Lock()
	l.done, l.total, l.msg = done, total, msg
	l.mu.Unlock()
	l.next.Set(done, total, msg)
}

// track makes p's reports for batch id visible to ImportLive until the
// returned function is called.
func (s *Service) track(id int64, p ImportProgress) (ImportProgress, func()) {
	if p == nil {
		p = noProgress{}
	}
	l := &liveProgress{next: p}
	k := liveKey{s.DB, id}
	live.Store(k, l)
	return l, func() { live.CompareAndDelete(k, l) }
}

// ImportLive is the progress of a check or save of batch id running in this
// process (ok false when none is).
func (s *Service) ImportLive(id int64) (done, total int, msg string, ok bool) {
	v, ok := live.Load(liveKey{s.DB, id})
	if !ok {
		return 0, 0, "", false
	}
	l := v.(*liveProgress)
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.done, l.total, l.msg, true
}
