package enforcement

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// importRun is one pass over a file: every row parsed and checked (cells,
// lookups, duplicates within the file and against the database), the valid
// rows handed to sink in chunks while no error has been found. The check
// passes a sink that keeps nothing; the save passes the writer.
type importRun struct {
	s      *Service
	batch  Batch
	q      store.Querier // reads the database: the reader pool, or the save's transaction
	t      *table
	lk     *importLookup
	today  string
	p      ImportProgress
	total  int // rows expected (from the check), for progress
	verb   string
	issues []ImportIssue
	rep    ImportReport
	rows   int
	errs   int
	// prep, when set, readies a valid case row for writing (seals its
	// personal data); it runs on the parsing goroutine.
	prep func(*caseRecord) error
}

// chunkRows is how many rows go into one multi-row INSERT (36 columns ×
// 256 rows stays below SQLite's 32 766 parameters and PostgreSQL's 65 535).
const chunkRows = 256

// progressEvery is how many rows pass between two progress reports.
const progressEvery = 1000

func (r *importRun) issue(is ...ImportIssue) {
	for _, i := range is {
		r.errs++
		if len(r.rep.Errors) < MaxReportErrors {
			r.rep.Errors = append(r.rep.Errors, i)
		} else {
			r.rep.Truncated++
		}
	}
}

func (r *importRun) tick() {
	if r.rows%progressEvery == 0 {
		r.p.Set(r.rows, max(r.total, r.rows), fmt.Sprintf("%s第%d行", r.verb, r.rows))
	}
}

// cases runs the pass over a case file; sink receives valid chunks.
//
// Reading and checking the rows (and prep, when set: sealing personal
// data) runs on its own goroutine, a few chunks ahead of this one, which
// checks each chunk's case numbers against the database, records the
// issues and hands the chunk to sink: on two cores the parsing overlaps
// the writing. This goroutine alone touches the report, the transaction
// and sink, in the order the rows come, so the outcome is the same as a
// single pass.
func (r *importRun) cases(ctx context.Context, sink func([]caseRecord) error) error {
	pctx, cancel := context.WithCancel(ctx)
	chunks, free := r.parseCases(pctx)
	drain := func() {
		cancel()
		for range chunks {
		}
	}
	r.rep.Headers = casePreviewHeaders
	for pc := range chunks {
		if pc.err != nil {
			drain()
			return pc.err
		}
		if r.rows = pc.rows; pc.rows/progressEvery != pc.first/progressEvery {
			r.p.Set(r.rows, max(r.total, r.rows), fmt.Sprintf("%s第%d行", r.verb, r.rows))
		}
		r.issue(pc.issues...)
		for i := range pc.recs {
			if len(r.rep.Preview) >= PreviewRows {
				break
			}
			r.rep.Preview = append(r.rep.Preview, previewCase(pc.recs[i], r.lk.unitName[pc.recs[i].unitID]))
		}
		if err := r.flush(ctx, pc.recs, sink); err != nil {
			drain()
			return err
		}
		free <- pc.recs[:0]
	}
	cancel()
	return ctx.Err()
}

// flush checks a chunk's case numbers against the database and, while no
// error has been found, hands it to sink.
func (r *importRun) flush(ctx context.Context, chunk []caseRecord, sink func([]caseRecord) error) error {
	if len(chunk) == 0 {
		return nil
	}
	if err := r.caseDupes(ctx, chunk); err != nil {
		return err
	}
	if r.errs > 0 {
		return nil
	}
	return sink(chunk)
}

// parsedChunk is what the parsing goroutine hands on: the valid rows of a
// stretch of the file, the issues found in it, and the count of rows read
// before (first) and after (rows) it.
type parsedChunk struct {
	recs        []caseRecord
	issues      []ImportIssue
	first, rows int
	err         error
}

// chunksAhead is how many chunks the parsing may run ahead of the writing.
const chunksAhead = 3

// parseCases reads and checks the rows on a goroutine. The chunks' slices
// come back through free to be filled again. The channel is closed when
// the file ends, on the first read error (sent as a chunk), or when ctx is
// done.
func (r *importRun) parseCases(ctx context.Context) (<-chan parsedChunk, chan<- []caseRecord) {
	out := make(chan parsedChunk, chunksAhead)
	free := make(chan []caseRecord, chunksAhead+2)
	for range chunksAhead + 2 {
		free <- make([]caseRecord, 0, chunkRows)
	}
	cp := &caseParser{t: r.t, lk: r.lk, today: r.today}
	prep, rows := r.prep, r.rows
	go func() {
		defer close(out)
		seen := make(map[string]int, max(r.total, 1024))
		send := func(pc parsedChunk) bool {
			select {
			case out <- pc:
				return true
			case <-ctx.Done():
				return false
			}
		}
		pc := parsedChunk{first: rows}
		select {
		case pc.recs = <-free:
		case <-ctx.Done():
			return
		}
		for {
			row, cells, err := r.t.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				send(parsedChunk{err: err})
				return
			}
			if rows++; rows%progressEvery == 0 && ctx.Err() != nil {
				return
			}
			rec, issues := cp.parse(row, cells)
			if prev, dup := seen[rec.caseNo]; dup && rec.caseNo != "" {
				issues = append(issues, ImportIssue{Row: row, Column: r.t.name("case_no"),
					Msg: fmt.Sprintf("案号%s与第%d行重复", rec.caseNo, prev)})
			} else if rec.caseNo != "" {
				seen[rec.caseNo] = row
			}
			if len(issues) == 0 && prep != nil {
				if err := prep(&rec); err != nil {
					send(parsedChunk{err: err})
					return
				}
			}
			if len(issues) > 0 {
				pc.issues = append(pc.issues, issues...)
			} else {
				pc.recs = append(pc.recs, rec)
			}
			// A chunk goes on when full, or after progressEvery rows (then
			// most of them were in error, nothing will be written, and the
			// partial chunk keeps the progress moving).
			if len(pc.recs) == chunkRows || rows-pc.first >= progressEvery {
				pc.rows = rows
				if !send(pc) {
					return
				}
				pc = parsedChunk{first: rows}
				select {
				case pc.recs = <-free:
				case <-ctx.Done():
					return
				}
			}
		}
		pc.rows = rows
		send(pc)
	}()
	return out, free
}

// caseDupes reports the chunk's case numbers that are already recorded.
func (r *importRun) caseDupes(ctx context.Context, chunk []caseRecord) error {
	nos := make([]string, len(chunk))
	for i, c := range chunk {
		nos[i] = c.caseNo
	}
	have, err := existingCaseNos(ctx, r.q, nos)
	if err != nil {
		return err
	}
	for _, c := range chunk {
		if have[c.caseNo] {
			r.issue(ImportIssue{Row: c.row, Column: r.t.name("case_no"), Msg: fmt.Sprintf("案号%s已存在于系统中", c.caseNo)})
		}
	}
	return nil
}

// officers runs the pass over an officer file and returns the valid rows.
func (r *importRun) officers(ctx context.Context) ([]officerRecord, error) {
	dupes, err := loadOfficerDupes(ctx, r.q)
	if err != nil {
		return nil, err
	}
	oc := &officerChecker{p: &officerParser{t: r.t, lk: r.lk, today: r.today}, dupes: dupes, cipher: r.s.Cipher,
		certRow: map[string]int{}, indexRow: map[string]int{}}
	r.rep.Headers = officerPreviewHeaders
	var out []officerRecord
	for {
		row, cells, err := r.t.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		r.rows++
		r.tick()
		o, issues := oc.check(row, cells)
		if len(issues) > 0 {
			r.issue(issues...)
			continue
		}
		if len(r.rep.Preview) < PreviewRows {
			r.rep.Preview = append(r.rep.Preview, previewOfficer(o, r.lk.unitName[o.in.UnitID]))
		}
		out = append(out, o)
	}
}

// finish sorts the issues by row and adds the empty-file problem.
func (r *importRun) finish() {
	sort.SliceStable(r.rep.Errors, func(i, j int) bool { return r.rep.Errors[i].Row < r.rep.Errors[j].Row })
	r.rep.Warnings = r.t.warnings
	if r.rows == 0 && r.errs == 0 {
		r.issue(ImportIssue{Row: r.t.headerRow + 1, Msg: "表头下没有数据行"})
	}
}

var casePreviewHeaders = []string{"行号", "案号", "执法单位", "案由", "程序", "当事人", "证件号码", "立案日期", "决定日期",
	"决定类型", "罚款(元)", "没收(元)", "状态", "结案日期"}

// previewCase is a row of the preview as it will be saved, masked.
func previewCase(c caseRecord, unitName string) []string {
	id := privacy.MaskIDNumber(c.partyID)
	name := c.partyName
	if c.partyKind == PartyPerson {
		name = privacy.MaskName(name)
	} else {
		id = c.partyID
	}
	dec := ""
	if c.decision != "" {
		dec = c.decision.Label()
	}
	return []string{itoa(int64(c.row)), c.caseNo, unitName, c.title, c.procedure.Label(), name, id, c.filedOn, c.decidedOn,
		dec, Fen(c.fine).Yuan(), Fen(c.confiscated).Yuan(), c.state.Label(), c.closedOn}
}

// newRun opens the file and the lookups for a pass.
func (s *Service) newRun(ctx context.Context, b Batch, q store.Querier, data io.Reader, p ImportProgress) (*importRun, error) {
	src, _, err := openRows(b.Format, data)
	if err != nil {
		return nil, err
	}
	t, headerIssues, err := openTable(src, layoutOf(b.Kind))
	if err != nil {
		return nil, err
	}
	r := &importRun{s: s, batch: b, q: q, p: p, total: b.TotalRows, today: s.regToday(), verb: "正在检查"}
	if t == nil {
		r.t = &table{}
		r.issue(headerIssues...)
		return r, nil
	}
	r.t = t
	r.issue(headerIssues...)
	if r.lk, err = loadImportLookup(ctx, q, b.UnitPath); err != nil {
		return nil, err
	}
	return r, nil
}

// CheckImport is the check job of a batch: every row is read and checked
// without writing anything, and the report (a masked preview and every
// error) is stored with the batch, which becomes checked or invalid.
func (s *Service) CheckImport(ctx context.Context, id int64, p ImportProgress) (string, error) {
	p, done := s.track(id, p)
	defer done()
	b, err := getBatch(ctx, s.DB.Read(), id)
	if err != nil {
		return "", err
	}
	if b.Status != BatchChecking {
		return "", conflict("该批次当前状态为“%s”，无需检查", b.Status.Label())
	}
	data, err := s.batchContent(ctx, id)
	if err != nil {
		return "", err
	}
	r, err := s.checkPass(ctx, b, s.DB.Read(), bytes.NewReader(data), p)
	if err != nil {
		return "", err
	}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		return storeReport(ctx, tx, id, r.rows, r.rep, r.errs, s.now())
	})
	if err != nil {
		return "", err
	}
	if r.errs > 0 {
		return fmt.Sprintf("共%d行，发现%d处问题，未保存任何数据", r.rows, r.errs), nil
	}
	return fmt.Sprintf("共%d行，检查通过，待确认导入", r.rows), nil
}

// checkPass reads the whole file without writing.
func (s *Service) checkPass(ctx context.Context, b Batch, q store.Querier, data io.Reader, p ImportProgress) (*importRun, error) {
	r, err := s.newRun(ctx, b, q, data, p)
	if err != nil || r.lk == nil {
		return r, err
	}
	if b.Kind == ImportOfficers {
		_, err = r.officers(ctx)
	} else {
		err = r.cases(ctx, func([]caseRecord) error { return nil })
	}
	if err != nil {
		return nil, err
	}
	r.finish()
	r.p.Set(r.rows, r.rows, fmt.Sprintf("已检查%d行", r.rows))
	return r, nil
}

// ErrImportRows is returned (wrapped) when a save found rows in error; the
// batch's report lists them and nothing was written.
var ErrImportRows = errors.New("enforcement: import rows in error")
