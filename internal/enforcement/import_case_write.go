package enforcement

import (
	"context"
	"fmt"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// caseWriter writes imported cases inside the import's transaction: a
// multi-row INSERT per chunk, their officers and 法制审核 records, and at
// the end one event per case and the statistics.
type caseWriter struct {
	s         *Service
	tx        *store.Tx
	r         *importRun
	actorID   any
	actorName string
	now       time.Time
	full      string // the INSERT of a full chunk
	args      []any
	facts     []CaseFacts
	n         int
}

// statsEvery bounds the facts held before they are handed to addStats (the
// rollups are maintained in the same transaction either way).
const statsEvery = 50_000

func (s *Service) newCaseWriter(ctx context.Context, tx *store.Tx, r *importRun) (*caseWriter, error) {
	return &caseWriter{s: s, tx: tx, r: r, actorID: store.NullInt(audit.ActorFrom(ctx).UserID),
		actorName: regActorName(ctx, tx), now: s.now(), full: CaseInsertSQL(chunkRows),
		args: make([]any, 0, chunkRows*len(caseColumns))}, nil
}

// write inserts one chunk of valid rows.
func (w *caseWriter) write(ctx context.Context, chunk []caseRecord) error {
	args := w.args[:0]
	links := false
	for i := range chunk {
		c := &chunk[i]
		var err error
		if args, err = w.appendRow(args, c); err != nil {
			return err
		}
		links = links || len(c.officers) > 0 || c.reviewed
		w.facts = append(w.facts, c.statFacts())
	}
	q := w.full
	if len(chunk) != chunkRows {
		q = CaseInsertSQL(len(chunk))
	}
	if links {
		if err := w.insertLinked(ctx, q, args, chunk); err != nil {
			return err
		}
	} else if _, err := w.tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("insert imported cases (rows %d–%d): %w", chunk[0].row, chunk[len(chunk)-1].row, err)
	}
	w.args = args
	w.n += len(chunk)
	if len(w.facts) >= statsEvery {
		return w.flushStats(ctx)
	}
	return nil
}

func (w *caseWriter) appendRow(args []any, c *caseRecord) ([]any, error) {
	sealedID := c.partyID // a 统一社会信用代码 is public; a 身份证号 is sealed
	if c.partyKind == PartyPerson {
		var err error
		if sealedID, err = w.s.Cipher.Seal(c.partyID); err != nil {
			return nil, fmt.Errorf("seal party id: %w", err)
		}
	}
	phone, err := w.s.Cipher.Seal(c.phone)
	if err != nil {
		return nil, fmt.Errorf("seal phone: %w", err)
	}
	return append(args, c.unitID, store.NullInt(c.subjectID), c.itemID, string(c.category), c.caseNo, string(c.procedure),
		string(c.state), c.title, c.source, c.partyKind, c.partyName, sealedID, w.s.Cipher.Index(c.partyID), phone,
		c.address, c.facts, c.major, c.collective, c.mobile, c.foundOn, c.filedOn, c.decidedOn, string(c.decision),
		c.decisionNo, c.fine, c.confiscated, c.penaltyText, c.hearing, c.servedOn, c.paidOn, c.closedOn, w.r.batch.ID,
		w.actorID, w.actorName, w.now, w.now), nil
}

// insertLinked inserts a chunk returning the new ids, then the chunk's
// officers and 法制审核 records.
func (w *caseWriter) insertLinked(ctx context.Context, q string, args []any, chunk []caseRecord) error {
	rows, err := w.tx.QueryContext(ctx, q+" RETURNING id, case_no", args...)
	if err != nil {
		return fmt.Errorf("insert imported cases (rows %d–%d): %w", chunk[0].row, chunk[len(chunk)-1].row, err)
	}
	ids := make(map[string]int64, len(chunk))
	for rows.Next() {
		var id int64
		var no string
		if err := rows.Scan(&id, &no); err != nil {
			rows.Close()
			return err
		}
		ids[no] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var officers, reviews []any
	for _, c := range chunk {
		id := ids[c.caseNo]
		for i, o := range c.officers {
			role := "handler"
			if i == 0 {
				role = "lead"
			}
			officers = append(officers, id, o, role, false)
		}
		if c.reviewed {
			day := c.decidedOn
			if day == "" {
				day = c.filedOn
			}
			reviews = append(reviews, id, "{}", "pass", "历史案件导入：已经法制审核（审核记录见纸质案卷）", w.actorName, day, w.now)
		}
	}
	if err := w.insertValues(ctx, "enf_case_officers (case_id, officer_id, role, shown_cert)", 4, officers); err != nil {
		return err
	}
	return w.insertValues(ctx, `enf_legal_reviews (case_id, checklist, result, opinion, reviewer_name, reviewed_on,
		created_at)`, 7, reviews)
}

// insertValues runs a multi-row INSERT of args, width values per row.
func (w *caseWriter) insertValues(ctx context.Context, into string, width int, args []any) error {
	if len(args) == 0 {
		return nil
	}
	row := "(" + store.Placeholders(width) + ")"
	q := "INSERT INTO " + into + " VALUES " + row
	for i := 1; i < len(args)/width; i++ {
		q += ", " + row
	}
	_, err := w.tx.ExecContext(ctx, q, args...)
	return err
}

func (w *caseWriter) flushStats(ctx context.Context) error {
	if len(w.facts) == 0 {
		return nil
	}
	err := w.s.addStats(ctx, w.tx, nil, w.facts)
	w.facts = w.facts[:0]
	return err
}

// finish records one "imported" event per case of the batch and the
// remaining statistics.
func (w *caseWriter) finish(ctx context.Context) error {
	if err := w.flushStats(ctx); err != nil {
		return err
	}
	_, err := w.tx.ExecContext(ctx, `INSERT INTO enf_case_events (case_id, step, from_state, to_state, on_date, note, data,
		actor_id, actor_name, at) SELECT id, ?, '', state, ?, ?, ?, ?, ?, ? FROM enf_cases WHERE batch_id = ?`,
		StepImported, w.r.today, fmt.Sprintf("从文件“%s”导入（导入批次%d）", w.r.batch.Filename, w.r.batch.ID),
		fmt.Sprintf(`{"batch":%d}`, w.r.batch.ID), w.actorID, w.actorName, w.now, w.r.batch.ID)
	if err != nil {
		return fmt.Errorf("record import events: %w", err)
	}
	return nil
}

// StepImported is the timeline step of a case created by an import.
const StepImported = "import"
