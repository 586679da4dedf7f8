package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// 整改 of a reviewed case file: the organiser sets a requirement and a
// period in working days (in the monitor of the unit); the unit's 法制员
// reports the result with evidence; the organiser 销号 or returns it.

// MaxReviewRectifyDays bounds the period of a case-file 整改 (working days).
const MaxReviewRectifyDays = 120

// ReviewRectStatus is where a 整改 item stands.
type ReviewRectStatus string

const (
	ReviewRectOpen      ReviewRectStatus = "open"      // 整改中
	ReviewRectSubmitted ReviewRectStatus = "submitted" // 待销号
	ReviewRectClosed    ReviewRectStatus = "closed"    // 已销号
)

// Label is the status in Chinese.
func (s ReviewRectStatus) Label() string {
	switch s {
	case ReviewRectOpen:
		return "整改中"
	case ReviewRectSubmitted:
		return "待销号"
	case ReviewRectClosed:
		return "已销号"
	}
	return string(s)
}

// ReviewRectification is one 整改 item on a reviewed case file.
type ReviewRectification struct {
	ID              int64
	ReviewCaseID    int64
	RoundID         int64
	RoundTitle      string
	RoundScope      string
	UnitID          int64
	UnitName        string
	UnitPath        string
	CaseID          int64
	CaseNo          string
	CaseTitle       string
	Score           float64
	Grade           Grade
	Requirement     string
	Days            int
	StartOn         string
	DueOn           string // the monitor's (it may have been extended there)
	Status          ReviewRectStatus
	Result          string
	SubmittedByName string
	SubmittedAt     time.Time
	ReviewComment   string
	ClosedOn        string
	ClosedByName    string
	CreatedByName   string
	CreatedAt       time.Time
	Evidence        []attach.Attachment
	Deductions      []Deduction // of the reviewed file, what is to be put right
	Overdue         bool        // not 销号 and past the due day
}

// ReviewRectFilter selects 整改 items.
type ReviewRectFilter struct {
	RoundScope   string // rounds organised under this path (the organiser's view)
	UnitScope    string // items of units under this path (a unit's view)
	RoundID      int64
	ReviewCaseID int64
	OpenOnly     bool // not yet 销号
	ID           int64
}

const reviewRectSelect = `SELECT f.id, f.review_case_id, rc.round_id, r.title, r.scope_path, f.unit_id, u.name, u.path, rc.case_id,
	c.case_no, c.title, COALESCE(rc.score, 0), rc.grade, f.requirement, f.days, f.start_on, COALESCE(d.due_date, f.due_on), f.status,
	f.result, f.submitted_by_name, f.submitted_at, f.review_comment, f.closed_on, f.closed_by_name, f.created_by_name, f.created_at
	FROM enf_review_rectifications f JOIN enf_review_cases rc ON rc.id = f.review_case_id
	JOIN enf_review_rounds r ON r.id = rc.round_id JOIN units u ON u.id = f.unit_id JOIN enf_cases c ON c.id = rc.case_id
	LEFT JOIN deadline_items d ON d.id = f.deadline_item_id `

// ReviewRectifications lists the items f selects, open ones first (soonest
// due), with their evidence and the file's deductions.
func (s *Service) ReviewRectifications(ctx context.Context, f ReviewRectFilter) ([]ReviewRectification, error) {
	out, err := s.reviewRects(ctx, s.DB.Read(), f)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Evidence, err = s.Attach.ListFor(ctx, ObjectReviewRect, supID(out[i].ID)); err != nil {
			return nil, err
		}
		rc, err := reviewCases(ctx, s.DB.Read(), "", ReviewCaseFilter{ID: out[i].ReviewCaseID})
		if err != nil {
			return nil, err
		}
		if len(rc) == 1 {
			out[i].Deductions = rc[0].Deductions
		}
	}
	return out, nil
}

func (s *Service) reviewRects(ctx context.Context, q store.Querier, f ReviewRectFilter) ([]ReviewRectification, error) {
	w, args := []string{"r.scope_path LIKE ?", "u.path LIKE ?"}, []any{f.RoundScope + "%", f.UnitScope + "%"}
	for _, c := range []struct {
		cond string
		v    int64
	}{{"rc.round_id = ?", f.RoundID}, {"f.review_case_id = ?", f.ReviewCaseID}, {"f.id = ?", f.ID}} {
		if c.v != 0 {
			w, args = append(w, c.cond), append(args, c.v)
		}
	}
	if f.OpenOnly {
		w = append(w, "f.status <> 'closed'")
	}
	rows, err := q.QueryContext(ctx, reviewRectSelect+"WHERE "+strings.Join(w, " AND ")+
		` ORDER BY CASE WHEN f.status = 'closed' THEN 1 ELSE 0 END, COALESCE(d.due_date, f.due_on), f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("review rectifications: %w", err)
	}
	defer rows.Close()
	today := s.today()
	var out []ReviewRectification
	for rows.Next() {
		var x ReviewRectification
		var grade, status string
		var submitted sql.NullTime
		if err := rows.Scan(&x.ID, &x.ReviewCaseID, &x.RoundID, &x.RoundTitle, &x.RoundScope, &x.UnitID, &x.UnitName, &x.UnitPath,
			&x.CaseID, &x.CaseNo, &x.CaseTitle, &x.Score, &grade, &x.Requirement, &x.Days, &x.StartOn, &x.DueOn, &status,
			&x.Result, &x.SubmittedByName, &submitted, &x.ReviewComment, &x.ClosedOn, &x.ClosedByName, &x.CreatedByName, &x.CreatedAt); err != nil {
			return nil, err
		}
		x.Grade, x.Status, x.SubmittedAt = Grade(grade), ReviewRectStatus(status), submitted.Time
		x.Overdue = x.Status != ReviewRectClosed && x.DueOn < today
		out = append(out, x)
	}
	return out, rows.Err()
}

func (s *Service) reviewRectOne(ctx context.Context, q store.Querier, f ReviewRectFilter) (ReviewRectification, error) {
	xs, err := s.reviewRects(ctx, q, f)
	if err != nil {
		return ReviewRectification{}, err
	}
	if len(xs) == 0 {
		return ReviewRectification{}, notFound("整改事项不存在或不在您的数据范围内")
	}
	return xs[0], nil
}

// IssueReviewRectification orders 整改 of a scored case file that failed
// or lost points: the requirement and a period of working days from today,
// registered in the deadline monitor of the case's unit.
func (s *Service) IssueReviewRectification(ctx context.Context, scope string, reviewCaseID int64, requirement string, days int) (int64, error) {
	requirement, err := supText("整改要求", requirement, true, 2000)
	if err != nil {
		return 0, err
	}
	if days < 1 || days > MaxReviewRectifyDays {
		return 0, invalid("整改期限应为1至%d个工作日", MaxReviewRectifyDays)
	}
	start := s.todayDate()
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		rc, err := reviewCaseIn(ctx, tx, scope, reviewCaseID)
		if err != nil {
			return err
		}
		switch {
		case !rc.Scored:
			return conflict("案卷尚未评分，不能下达整改")
		case rc.Grade != GradeFail && len(rc.Deductions) == 0:
			return conflict("该案卷没有扣分，无需整改")
		}
		open, err := s.reviewRects(ctx, tx, ReviewRectFilter{ReviewCaseID: reviewCaseID, OpenOnly: true})
		if err != nil {
			return err
		}
		if len(open) > 0 {
			return conflict("该案卷已有未销号的整改事项")
		}
		_, uname := supActor(ctx, tx)
		now := s.now()
		id, err = tx.InsertID(ctx, `INSERT INTO enf_review_rectifications (review_case_id, unit_id, requirement, days, start_on, due_on,
			status, created_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', 'open', ?, ?, ?)`,
			reviewCaseID, rc.UnitID, requirement, days, start.String(), uname, now, now)
		if err != nil {
			return err
		}
		due, err := s.registerReviewRect(ctx, tx, id, rc, days, start)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.review.rectify", ObjectType: ObjectReviewRect, ObjectID: supID(id),
			Summary: fmt.Sprintf("案卷评查“%s”责令%s整改案卷%s（%s分，%s）：%s，期限%d个工作日（%s届满）", rc.RoundTitle, rc.UnitName,
				rc.CaseNo, fmtPoints(rc.Score), rc.Grade.Label(), requirement, days, due)})
	})
	return id, err
}

// registerReviewRect puts the period in the monitor (working days by the
// unit's calendar) and stores the due day it computes.
func (s *Service) registerReviewRect(ctx context.Context, tx *store.Tx, id int64, rc ReviewCase, days int, start calendar.Date) (string, error) {
	itemID, err := s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectReviewRect, ObjectID: supID(id),
		Title: "案卷评查整改：" + rc.CaseNo, Link: fmt.Sprintf("/enforcement/reviews/mine#rect-%d", id),
		N: days, Unit: calendar.UnitWorkday, Start: start, UnitID: rc.UnitID,
		Citation: fmt.Sprintf("案卷评查“%s”整改要求", rc.RoundTitle)})
	if err != nil {
		return "", fmt.Errorf("register review rectification deadline: %w", err)
	}
	var due string
	if err := tx.QueryRowContext(ctx, `SELECT due_date FROM deadline_items WHERE id = ?`, itemID).Scan(&due); err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `UPDATE enf_review_rectifications SET deadline_item_id = ?, due_on = ? WHERE id = ?`, itemID, due, id)
	return due, err
}

// ReviewUpload is an evidence file of a 整改 report.
type ReviewUpload struct {
	Name string
	Data io.Reader
}

// SubmitReviewRectification files the unit's 整改 result and evidence. The
// files are stored first (each commits on its own), so a refused file
// leaves the item unchanged; at least one file is needed, counting those of
// an earlier, returned submission.
func (s *Service) SubmitReviewRectification(ctx context.Context, scope string, id int64, result string, files []ReviewUpload) error {
	result, err := supText("整改情况", result, true, 5000)
	if err != nil {
		return err
	}
	f := ReviewRectFilter{UnitScope: scope, ID: id}
	x, err := s.reviewRectOne(ctx, s.DB.Read(), f)
	if err != nil {
		return err
	}
	if x.Status != ReviewRectOpen {
		return conflict("该整改事项%s，不能再报送", x.Status.Label())
	}
	for _, up := range files {
		_, err := s.Attach.Save(ctx, up.Data, attach.Meta{Filename: up.Name, UnitID: x.UnitID, ObjectType: ObjectReviewRect,
			ObjectID: supID(id), Note: "案卷评查整改佐证材料"})
		var ae *attach.Error
		if errors.As(err, &ae) {
			return invalid("佐证材料“%s”未能上传：%s", up.Name, ae.Message)
		}
		if err != nil {
			return fmt.Errorf("save review rectification evidence %s: %w", up.Name, err)
		}
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		x, err := s.reviewRectOne(ctx, tx, f)
		if err != nil {
			return err
		}
		if x.Status != ReviewRectOpen {
			return conflict("该整改事项%s，不能再报送", x.Status.Label())
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attachments WHERE object_type = ? AND object_id = ?`,
			ObjectReviewRect, supID(id)).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return invalid("请上传整改佐证材料（整改报告、补正的文书等）")
		}
		_, uname := supActor(ctx, tx)
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE enf_review_rectifications SET status = 'submitted', result = ?, submitted_by_name = ?,
			submitted_at = ?, updated_at = ? WHERE id = ?`, result, uname, now, now, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.review.rectify_submit", ObjectType: ObjectReviewRect, ObjectID: supID(id),
			Summary: fmt.Sprintf("%s报送案卷%s的整改情况（佐证材料%d份）", x.UnitName, x.CaseNo, n),
			Changes: []audit.Change{{Field: "status", Before: x.Status.Label(), After: ReviewRectSubmitted.Label()}}})
	})
}

// CloseReviewRectification is the organiser's 销号: the item closes and its
// deadline in the monitor is completed.
func (s *Service) CloseReviewRectification(ctx context.Context, scope string, id int64, comment string) error {
	return s.decideReviewRect(ctx, scope, id, true, comment)
}

// ReturnReviewRectification sends a submission back with what is missing.
func (s *Service) ReturnReviewRectification(ctx context.Context, scope string, id int64, comment string) error {
	if strings.TrimSpace(comment) == "" {
		return invalid("退回整改时请填写意见，说明需要补充的内容")
	}
	return s.decideReviewRect(ctx, scope, id, false, comment)
}

func (s *Service) decideReviewRect(ctx context.Context, scope string, id int64, accept bool, comment string) error {
	comment, err := supText("销号意见", comment, false, 1000)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		x, err := s.reviewRectOne(ctx, tx, ReviewRectFilter{RoundScope: scope, ID: id})
		if err != nil {
			return err
		}
		if x.Status != ReviewRectSubmitted {
			return conflict("该整改事项%s，尚未报送整改情况", x.Status.Label())
		}
		_, uname := supActor(ctx, tx)
		to, verb := ReviewRectOpen, "退回"
		if accept {
			to, verb = ReviewRectClosed, "销号"
			_, err = tx.ExecContext(ctx, `UPDATE enf_review_rectifications SET status = 'closed', review_comment = ?, closed_on = ?,
				closed_by_name = ?, updated_at = ? WHERE id = ?`, comment, s.today(), uname, s.now(), id)
			if err == nil {
				_, err = s.Deadlines.CompleteObject(ctx, tx, ObjectReviewRect, supID(id))
			}
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE enf_review_rectifications SET status = 'open', review_comment = ?, updated_at = ? WHERE id = ?`,
				comment, s.now(), id)
		}
		if err != nil {
			return err
		}
		summary := fmt.Sprintf("%s%s案卷%s的整改（案卷评查“%s”）", verb, x.UnitName, x.CaseNo, x.RoundTitle)
		if comment != "" {
			summary += "，意见：" + comment
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.review.rectify_" + map[bool]string{true: "close", false: "return"}[accept],
			ObjectType: ObjectReviewRect, ObjectID: supID(id), Summary: summary,
			Changes: []audit.Change{{Field: "status", Before: x.Status.Label(), After: to.Label()}}})
	})
}
