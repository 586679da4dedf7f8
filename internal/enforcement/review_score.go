package enforcement

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// ReviewCase is a sampled case file and, once scored, its result.
type ReviewCase struct {
	ID          int64
	RoundID     int64
	RoundTitle  string
	RoundYear   int
	RoundClosed bool
	UnitID      int64
	UnitName    string
	UnitPath    string
	CaseID      int64
	CaseNo      string
	CaseTitle   string
	CaseState   State
	EndedOn     string // 结案 (or 不予处罚 decision) day

	Scored       bool
	Score        float64
	Grade        Grade
	Comment      string
	ReviewerName string
	ScoredAt     time.Time
	Deductions   []Deduction
}

// Deducted is the points the case lost.
func (c ReviewCase) Deducted() float64 { return round2(100 - c.Score) }

// ScoreText is the score for display ("" until scored).
func (c ReviewCase) ScoreText() string {
	if !c.Scored {
		return ""
	}
	return fmtPoints(c.Score)
}

// ReviewCaseFilter selects sampled cases.
type ReviewCaseFilter struct {
	RoundID    int64
	UnitScope  string // only cases of units under this path
	ClosedOnly bool   // only rounds already closed (final results)
	ID         int64
}

func (f ReviewCaseFilter) where(scope string) (string, []any) {
	w, args := []string{"r.scope_path LIKE ?"}, []any{scope + "%"}
	if f.RoundID != 0 {
		w, args = append(w, "rc.round_id = ?"), append(args, f.RoundID)
	}
	if f.ID != 0 {
		w, args = append(w, "rc.id = ?"), append(args, f.ID)
	}
	if f.UnitScope != "" {
		w, args = append(w, "u.path LIKE ?"), append(args, f.UnitScope+"%")
	}
	if f.ClosedOnly {
		w = append(w, "r.status = 'closed'")
	}
	return " WHERE " + strings.Join(w, " AND "), args
}

const reviewCaseFrom = ` FROM enf_review_cases rc JOIN enf_review_rounds r ON r.id = rc.round_id
	JOIN units u ON u.id = rc.unit_id JOIN enf_cases c ON c.id = rc.case_id `

const reviewCaseSelect = `SELECT rc.id, rc.round_id, r.title, r.year, r.status, rc.unit_id, u.name, u.path, rc.case_id, c.case_no, c.title,
	c.state, CASE WHEN c.closed_on <> '' THEN c.closed_on ELSE c.decided_on END, rc.score, rc.grade, rc.comment,
	rc.reviewer_name, rc.scored_at` + reviewCaseFrom

// ReviewCases lists the sampled cases f selects in rounds the scope covers
// (the organiser's view; a unit passes its own scope as "" and UnitScope),
// by unit and case, with their deductions.
func (s *Service) ReviewCases(ctx context.Context, scope string, f ReviewCaseFilter) ([]ReviewCase, error) {
	return reviewCases(ctx, s.DB.Read(), scope, f)
}

func reviewCases(ctx context.Context, q store.Querier, scope string, f ReviewCaseFilter) ([]ReviewCase, error) {
	where, args := f.where(scope)
	rows, err := q.QueryContext(ctx, reviewCaseSelect+where+` ORDER BY r.year DESC, rc.round_id DESC, u.path, rc.case_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("review cases: %w", err)
	}
	var out []ReviewCase
	index := map[int64]int{}
	for rows.Next() {
		var rc ReviewCase
		var status, state, grade string
		var score sql.NullFloat64
		var at sql.NullTime
		if err := rows.Scan(&rc.ID, &rc.RoundID, &rc.RoundTitle, &rc.RoundYear, &status, &rc.UnitID, &rc.UnitName, &rc.UnitPath,
			&rc.CaseID, &rc.CaseNo, &rc.CaseTitle, &state, &rc.EndedOn, &score, &grade, &rc.Comment, &rc.ReviewerName, &at); err != nil {
			rows.Close()
			return nil, err
		}
		rc.RoundClosed, rc.CaseState, rc.Grade = status == "closed", State(state), Grade(grade)
		rc.Scored, rc.Score, rc.ScoredAt = score.Valid, score.Float64, at.Time
		index[rc.ID] = len(out)
		out = append(out, rc)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	drows, err := q.QueryContext(ctx, `SELECT d.review_case_id, d.seq, i.name, d.occurrences, d.points, d.reason, i.per_deduction, i.cap
		FROM enf_review_deductions d JOIN enf_review_cases rc ON rc.id = d.review_case_id
		JOIN enf_review_items i ON i.round_id = rc.round_id AND i.seq = d.seq
		JOIN enf_review_rounds r ON r.id = rc.round_id JOIN units u ON u.id = rc.unit_id`+where+` ORDER BY d.review_case_id, d.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("review deductions: %w", err)
	}
	defer drows.Close()
	for drows.Next() {
		var id int64
		var d Deduction
		var per, limit float64
		if err := drows.Scan(&id, &d.Seq, &d.Name, &d.Occurrences, &d.Points, &d.Reason, &per, &limit); err != nil {
			return nil, err
		}
		d.Capped = round2(float64(d.Occurrences)*per) > limit
		if i, ok := index[id]; ok {
			out[i].Deductions = append(out[i].Deductions, d)
		}
	}
	return out, drows.Err()
}

// ReviewCase returns one sampled case of a round the scope covers.
func (s *Service) ReviewCase(ctx context.Context, scope string, id int64) (ReviewCase, error) {
	return reviewCaseIn(ctx, s.DB.Read(), scope, id)
}

func reviewCaseIn(ctx context.Context, q store.Querier, scope string, id int64) (ReviewCase, error) {
	cs, err := reviewCases(ctx, q, scope, ReviewCaseFilter{ID: id})
	if err != nil {
		return ReviewCase{}, err
	}
	if len(cs) == 0 {
		return ReviewCase{}, notFound("评查案卷不存在或不在您的数据范围内")
	}
	return cs[0], nil
}

// ReviewUnits are a round's units with their progress and grade counts,
// in org-tree order; unitScope ("" for all) keeps those under a path.
func (s *Service) ReviewUnits(ctx context.Context, scope string, roundID int64, unitScope string) ([]ReviewUnitResult, error) {
	q := s.DB.Read()
	if _, err := reviewRoundIn(ctx, q, scope, roundID); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT x.unit_id, u.name, u.path, x.eligible, x.sampled, COUNT(rc.score), COALESCE(SUM(rc.score), 0),
		SUM(CASE WHEN rc.grade = 'excellent' THEN 1 ELSE 0 END), SUM(CASE WHEN rc.grade = 'good' THEN 1 ELSE 0 END),
		SUM(CASE WHEN rc.grade = 'pass' THEN 1 ELSE 0 END), SUM(CASE WHEN rc.grade = 'fail' THEN 1 ELSE 0 END),
		(SELECT COUNT(*) FROM enf_review_rectifications f JOIN enf_review_cases c2 ON c2.id = f.review_case_id
			WHERE c2.round_id = x.round_id AND f.unit_id = x.unit_id AND f.status <> 'closed'),
		(SELECT COUNT(*) FROM enf_review_rectifications f JOIN enf_review_cases c2 ON c2.id = f.review_case_id
			WHERE c2.round_id = x.round_id AND f.unit_id = x.unit_id AND f.status = 'closed')
		FROM enf_review_units x JOIN units u ON u.id = x.unit_id
		LEFT JOIN enf_review_cases rc ON rc.round_id = x.round_id AND rc.unit_id = x.unit_id
		WHERE x.round_id = ? AND u.path LIKE ?
		GROUP BY x.round_id, x.unit_id, u.name, u.path, x.eligible, x.sampled ORDER BY u.path`, roundID, unitScope+"%")
	if err != nil {
		return nil, fmt.Errorf("review units: %w", err)
	}
	defer rows.Close()
	var out []ReviewUnitResult
	for rows.Next() {
		var u ReviewUnitResult
		if err := rows.Scan(&u.UnitID, &u.UnitName, &u.UnitPath, &u.Eligible, &u.Sampled, &u.Scored, &u.Sum,
			&u.Excellent, &u.Good, &u.Pass, &u.Fail, &u.Rectifying, &u.Rectified); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// ReviewScoreInput is a reviewer's scoring of a case file.
type ReviewScoreInput struct {
	Findings []Finding
	Comment  string
}

// ScoreReviewCase scores (or re-scores, while the round is open) a sampled
// case: the deductions are computed from the round's table, the grade
// from its thresholds; the earlier score is replaced and audited.
func (s *Service) ScoreReviewCase(ctx context.Context, scope string, id int64, in ReviewScoreInput) error {
	comment, err := supText("评查意见", in.Comment, false, 2000)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		rc, err := reviewCaseIn(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		if rc.RoundClosed {
			return conflict("评查“%s”已结束，评分不能再修改", rc.RoundTitle)
		}
		r, err := reviewRoundIn(ctx, tx, scope, rc.RoundID)
		if err != nil {
			return err
		}
		items, err := reviewItems(ctx, tx, rc.RoundID)
		if err != nil {
			return err
		}
		score, deds, err := ScoreCase(items, in.Findings)
		if err != nil {
			return err
		}
		grade := r.Thresholds.Grade(score)
		if _, err := tx.ExecContext(ctx, `DELETE FROM enf_review_deductions WHERE review_case_id = ?`, id); err != nil {
			return err
		}
		for _, d := range deds {
			if _, err := tx.ExecContext(ctx, `INSERT INTO enf_review_deductions (review_case_id, seq, occurrences, points, reason)
				VALUES (?, ?, ?, ?, ?)`, id, d.Seq, d.Occurrences, d.Points, d.Reason); err != nil {
				return err
			}
		}
		uid, uname := supActor(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE enf_review_cases SET score = ?, grade = ?, comment = ?, reviewer_id = ?,
			reviewer_name = ?, scored_at = ? WHERE id = ?`, score, string(grade), comment, store.NullInt(uid), uname, s.now(), id); err != nil {
			return err
		}
		verb, changes := "评分", []audit.Change{{Field: "score", After: fmtPoints(score)}, {Field: "grade", After: grade.Label()}}
		if rc.Scored {
			verb = "重新评分"
			changes[0].Before, changes[1].Before = fmtPoints(rc.Score), rc.Grade.Label()
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.review.score", ObjectType: ObjectReviewCase, ObjectID: supID(id),
			Summary: fmt.Sprintf("案卷评查“%s”%s：%s %s，得分%s（%s），扣分%d项", rc.RoundTitle, verb, rc.UnitName, rc.CaseNo,
				fmtPoints(score), grade.Label(), len(deds)), Changes: changes})
	})
}
