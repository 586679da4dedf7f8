package enforcement_test

import (
	"os"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// TestTransferBackfillMigration: migration 00021 gives cases transferred
// before the fix their decision and the rollups their counts, so the
// recount afterwards finds nothing to correct.
func TestTransferBackfillMigration(t *testing.T) {
	raw, err := os.ReadFile("../store/migrations/00021_enforcement_transfer_decision.sql")
	if err != nil {
		t.Fatal(err)
	}
	up, _, _ := strings.Cut(strings.SplitN(string(raw), "-- +goose Up", 2)[1], "-- +goose Down")
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		item, offs := caseFixture(t, c)
		unit := c.units["清溪县市场监督管理局"]
		id, err := c.svc.CreateCase(c.ctx, enforcement.CaseInput{UnitID: unit, ItemID: item.ID, Procedure: enforcement.ProcOrdinary,
			Title: "涉嫌销售假药", PartyKind: "person", PartyName: "赵大", FiledOn: "2026-02-16",
			Officers: []enforcement.CaseOfficerInput{{OfficerID: offs[0], Lead: true, ShownCert: true}, {OfficerID: offs[1], ShownCert: true}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.svc.TakeStep(c.ctx, id, enforcement.StepInput{Step: enforcement.StepTransfer, On: "2026-02-27", Note: "移送县公安局"}); err != nil {
			t.Fatal(err)
		}
		// The case as the old code left it, with rollups to match.
		if err := db.InTx(c.ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(c.ctx, `UPDATE enf_cases SET decision = '', decided_on = '' WHERE id = ?`, id)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.RebuildStats(c.ctx, nil); err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(c.ctx, func(tx *store.Tx) error {
			for _, q := range strings.Split(up, ";\n") {
				if strings.TrimSpace(stripComments(q)) == "" {
					continue
				}
				if _, err := tx.ExecContext(c.ctx, q); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatalf("migration: %v", err)
		}
		var dec, on string
		if err := db.Read().QueryRowContext(c.ctx, `SELECT decision, decided_on FROM enf_cases WHERE id = ?`, id).Scan(&dec, &on); err != nil {
			t.Fatal(err)
		}
		if dec != "transfer" || on != "2026-02-27" {
			t.Errorf("backfilled case: %q %q", dec, on)
		}
		res, err := c.svc.RebuildStats(c.ctx, nil)
		if err != nil || len(res.Mismatches) != 0 {
			t.Errorf("recount after the migration: %+v %v", res.Mismatches, err)
		}
	})
}

func stripComments(q string) string {
	var out []string
	for _, l := range strings.Split(q, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
