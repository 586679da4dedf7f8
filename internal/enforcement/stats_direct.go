package enforcement

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fazhi/internal/store"
)

// The statistics computed straight from enf_cases, with the same rules as
// contributions: the consistency check compares the rollups with it, and
// the benchmark times it against the rollups.

// allDates bounds every ISO date (digits sort before ':').
const allFrom, allTo = "1000-01-01", ":"

// filingsSQL counts filings by unit, year of 立案 and category.
const filingsSQL = `SELECT c.unit_id, SUBSTR(c.filed_on, 1, 4), c.category, COUNT(*),
	CAST(SUM(CASE WHEN c.procedure = 'simple' THEN 1 ELSE 0 END) AS BIGINT),
	CAST(SUM(CASE WHEN c.mobile THEN 1 ELSE 0 END) AS BIGINT)
	FROM enf_cases c WHERE c.filed_on >= ? AND c.filed_on < ? {scope}
	GROUP BY c.unit_id, SUBSTR(c.filed_on, 1, 4), c.category`

// decisionsSQL counts decisions by unit, year of the decision and category;
// the penalty kinds' conditions come from the same table as PenaltyKindsOf
// (fixed words, no user input).
var decisionsSQL = func() string {
	inForce := "c.decision = 'penalty' AND c.state <> 'revoked'"
	sum := func(cond string) string { return "CAST(SUM(CASE WHEN " + cond + " THEN 1 ELSE 0 END) AS BIGINT)" }
	cols := []string{"COUNT(*)",
		sum("c.decision IN ('penalty', 'revoked')"), sum("c.decision = 'no_penalty'"), sum("c.decision = 'transfer'"),
		sum("c.procedure = 'simple'"), sum("c.state = 'revoked' OR c.decision = 'revoked'")}
	for _, pk := range penaltyKinds {
		cols = append(cols, sum(inForce+" AND ("+kindSQL(pk.Kind)+")"))
	}
	cols = append(cols, sum("c.hearing"), sum("c.major"),
		sum("c.major AND EXISTS (SELECT 1 FROM enf_legal_reviews r WHERE r.case_id = c.id AND r.result = 'pass')"),
		"CAST(SUM(CASE WHEN "+inForce+" THEN c.fine_fen ELSE 0 END) AS BIGINT)",
		"CAST(SUM(CASE WHEN "+inForce+" THEN c.confiscated_fen ELSE 0 END) AS BIGINT)")
	return `SELECT c.unit_id, SUBSTR(c.decided_on, 1, 4), c.category, ` + strings.Join(cols, ", ") + `
	FROM enf_cases c WHERE c.decided_on >= ? AND c.decided_on < ? {scope}
	GROUP BY c.unit_id, SUBSTR(c.decided_on, 1, 4), c.category`
}()

// decisionCols are the rollup columns decisionsSQL yields, in its order.
var decisionCols = []int{cDecided, cDecPenalty, cDecNoPenalty, cDecTransfer, cDecSimple, cRevoked,
	cWarning, cFine, cConfiscate, cLicence, cSuspend, cDetention, cOther, cHearings, cMajor, cMajorReviewed,
	cFineFen, cConfiscatedFen}

// casesAggregate computes the rollup rows from enf_cases for dates in
// [from, to), limited to the units under scopePath when it is not "".
func casesAggregate(ctx context.Context, q store.Querier, from, to, scopePath string) (map[statKey]Counts, error) {
	out := map[statKey]Counts{}
	scope, args := "", []any{from, to}
	if scopePath != "" {
		scope, args = "AND c.unit_id IN (SELECT id FROM units WHERE path LIKE ?)", append(args, scopePath+"%")
	}
	if err := aggregateInto(ctx, q, out, strings.Replace(filingsSQL, "{scope}", scope, 1), args, []int{cFiled, cFiledSimple, cFiledMobile}); err != nil {
		return nil, fmt.Errorf("filings: %w", err)
	}
	if err := aggregateInto(ctx, q, out, strings.Replace(decisionsSQL, "{scope}", scope, 1), args, decisionCols); err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	for k, c := range out {
		if c.zero() {
			delete(out, k)
		}
	}
	return out, nil
}

func aggregateInto(ctx context.Context, q store.Querier, out map[statKey]Counts, query string, args []any, cols []int) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]int64, len(cols))
	for rows.Next() {
		var k statKey
		var year, cat string
		dest := []any{&k.UnitID, &year, &cat}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if k.Year = yearOf(year); k.Year == 0 {
			continue
		}
		k.Category = Category(cat)
		c := out[k]
		for i, col := range cols {
			c[col] += vals[i]
		}
		out[k] = c
	}
	return rows.Err()
}

// rollupRows reads the stored rollup rows of a year (0: all years) for the
// units under scopePath ("" : all).
func rollupRows(ctx context.Context, q store.Querier, year int, scopePath string) (map[statKey]Counts, error) {
	var where []string
	var args []any
	if year != 0 {
		where, args = append(where, "s.year = ?"), append(args, year)
	}
	if scopePath != "" {
		where, args = append(where, "s.unit_id IN (SELECT id FROM units WHERE path LIKE ?)"), append(args, scopePath+"%")
	}
	query := `SELECT s.unit_id, s.year, s.category, ` + "s." + strings.Join(statCols[:], ", s.") + ` FROM enf_stats s`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read statistics: %w", err)
	}
	defer rows.Close()
	out := map[statKey]Counts{}
	for rows.Next() {
		var k statKey
		var cat string
		var c Counts
		if err := rows.Scan(append([]any{&k.UnitID, &k.Year, &cat}, c.ptrs()...)...); err != nil {
			return nil, err
		}
		k.Category = Category(cat)
		if !c.zero() {
			out[k] = c
		}
	}
	return out, rows.Err()
}

// yearBounds are the first day of year and the first day after it.
func yearBounds(year int) (string, string) {
	return strconv.Itoa(year) + "-01-01", strconv.Itoa(year+1) + "-01-01"
}
