package audit

import (
	"context"
	"database/sql"
	"fmt"

	"fazhi/internal/store"
)

// Broken names the first row at which the chain fails and why.
type Broken struct {
	Seq    int64
	Reason string
}

func (b *Broken) Error() string { return fmt.Sprintf("audit row %d: %s", b.Seq, b.Reason) }

// VerifyResult is the outcome of walking the whole chain.
type VerifyResult struct {
	Rows   int64
	Broken *Broken // nil when the chain is intact
}

const rowColumns = `seq, at, user_id, username, unit_id, ip, action, object_type, object_id,
	summary, changes, algo, prev_hash, hash`

func scanRow(sc interface{ Scan(...any) error }) (Row, error) {
	var r Row
	var uid, unit sql.NullInt64
	err := sc.Scan(&r.Seq, &r.At, &uid, &r.Username, &unit, &r.IP, &r.Action, &r.ObjectType,
		&r.ObjectID, &r.Summary, &r.Changes, &r.Algo, &r.PrevHash, &r.Hash)
	r.UserID, r.UnitID = uid.Int64, unit.Int64
	r.At = r.At.UTC()
	return r, err
}

// Verify walks the chain in order and reports the first row that was altered,
// removed or inserted out of order, and a tail cut off after the last row.
func Verify(ctx context.Context, db *store.DB) (VerifyResult, error) {
	var res VerifyResult
	rows, err := db.Read().QueryContext(ctx, `SELECT `+rowColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return res, err
	}
	defer rows.Close()
	var prev Row
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return res, err
		}
		res.Rows++
		if b := checkLink(prev, r); b != nil {
			res.Broken = b
			return res, nil
		}
		prev = r
	}
	if err := rows.Err(); err != nil {
		return res, err
	}
	var headSeq int64
	var headHash string
	err = db.Read().QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash)
	if err != nil {
		return res, err
	}
	if headSeq != prev.Seq || headHash != prev.Hash {
		res.Broken = &Broken{Seq: prev.Seq + 1, Reason: fmt.Sprintf(
			"the chain head records %d rows but the log ends at row %d: rows after it were deleted", headSeq, prev.Seq)}
	}
	return res, nil
}

func checkLink(prev, r Row) *Broken {
	switch {
	case r.Seq != prev.Seq+1:
		return &Broken{Seq: prev.Seq + 1, Reason: fmt.Sprintf("missing: the next row present is %d (rows deleted or inserted out of order)", r.Seq)}
	case r.PrevHash != prev.Hash:
		return &Broken{Seq: r.Seq, Reason: "its prev_hash does not match the previous row's hash (row inserted or previous row replaced)"}
	case r.Algo != SHA256 && r.Algo != SM3:
		return &Broken{Seq: r.Seq, Reason: fmt.Sprintf("unknown algorithm %q", r.Algo)}
	case r.ComputeHash() != r.Hash:
		return &Broken{Seq: r.Seq, Reason: "its content does not match its hash (row altered)"}
	}
	return nil
}
