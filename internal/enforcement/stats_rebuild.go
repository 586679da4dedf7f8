package enforcement

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// JobRebuildStats is the background job kind that runs RebuildStats.
const JobRebuildStats = "enforcement.rebuild_stats"

// StatMismatch is a rollup row that disagreed with the records.
type StatMismatch struct {
	UnitID   int64
	Year     int
	Category Category
	Stored   Counts
	Expected Counts
}

// Columns names the columns that differ, in Chinese-free column names (for
// the log and the audit summary).
func (m StatMismatch) Columns() []string {
	var out []string
	for i := range m.Stored {
		if m.Stored[i] != m.Expected[i] {
			out = append(out, fmt.Sprintf("%s %d→%d", statCols[i], m.Stored[i], m.Expected[i]))
		}
	}
	return out
}

// RebuildResult is what the consistency check found and fixed.
type RebuildResult struct {
	Rows       int // rollup rows expected from the records
	Mismatches []StatMismatch
	// The 检查户次 rollups likewise.
	InspectionRows       int
	InspectionMismatches []InspMismatch
}

// Summary is the result in Chinese for the jobs page.
func (r RebuildResult) Summary() string {
	part := func(what string, rows, bad int, records string) string {
		if bad == 0 {
			return fmt.Sprintf("%s共 %d 行，与%s全部一致", what, rows, records)
		}
		return fmt.Sprintf("%s共 %d 行，发现 %d 行与%s不一致", what, rows, bad, records)
	}
	out := part("统计汇总表", r.Rows, len(r.Mismatches), "案件记录") + "；" +
		part("检查户次汇总表", r.InspectionRows, len(r.InspectionMismatches), "检查记录")
	if len(r.Mismatches)+len(r.InspectionMismatches) > 0 {
		out += "；已按记录重算修正"
	}
	return out
}

// RebuildStats recomputes the rollups from enf_cases (and the 检查户次
// rollups from enf_inspections), compares them with the stored rows and
// replaces those that differ, in one transaction. On PostgreSQL the rollup
// tables are locked first (writers wait for their upsert), so no write can
// slip between the recount and the fix; on SQLite the single writer
// serialises it anyway. progress may be nil.
func (s *Service) RebuildStats(ctx context.Context, progress func(done, total int, msg string)) (RebuildResult, error) {
	if progress == nil {
		progress = func(int, int, string) {}
	}
	var res RebuildResult
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if tx.Dialect() == store.Postgres {
			if _, err := tx.ExecContext(ctx, `LOCK TABLE enf_stats, enf_inspection_stats IN EXCLUSIVE MODE`); err != nil {
				return err
			}
		}
		progress(0, 3, "正在按案件和检查记录重新统计")
		want, err := casesAggregate(ctx, tx, allFrom, allTo, "")
		if err != nil {
			return err
		}
		progress(1, 3, "正在读取统计汇总表")
		have, err := rollupRows(ctx, tx, 0, "")
		if err != nil {
			return err
		}
		progress(2, 3, "正在比对并修正")
		res = RebuildResult{Rows: len(want), Mismatches: compareStats(have, want)}
		for _, m := range res.Mismatches {
			if err := fixStatRow(ctx, tx, m); err != nil {
				return err
			}
		}
		if res.InspectionRows, res.InspectionMismatches, err = rebuildInspections(ctx, tx); err != nil {
			return err
		}
		// Rows left at zero by earlier deltas carry nothing; drop them.
		if _, err := tx.ExecContext(ctx, `DELETE FROM enf_stats WHERE `+strings.Join(statCols[:], " = 0 AND ")+` = 0`); err != nil {
			return err
		}
		progress(3, 3, "")
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.stats_rebuild", ObjectType: "enf_stats",
			ObjectID: "all", Summary: res.Summary()})
	})
	return res, err
}

// compareStats lists the keys whose stored counts differ from the expected
// ones (missing rows count as zero), by key.
func compareStats(have, want map[statKey]Counts) []StatMismatch {
	var out []StatMismatch
	seen := map[statKey]bool{}
	for _, m := range []map[statKey]Counts{want, have} {
		for k := range m {
			if seen[k] {
				continue
			}
			seen[k] = true
			if have[k] != want[k] {
				out = append(out, StatMismatch{UnitID: k.UnitID, Year: k.Year, Category: k.Category,
					Stored: have[k], Expected: want[k]})
			}
		}
	}
	slices.SortFunc(out, func(a, b StatMismatch) int {
		return statKey{a.UnitID, a.Year, a.Category}.compare(statKey{b.UnitID, b.Year, b.Category})
	})
	return out
}

func fixStatRow(ctx context.Context, tx *store.Tx, m StatMismatch) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM enf_stats WHERE unit_id = ? AND year = ? AND category = ?`,
		m.UnitID, m.Year, string(m.Category)); err != nil {
		return err
	}
	if m.Expected.zero() {
		return nil
	}
	args := append([]any{m.UnitID, m.Year, string(m.Category)}, m.Expected.args()...)
	_, err := tx.ExecContext(ctx, upsertStats, args...)
	return err
}
