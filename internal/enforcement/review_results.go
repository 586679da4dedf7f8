package enforcement

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
	"fazhi/internal/xlsx"
)

// CloseReviewRound ends a round once every sampled case file is scored;
// its results are then final and count in the figures.
func (s *Service) CloseReviewRound(ctx context.Context, scope string, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := reviewRoundIn(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		if r.Closed {
			return conflict("评查“%s”已经结束", r.Title)
		}
		if left := r.Sampled - r.Scored; left > 0 {
			return conflict("还有%d卷案卷未评分，全部评分后才能结束评查", left)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_review_rounds SET status = 'closed', closed_at = ? WHERE id = ?`, s.now(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.review.close", ObjectType: ObjectReviewRound, ObjectID: supID(id),
			Summary: fmt.Sprintf("结束案卷评查“%s”（评查案卷%d卷）", r.Title, r.Scored),
			Changes: []audit.Change{{Field: "status", Before: "评查中", After: "已结束"}}})
	})
}

// ReviewResults are a round's results: units ranked, and the total.
type ReviewResults struct {
	Round ReviewRound
	Units []ReviewUnitResult
	Total ReviewUnitResult
}

// ReviewResultsOf ranks a round's units (those under unitScope; "" all).
func (s *Service) ReviewResultsOf(ctx context.Context, scope string, id int64, unitScope string) (ReviewResults, error) {
	r, err := s.ReviewRound(ctx, scope, id)
	if err != nil {
		return ReviewResults{}, err
	}
	units, err := s.ReviewUnits(ctx, scope, id, unitScope)
	if err != nil {
		return ReviewResults{}, err
	}
	RankUnits(units)
	t := ReviewUnitResult{UnitName: "合计"}
	for _, u := range units {
		t.Eligible, t.Sampled, t.Scored, t.Sum = t.Eligible+u.Eligible, t.Sampled+u.Sampled, t.Scored+u.Scored, t.Sum+u.Sum
		t.Excellent, t.Good, t.Pass, t.Fail = t.Excellent+u.Excellent, t.Good+u.Good, t.Pass+u.Pass, t.Fail+u.Fail
		t.Rectifying, t.Rectified = t.Rectifying+u.Rectifying, t.Rectified+u.Rectified
	}
	return ReviewResults{Round: r, Units: units, Total: t}, nil
}

// UnitReviews is what a unit sees of 案卷评查: its results in closed rounds,
// the open rounds that sampled it, and its 整改 items.
type UnitReviews struct {
	Closed []UnitRoundResult
	Open   []ReviewRound
	Rects  []ReviewRectification
}

// UnitRoundResult is a closed round's result for the units of a scope.
type UnitRoundResult struct {
	Round ReviewRound
	Units []ReviewUnitResult
	Cases []ReviewCase
}

// UnitReviewsOf collects 案卷评查 for the units under unitScope.
func (s *Service) UnitReviewsOf(ctx context.Context, unitScope string, allRects bool) (UnitReviews, error) {
	var out UnitReviews
	rows, err := s.DB.Read().QueryContext(ctx, reviewRoundSelect+`WHERE EXISTS (SELECT 1 FROM enf_review_units x JOIN units u ON u.id = x.unit_id
		WHERE x.round_id = r.id AND u.path LIKE ?) ORDER BY r.year DESC, r.id DESC`, unitScope+"%")
	if err != nil {
		return out, fmt.Errorf("unit review rounds: %w", err)
	}
	var rounds []ReviewRound
	for rows.Next() {
		r, err := scanReviewRound(rows)
		if err != nil {
			rows.Close()
			return out, err
		}
		rounds = append(rounds, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	for _, r := range rounds {
		if !r.Closed {
			out.Open = append(out.Open, r)
			continue
		}
		units, err := s.ReviewUnits(ctx, "", r.ID, unitScope)
		if err != nil {
			return out, err
		}
		cases, err := s.ReviewCases(ctx, "", ReviewCaseFilter{RoundID: r.ID, UnitScope: unitScope})
		if err != nil {
			return out, err
		}
		out.Closed = append(out.Closed, UnitRoundResult{Round: r, Units: units, Cases: cases})
	}
	out.Rects, err = s.ReviewRectifications(ctx, ReviewRectFilter{UnitScope: unitScope, OpenOnly: !allRects})
	return out, err
}

// ReviewResultsXLSX is the round's results (ranking) and the case list with
// deductions, one sheet each.
func (s *Service) ReviewResultsXLSX(ctx context.Context, scope string, id int64) ([]byte, string, error) {
	res, err := s.ReviewResultsOf(ctx, scope, id, "")
	if err != nil {
		return nil, "", err
	}
	cases, err := s.ReviewCases(ctx, scope, ReviewCaseFilter{RoundID: id})
	if err != nil {
		return nil, "", err
	}
	r := res.Round
	title := fmt.Sprintf("%s（%s，随机种子%d）", r.Title, r.StatusLabel(), r.Seed)
	rank := xlsx.Table{Sheet: "评查结果", Title: title,
		Headers: []string{"排名", "单位", "符合条件案件", "抽取", "已评", "平均分", "优秀", "良好", "合格", "不合格", "优良率（%）", "整改中", "已销号"},
		Widths:  []float64{6, 30, 12, 8, 8, 10, 8, 8, 8, 8, 12, 8, 8}}
	for _, u := range append(res.Units, res.Total) {
		rankCell := any("")
		if u.Rank > 0 {
			rankCell = u.Rank
		}
		rank.Rows = append(rank.Rows, []any{rankCell, u.UnitName, u.Eligible, u.Sampled, u.Scored, avgCell(u), u.Excellent, u.Good,
			u.Pass, u.Fail, rateCell(u), u.Rectifying, u.Rectified})
	}
	detail := xlsx.Table{Sheet: "案卷评分明细", Title: title,
		Headers: []string{"单位", "案号", "案由", "结案日期", "得分", "等次", "扣分项目", "问题处数", "扣分", "扣分理由", "评查意见", "评查人"},
		Widths:  []float64{28, 26, 30, 12, 8, 8, 20, 8, 8, 50, 40, 12}}
	for _, c := range cases {
		score := any("")
		if c.Scored {
			score = c.Score
		}
		base := []any{c.UnitName, c.CaseNo, c.CaseTitle, c.EndedOn, score, c.Grade.Label()}
		if len(c.Deductions) == 0 {
			detail.Rows = append(detail.Rows, append(base, "", "", "", "", c.Comment, c.ReviewerName))
			continue
		}
		for _, d := range c.Deductions {
			detail.Rows = append(detail.Rows, append(append([]any{}, base...), d.Name, d.Occurrences, d.Points, d.Reason, c.Comment, c.ReviewerName))
		}
	}
	var b bytes.Buffer
	if err := xlsx.Write(&b, rank, detail); err != nil {
		return nil, "", err
	}
	return b.Bytes(), "案卷评查结果-" + strings.ReplaceAll(r.Title, "/", "-") + ".xlsx", nil
}

func avgCell(u ReviewUnitResult) any {
	if u.Scored == 0 {
		return ""
	}
	return u.Average()
}

func rateCell(u ReviewUnitResult) any {
	if r, ok := u.GoodRate(); ok {
		return r
	}
	return ""
}
