package enforcement

import (
	"context"
	"fmt"
	"strings"
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
	// On SQLite the import numbers its cases itself: its transaction is
	// the only writer, so the ids after the table's largest are free, and
	// the officers and 法制审核 records need no RETURNING to find their case
	// (which cost a result row per case). PostgreSQL draws them from the
	// sequence and returns them.
	ownIDs bool
	nextID int64
	ids    []int64 // the ids of the chunk being written, in row order
}

// statsEvery bounds the facts held before they are handed to addStats (the
// rollups are maintained in the same transaction either way).
const statsEvery = 50_000

func (s *Service) newCaseWriter(ctx context.Context, tx *store.Tx, r *importRun) (*caseWriter, error) {
	w := &caseWriter{s: s, tx: tx, r: r, actorID: store.NullInt(audit.ActorFrom(ctx).UserID),
		actorName: regActorName(ctx, tx), now: s.now(), ownIDs: tx.Dialect() == store.SQLite,
		args: make([]any, 0, chunkRows*(len(caseColumns)+1)), ids: make([]int64, 0, chunkRows)}
	w.full = caseInsertSQL(chunkRows, w.ownIDs)
	if w.ownIDs {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM enf_cases`).Scan(&w.nextID); err != nil {
			return nil, fmt.Errorf("imported case ids: %w", err)
		}
	}
	return w, nil
}

// write inserts one chunk of valid rows.
func (w *caseWriter) write(ctx context.Context, chunk []caseRecord) error {
	args := w.args[:0]
	w.ids = w.ids[:0]
	links := false
	for i := range chunk {
		c := &chunk[i]
		if w.ownIDs {
			w.nextID++
			w.ids = append(w.ids, w.nextID)
			args = append(args, w.nextID)
		}
		args = w.appendRow(args, c)
		links = links || len(c.officers) > 0 || c.reviewed
		w.facts = append(w.facts, c.statFacts())
	}
	q := w.full
	if len(chunk) != chunkRows {
		q = caseInsertSQL(len(chunk), w.ownIDs)
	}
	if links && !w.ownIDs {
		if err := w.returnIDs(ctx, q, args, chunk); err != nil {
			return err
		}
	} else if _, err := w.tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("insert imported cases (rows %d–%d): %w", chunk[0].row, chunk[len(chunk)-1].row, err)
	}
	if links {
		if err := w.insertLinks(ctx, chunk); err != nil {
			return err
		}
	}
	w.args = args
	w.n += len(chunk)
	if len(w.facts) >= statsEvery {
		return w.flushStats(ctx)
	}
	return nil
}

// seal readies a valid row for writing: its personal data sealed, the
// party's id indexed. It is the run's prep, so it runs on the parsing
// goroutine (the Cipher is safe for concurrent use).
func (w *caseWriter) seal(c *caseRecord) error {
	c.storedID = c.partyID // a 统一社会信用代码 is public; a 身份证号 is sealed
	if c.partyKind == PartyPerson {
		var err error
		if c.storedID, err = w.s.Cipher.Seal(c.partyID); err != nil {
			return fmt.Errorf("seal party id: %w", err)
		}
	}
	var err error
	if c.sealedPhone, err = w.s.Cipher.Seal(c.phone); err != nil {
		return fmt.Errorf("seal phone: %w", err)
	}
	c.idIndex = w.s.Cipher.Index(c.partyID)
	return nil
}

func (w *caseWriter) appendRow(args []any, c *caseRecord) []any {
	return append(args, c.unitID, store.NullInt(c.subjectID), c.itemID, string(c.category), c.caseNo, string(c.procedure),
		string(c.state), c.title, c.source, c.partyKind, c.partyName, c.storedID, c.idIndex, c.sealedPhone,
		c.address, c.facts, c.major, c.collective, c.mobile, c.foundOn, c.filedOn, c.decidedOn, string(c.decision),
		c.decisionNo, c.fine, c.confiscated, c.penaltyText, c.hearing, c.servedOn, c.paidOn, c.closedOn, w.r.batch.ID,
		w.actorID, w.actorName, w.now, w.now)
}

// returnIDs inserts a chunk returning the new ids (PostgreSQL), in the
// chunk's row order.
func (w *caseWriter) returnIDs(ctx context.Context, q string, args []any, chunk []caseRecord) error {
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
	for _, c := range chunk {
		w.ids = append(w.ids, ids[c.caseNo])
	}
	return nil
}

// insertLinks inserts the officers and 法制审核 records of the chunk just
// written (w.ids).
func (w *caseWriter) insertLinks(ctx context.Context, chunk []caseRecord) error {
	var officers, reviews []any
	for k, c := range chunk {
		id := w.ids[k]
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
	q := "INSERT INTO " + into + " VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", len(args)/width), ", ")
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
