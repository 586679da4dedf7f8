package enforcement

import (
	"context"
	"fmt"
	"sort"
)

// RecordRow is one line of the 行政执法统计年报: a unit's figures for one
// category of power in a year.
type RecordRow struct {
	UnitID       int64
	UnitName     string
	UnitPath     string
	Category     Category
	Filed        int   // 立案 in the year
	Penalties    int   // 作出处罚决定
	NoPenalty    int   // 不予处罚
	Transferred  int   // 移送
	Simple       int   // of the decisions, 简易程序
	Hearings     int   // 听证
	Major        int   // 重大执法决定
	Reviewed     int   // of which 法制审核 before the decision
	Revoked      int   // decisions since revoked (复议、诉讼)
	FineFen      int64 // 罚款
	ConfFen      int64 // 没收
	Inspections  int   // 检查户次 (category 行政检查 rows only)
	MobileVisits int
}

// Fines is 罚没金额 in 万元 with two decimals.
func (r RecordRow) Fines() string {
	return fmt.Sprintf("%.2f", float64(r.FineFen+r.ConfFen)/1000000)
}

// RecordReport is the 统计年报 of a scope: rows by unit and category, and
// the totals.
type RecordReport struct {
	Year  int
	Rows  []RecordRow
	Total RecordRow
}

// RecordStats computes the 统计年报 from the records: cases counted by the
// year of 立案 (filings) or of the decision (everything else), inspections
// by their date.
func (s *Service) RecordStats(ctx context.Context, scopePath string, year int) (RecordReport, error) {
	rep := RecordReport{Year: year, Total: RecordRow{UnitName: "合计"}}
	from, to := yearRange(year)
	in := func(col string) string { return "(c." + col + " >= ? AND c." + col + " <= ?)" }
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT c.unit_id, u.name, u.path, c.category,
		SUM(CASE WHEN `+in("filed_on")+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.decision = 'penalty' AND `+in("decided_on")+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.decision = 'no_penalty' AND `+in("decided_on")+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.state = 'transferred' AND `+in("filed_on")+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.procedure = 'simple' AND c.decision <> '' AND `+in("decided_on")+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.hearing AND `+in("decided_on")+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.major AND c.decision <> '' AND `+in("decided_on")+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.major AND c.decision <> '' AND `+in("decided_on")+` AND EXISTS (SELECT 1 FROM enf_legal_reviews r
			WHERE r.case_id = c.id AND r.result = 'pass') THEN 1 ELSE 0 END),
		SUM(CASE WHEN c.state = 'revoked' AND `+in("decided_on")+` THEN 1 ELSE 0 END),
		COALESCE(SUM(CASE WHEN c.decision = 'penalty' AND c.state <> 'revoked' AND `+in("decided_on")+` THEN c.fine_fen ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.decision = 'penalty' AND c.state <> 'revoked' AND `+in("decided_on")+` THEN c.confiscated_fen ELSE 0 END), 0)
		FROM enf_cases c JOIN units u ON u.id = c.unit_id
		WHERE u.path LIKE ? AND (`+in("filed_on")+` OR `+in("decided_on")+`)
		GROUP BY c.unit_id, u.name, u.path, c.category`,
		from, to, from, to, from, to, from, to, from, to, from, to, from, to, from, to, from, to, from, to, from, to,
		scopePath+"%", from, to, from, to)
	if err != nil {
		return rep, fmt.Errorf("annual statistics: %w", err)
	}
	for rows.Next() {
		var r RecordRow
		var cat string
		if err := rows.Scan(&r.UnitID, &r.UnitName, &r.UnitPath, &cat, &r.Filed, &r.Penalties, &r.NoPenalty, &r.Transferred,
			&r.Simple, &r.Hearings, &r.Major, &r.Reviewed, &r.Revoked, &r.FineFen, &r.ConfFen); err != nil {
			rows.Close()
			return rep, err
		}
		r.Category = Category(cat)
		rep.Rows = append(rep.Rows, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rep, err
	}
	ins, err := s.DB.Read().QueryContext(ctx, `SELECT i.unit_id, u.name, u.path, SUM(i.visits), SUM(CASE WHEN i.mobile THEN i.visits ELSE 0 END)
		FROM enf_inspections i JOIN units u ON u.id = i.unit_id WHERE u.path LIKE ? AND i.inspected_on >= ? AND i.inspected_on <= ?
		GROUP BY i.unit_id, u.name, u.path`, scopePath+"%", from, to)
	if err != nil {
		return rep, err
	}
	for ins.Next() {
		r := RecordRow{Category: CatInspection}
		if err := ins.Scan(&r.UnitID, &r.UnitName, &r.UnitPath, &r.Inspections, &r.MobileVisits); err != nil {
			ins.Close()
			return rep, err
		}
		rep.Rows = append(rep.Rows, r)
	}
	ins.Close()
	if err := ins.Err(); err != nil {
		return rep, err
	}
	order := map[Category]int{}
	for i, c := range Categories {
		order[c] = i
	}
	sort.Slice(rep.Rows, func(i, j int) bool {
		a, b := rep.Rows[i], rep.Rows[j]
		if a.UnitPath != b.UnitPath {
			return a.UnitPath < b.UnitPath
		}
		return order[a.Category] < order[b.Category]
	})
	for _, r := range rep.Rows {
		t := &rep.Total
		t.Filed += r.Filed
		t.Penalties += r.Penalties
		t.NoPenalty += r.NoPenalty
		t.Transferred += r.Transferred
		t.Simple += r.Simple
		t.Hearings += r.Hearings
		t.Major += r.Major
		t.Reviewed += r.Reviewed
		t.Revoked += r.Revoked
		t.FineFen += r.FineFen
		t.ConfFen += r.ConfFen
		t.Inspections += r.Inspections
		t.MobileVisits += r.MobileVisits
	}
	return rep, nil
}
