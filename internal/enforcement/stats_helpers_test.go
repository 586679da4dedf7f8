package enforcement_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
)

// supCase is a case row as the case writers would store it.
type supCase struct {
	UnitID      int64
	Category    enforcement.Category
	Procedure   enforcement.Procedure
	State       enforcement.State
	Decision    enforcement.Decision
	FiledOn     string
	DecidedOn   string
	ClosedOn    string
	FineFen     int64
	ConfFen     int64
	Hearing     bool
	Major       bool
	Mobile      bool
	Reviewed    bool
	PenaltyText string
}

var supSeq atomic.Int64

// supInsertCase inserts the case, its 法制审核 when Reviewed, and adds it
// to the statistics, in one transaction as a case writer does.
func supInsertCase(t testing.TB, c *county, sc supCase) int64 {
	t.Helper()
	var id int64
	err := c.db.InTx(c.ctx, func(tx *store.Tx) error {
		var err error
		id, err = supInsertRow(c, tx, sc)
		if err != nil {
			return err
		}
		f, err := c.svc.SupLoadCaseFacts(c.ctx, tx, id)
		if err != nil {
			return err
		}
		return c.svc.SupApplyStats(c.ctx, tx, nil, f)
	})
	if err != nil {
		t.Fatalf("insert case: %v", err)
	}
	return id
}

func supInsertRow(c *county, tx *store.Tx, sc supCase) (int64, error) {
	if sc.Category == "" {
		sc.Category = enforcement.CatPenalty
	}
	if sc.Procedure == "" {
		sc.Procedure = enforcement.ProcOrdinary
	}
	if sc.State == "" {
		sc.State = enforcement.StateFiled
	}
	n := supSeq.Add(1)
	id, err := tx.InsertID(c.ctx, `INSERT INTO enf_cases (unit_id, category, case_no, procedure, state, title, party_name,
		filed_on, decided_on, decision, fine_fen, confiscated_fen, penalty_text, hearing, major, mobile, closed_on,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sc.UnitID, string(sc.Category), fmt.Sprintf("清市监罚〔2025〕%d号", n), string(sc.Procedure), string(sc.State),
		fmt.Sprintf("测试案件%d", n), "张三", sc.FiledOn, sc.DecidedOn, string(sc.Decision), sc.FineFen, sc.ConfFen,
		sc.PenaltyText, sc.Hearing, sc.Major, sc.Mobile, sc.ClosedOn, c.clock, c.clock)
	if err != nil || !sc.Reviewed {
		return id, err
	}
	_, err = tx.ExecContext(c.ctx, `INSERT INTO enf_legal_reviews (case_id, checklist, result, opinion, reviewed_on, created_at)
		VALUES (?, '{}', 'pass', '同意', ?, ?)`, id, sc.FiledOn, c.clock)
	return id, err
}

// supUpdateCase changes a case row with set (an UPDATE's SET list) and
// moves its statistics, as a case step does.
func supUpdateCase(t testing.TB, c *county, id int64, set string, args ...any) {
	t.Helper()
	err := c.db.InTx(c.ctx, func(tx *store.Tx) error {
		before, err := c.svc.SupLoadCaseFacts(c.ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(c.ctx, `UPDATE enf_cases SET `+set+` WHERE id = ?`, append(args, id)...); err != nil {
			return err
		}
		after, err := c.svc.SupLoadCaseFacts(c.ctx, tx, id)
		if err != nil {
			return err
		}
		return c.svc.SupApplyStats(c.ctx, tx, before, after)
	})
	if err != nil {
		t.Fatalf("update case %d: %v", id, err)
	}
}

// supInspections records visits 户次 of 行政检查 at a unit on a day.
func supInspections(t testing.TB, c *county, unitID int64, day string, visits int, mobile bool) {
	t.Helper()
	if _, err := c.svc.RecordInspection(c.ctx, enforcement.InspectionInput{UnitID: unitID, InspectedOn: day, Target: "某超市",
		Visits: visits, Mobile: mobile, Result: "未发现问题"}); err != nil {
		t.Fatal(err)
	}
}

func supID(id int64) string { return fmt.Sprint(id) }
