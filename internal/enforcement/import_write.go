package enforcement

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// SaveImport is the save job of a confirmed batch. The file is read and
// checked again (the database may have changed since the check) and
// written in one transaction with the batch's new status: the batch is
// saved in full or, on any error, cancellation or crash, not at all.
func (s *Service) SaveImport(ctx context.Context, id int64, p ImportProgress) (string, error) {
	p, done := s.track(id, p)
	defer done()
	b, err := getBatch(ctx, s.DB.Read(), id)
	if err != nil {
		return "", err
	}
	if b.Status != BatchSaving {
		return "", conflict("该批次当前状态为“%s”，请先确认导入", b.Status.Label())
	}
	data, err := s.batchContent(ctx, id)
	if err != nil {
		return "", err
	}
	n, err := s.saveBatch(ctx, b, bytes.NewReader(data), p)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("已导入%s%d条", b.Kind.Label(), n), nil
}

// ImportDirect imports a file without the preview step: a batch is
// recorded and saved at once, all or nothing. The benchmark and the
// crash test use it; people go through the preview.
func (s *Service) ImportDirect(ctx context.Context, kind ImportKind, scopeUnitID int64, filename string, r io.Reader,
	p ImportProgress) (int64, int, error) {
	br := newPeekReader(r)
	format, err := DetectFormat(filename, br.head(8))
	if err != nil {
		return 0, 0, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		id, err = tx.InsertID(ctx, `INSERT INTO enf_import_batches (kind, unit_id, filename, format, status, created_by,
			created_by_name, confirmed_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(kind), scopeUnitID,
			filename, format, string(BatchSaving), store.NullInt(audit.ActorFrom(ctx).UserID), regActorName(ctx, tx),
			regActorName(ctx, tx), s.now())
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	b, err := getBatch(ctx, s.DB.Read(), id)
	if err != nil {
		return id, 0, err
	}
	p, done := s.track(id, p)
	defer done()
	n, err := s.saveBatch(ctx, b, br, p)
	return id, n, err
}

// saveBatch checks and writes the rows in one transaction. When rows are in
// error, the transaction is rolled back and the new report is stored, so
// the page shows what changed since the check.
func (s *Service) saveBatch(ctx context.Context, b Batch, data io.Reader, p ImportProgress) (int, error) {
	var r *importRun
	saved := 0
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if r, err = s.newRun(ctx, b, tx, data, p); err != nil {
			return err
		}
		r.verb = "正在检查并写入"
		if r.lk == nil {
			return ErrImportRows
		}
		if saved, err = s.writeRun(ctx, tx, r); err != nil {
			return err
		}
		if r.errs > 0 {
			return ErrImportRows
		}
		return s.markSaved(ctx, tx, r, saved)
	})
	if errors.Is(err, ErrImportRows) {
		r.finish()
		if serr := s.DB.InTx(ctx, func(tx *store.Tx) error {
			return storeReport(ctx, tx, b.ID, r.rows, r.rep, r.errs, s.now())
		}); serr != nil {
			return 0, serr
		}
		first := ""
		if len(r.rep.Errors) > 0 {
			first = "，如" + r.rep.Errors[0].String()
		}
		return 0, invalid("写入前重新检查发现%d处问题%s；未保存任何数据，请查看错误报告", r.errs, first)
	}
	if err != nil {
		return 0, err
	}
	return saved, nil
}

// writeRun writes a run's rows inside tx.
func (s *Service) writeRun(ctx context.Context, tx *store.Tx, r *importRun) (int, error) {
	if r.batch.Kind == ImportOfficers {
		recs, err := r.officers(ctx)
		if err != nil || r.errs > 0 {
			return 0, err
		}
		r.verb = "正在写入"
		return len(recs), s.writeOfficers(ctx, tx, r.batch.ID, recs, r.p)
	}
	w, err := s.newCaseWriter(ctx, tx, r)
	if err != nil {
		return 0, err
	}
	r.prep = w.seal
	if err := r.cases(ctx, func(c []caseRecord) error { return w.write(ctx, c) }); err != nil {
		return 0, err
	}
	if r.errs > 0 {
		return 0, nil
	}
	r.p.Set(r.rows, r.rows, "正在登记导入记录和统计")
	return w.n, w.finish(ctx)
}

// markSaved records the batch as saved (in the import's transaction) with
// its audit entry; the file is dropped.
func (s *Service) markSaved(ctx context.Context, tx *store.Tx, r *importRun, saved int) error {
	r.finish()
	res, err := tx.ExecContext(ctx, `UPDATE enf_import_batches SET status = ?, total_rows = ?, saved_rows = ?, error_count = 0,
		content = '', saved_at = ? WHERE id = ? AND status = ?`, string(BatchSaved), r.rows, saved, s.now(), r.batch.ID,
		string(BatchSaving))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return conflict("该批次已不在“写入中”状态（可能已被放弃），未保存任何数据")
	}
	return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.import.save", ObjectType: ObjectImportBatch,
		ObjectID: regID(r.batch.ID), Summary: fmt.Sprintf("导入%s%d条（文件“%s”，%s）", r.batch.Kind.Label(), saved,
			r.batch.Filename, r.batch.UnitName)})
}

// peekReader lets the format be detected from a stream's first bytes.
type peekReader struct {
	r   io.Reader
	buf []byte
}

func newPeekReader(r io.Reader) *peekReader { return &peekReader{r: r} }

func (p *peekReader) head(n int) []byte {
	if len(p.buf) < n {
		b := make([]byte, n)
		k, _ := io.ReadFull(p.r, b)
		p.buf = b[:k]
	}
	return p.buf
}

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	return p.r.Read(b)
}

// caseColumns are the enf_cases columns an import writes, in order.
var caseColumns = []string{"unit_id", "subject_id", "item_id", "category", "case_no", "procedure", "state", "title", "source",
	"party_kind", "party_name", "party_id_sealed", "party_id_index", "party_phone_sealed", "party_address", "facts", "major",
	"collective", "mobile", "found_on", "filed_on", "decided_on", "decision", "decision_no", "fine_fen", "confiscated_fen",
	"penalty_text", "hearing", "served_on", "paid_on", "closed_on", "batch_id", "created_by", "created_by_name", "created_at",
	"updated_at"}

// CaseInsertSQL is the multi-row INSERT of n imported cases (also used by
// the benchmark's case-rows-only baseline).
func CaseInsertSQL(n int) string { return caseInsertSQL(n, false) }

// caseInsertSQL is that INSERT, with the id as a first column when withID.
func caseInsertSQL(n int, withID bool) string {
	width, cols := len(caseColumns), strings.Join(caseColumns, ", ")
	if withID {
		width, cols = width+1, "id, "+cols
	}
	row := "(" + store.Placeholders(width) + ")"
	var b strings.Builder
	b.Grow(40 + len(cols) + n*(len(row)+2))
	b.WriteString("INSERT INTO enf_cases (")
	b.WriteString(cols)
	b.WriteString(") VALUES ")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}
