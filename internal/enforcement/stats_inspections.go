package enforcement

import (
	"context"
	"fmt"
	"slices"

	"fazhi/internal/store"
)

// 检查户次 rollups: a province records some ten inspections for every case,
// hundreds of millions of rows, and summing a year of them took seconds per
// million cases (docs/BENCHMARKS.md). Every inspection write adds its 户次
// to enf_inspection_stats in the same transaction, the 统计年报 reads those
// rows, and RebuildStats recounts them with the case rollups.

// inspKey is an inspection rollup row's key.
type inspKey struct {
	UnitID int64
	Year   int
}

// InspCounts are one unit's inspections of a year: records, 户次 and the
// 户次 recorded with 掌上执法.
type InspCounts struct {
	Records, Visits, Mobile int64
}

// upsertInspStats adds a delta row; concurrent writers add up as for the
// case rollups.
const upsertInspStats = `INSERT INTO enf_inspection_stats (unit_id, year, records, visits, visits_mobile) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (unit_id, year) DO UPDATE SET records = enf_inspection_stats.records + excluded.records,
	visits = enf_inspection_stats.visits + excluded.visits, visits_mobile = enf_inspection_stats.visits_mobile + excluded.visits_mobile`

// addInspectionStats counts one inspection record in the rollups.
func (s *Service) addInspectionStats(ctx context.Context, tx *store.Tx, unitID int64, day string, visits int, mobile bool) error {
	y := yearOf(day)
	if rollupsOff.Load() || y == 0 {
		return nil
	}
	m := 0
	if mobile {
		m = visits
	}
	if _, err := tx.ExecContext(ctx, upsertInspStats, unitID, y, 1, visits, m); err != nil {
		return fmt.Errorf("inspection statistics %d/%d: %w", unitID, y, err)
	}
	return nil
}

// inspectionRollups reads the stored rows of a year (0: all years) for the
// units under scopePath ("": all).
func inspectionRollups(ctx context.Context, q store.Querier, year int, scopePath string) (map[inspKey]InspCounts, error) {
	query, args := `SELECT unit_id, year, records, visits, visits_mobile FROM enf_inspection_stats WHERE 1 = 1`, []any{}
	if year != 0 {
		query, args = query+` AND year = ?`, append(args, year)
	}
	if scopePath != "" {
		query, args = query+` AND unit_id IN (SELECT id FROM units WHERE path LIKE ?)`, append(args, scopePath+"%")
	}
	return scanInspCounts(ctx, q, query, args)
}

// inspectionRecords counts enf_inspections by unit and year for dates in
// [from, to) under scopePath ("": all units).
func inspectionRecords(ctx context.Context, q store.Querier, from, to, scopePath string) (map[inspKey]InspCounts, error) {
	query := `SELECT unit_id, CAST(SUBSTR(inspected_on, 1, 4) AS INTEGER), COUNT(*), CAST(SUM(visits) AS BIGINT),
		CAST(SUM(CASE WHEN mobile THEN visits ELSE 0 END) AS BIGINT) FROM enf_inspections WHERE inspected_on >= ? AND inspected_on < ?`
	args := []any{from, to}
	if scopePath != "" {
		query, args = query+` AND unit_id IN (SELECT id FROM units WHERE path LIKE ?)`, append(args, scopePath+"%")
	}
	return scanInspCounts(ctx, q, query+` GROUP BY unit_id, SUBSTR(inspected_on, 1, 4)`, args)
}

func scanInspCounts(ctx context.Context, q store.Querier, query string, args []any) (map[inspKey]InspCounts, error) {
	out := map[inspKey]InspCounts{}
	err := eachRow(ctx, q, query, args, func(sc func(...any) error) error {
		var k inspKey
		var c InspCounts
		if err := sc(&k.UnitID, &k.Year, &c.Records, &c.Visits, &c.Mobile); err != nil {
			return err
		}
		if c != (InspCounts{}) {
			out[k] = c
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("inspection statistics: %w", err)
	}
	return out, nil
}

// InspMismatch is an inspection rollup row that disagreed with the records.
type InspMismatch struct {
	UnitID           int64
	Year             int
	Stored, Expected InspCounts
}

// rebuildInspections recounts the inspection rollups inside RebuildStats'
// transaction and replaces the rows that differ; it returns the number of
// rows expected and the mismatches, by key.
func rebuildInspections(ctx context.Context, tx *store.Tx) (int, []InspMismatch, error) {
	want, err := inspectionRecords(ctx, tx, allFrom, allTo, "")
	if err != nil {
		return 0, nil, err
	}
	have, err := inspectionRollups(ctx, tx, 0, "")
	if err != nil {
		return 0, nil, err
	}
	var out []InspMismatch
	seen := map[inspKey]bool{}
	for _, m := range []map[inspKey]InspCounts{want, have} {
		for k := range m {
			if !seen[k] && have[k] != want[k] {
				out = append(out, InspMismatch{UnitID: k.UnitID, Year: k.Year, Stored: have[k], Expected: want[k]})
			}
			seen[k] = true
		}
	}
	slices.SortFunc(out, func(a, b InspMismatch) int {
		return statKey{a.UnitID, a.Year, ""}.compare(statKey{b.UnitID, b.Year, ""})
	})
	for _, m := range out {
		if _, err := tx.ExecContext(ctx, `DELETE FROM enf_inspection_stats WHERE unit_id = ? AND year = ?`, m.UnitID, m.Year); err != nil {
			return 0, nil, err
		}
		if e := m.Expected; e != (InspCounts{}) {
			if _, err := tx.ExecContext(ctx, upsertInspStats, m.UnitID, m.Year, e.Records, e.Visits, e.Mobile); err != nil {
				return 0, nil, err
			}
		}
	}
	return len(want), out, nil
}
