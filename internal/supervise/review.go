package supervise

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// Limits of a report's content.
const (
	maxBody    = 5000
	maxFigures = 10
	maxComment = 1000
)

// ReportInput is a progress report as the form sends it.
type ReportInput struct {
	AssignmentID int64
	Period       string
	Body         string
	Figures      []Figure
}

// Upload is one evidence file of a report.
type Upload struct {
	Name string
	Data io.Reader
}

func (in *ReportInput) clean() error {
	in.Period, in.Body = strings.TrimSpace(in.Period), strings.TrimSpace(in.Body)
	var figures []Figure
	for _, f := range in.Figures {
		f.Name, f.Value = strings.TrimSpace(f.Name), strings.TrimSpace(f.Value)
		switch {
		case f.Name == "" && f.Value == "":
			continue
		case f.Name == "" || f.Value == "":
			return invalid("请为每项数据同时填写名称和数值")
		}
		figures = append(figures, f)
	}
	in.Figures = figures
	switch {
	case !ValidPeriod(in.Period):
		return invalid("请选择报告期间（如 2026年11月、2026年第4季度、2026年度）")
	case in.Body == "":
		return invalid("请填写工作进展")
	case utf8.RuneCountInString(in.Body) > maxBody:
		return invalid("工作进展不能超过%d字", maxBody)
	case len(in.Figures) > maxFigures:
		return invalid("数据最多%d项", maxFigures)
	}
	return nil
}

// Submit files a unit's progress report for a period, or revises the one
// already filed for that period while it is not accepted (a returned report
// goes back to review). The evidence is stored after the report commits;
// when a file is refused the report stays and the message says so.
func (s *Service) Submit(ctx context.Context, scope string, in ReportInput, files []Upload) (int64, error) {
	if err := in.clean(); err != nil {
		return 0, err
	}
	figures, err := json.Marshal(in.Figures)
	if err != nil {
		return 0, err
	}
	var a Assignment
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if a, err = s.openAssignment(ctx, tx, scope, in.AssignmentID); err != nil {
			return err
		}
		uid, uname := actor(ctx, tx)
		now := s.now()
		var status string
		var revision int
		err := tx.QueryRowContext(ctx, `SELECT id, status, revision FROM task_reports WHERE assignment_id = ? AND period = ?`,
			a.ID, in.Period).Scan(&id, &status, &revision)
		summary := fmt.Sprintf("%s报送任务%s“%s”%s进展", a.UnitName, a.TaskMarker, a.TaskTitle, in.Period)
		switch {
		case isNoRows(err):
			id, err = tx.InsertID(ctx, `INSERT INTO task_reports (assignment_id, period, body, figures, status,
				submitted_by, submitted_by_name, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				a.ID, in.Period, in.Body, string(figures), string(ReportSubmitted), store.NullInt(uid), uname, now)
		case err != nil:
		case ReportStatus(status) == ReportAccepted:
			return conflict("%s的进展报告已采纳，不能再修改；如有新进展请选择其他报告期间", in.Period)
		default:
			revision++
			summary += fmt.Sprintf("（第%d次修改）", revision-1)
			_, err = tx.ExecContext(ctx, `UPDATE task_reports SET body = ?, figures = ?, status = ?, revision = ?,
				submitted_by = ?, submitted_by_name = ?, submitted_at = ? WHERE id = ?`,
				in.Body, string(figures), string(ReportSubmitted), revision, store.NullInt(uid), uname, now, id)
		}
		if err != nil {
			return err
		}
		if a.Stored == StatusNotStarted {
			if err := setStatus(ctx, tx, a.ID, StatusInProgress, now); err != nil {
				return err
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionReport, ObjectType: ObjectReport,
			ObjectID: strconv.FormatInt(id, 10), Summary: summary,
			Changes: []audit.Change{{Field: "status", Before: status, After: string(ReportSubmitted)}}})
	})
	if err != nil {
		return 0, err
	}
	return id, s.saveEvidence(ctx, a, id, files)
}

func (s *Service) saveEvidence(ctx context.Context, a Assignment, reportID int64, files []Upload) error {
	for _, f := range files {
		_, err := s.Attach.Save(ctx, f.Data, attach.Meta{Filename: f.Name, UnitID: a.UnitID,
			ObjectType: ObjectReport, ObjectID: strconv.FormatInt(reportID, 10), Note: "进展报告佐证材料"})
		var ae *attach.Error
		if errors.As(err, &ae) {
			return invalid("进展报告已保存，但佐证材料“%s”未能上传：%s。请重新选择文件，再次提交同一期间的报告即可补充", f.Name, ae.Message)
		}
		if err != nil {
			return fmt.Errorf("save evidence %s: %w", f.Name, err)
		}
	}
	return nil
}

// openAssignment loads an assignment the scope may act on and that is not done.
func (s *Service) openAssignment(ctx context.Context, tx *store.Tx, scope string, id int64) (Assignment, error) {
	a, err := s.get(ctx, tx, id)
	if err != nil {
		return a, err
	}
	if !inScope(scope, a.UnitPath) {
		return a, forbidden(a.UnitName)
	}
	if a.Stored == StatusDone {
		return a, conflict("%s承担的任务%s已完成，不能再报送或修改", a.UnitName, a.TaskMarker)
	}
	return a, nil
}

func setStatus(ctx context.Context, tx *store.Tx, id int64, to Status, now any) error {
	_, err := tx.ExecContext(ctx, `UPDATE task_assignments SET status = ?, updated_at = ? WHERE id = ?`, string(to), now, id)
	return err
}

// Accept records the 法治办's acceptance of a submitted report.
func (s *Service) Accept(ctx context.Context, scope string, reportID int64, comment string) error {
	return s.review(ctx, scope, reportID, ReportAccepted, comment)
}

// Return sends a submitted report back with a comment saying what is missing.
func (s *Service) Return(ctx context.Context, scope string, reportID int64, comment string) error {
	if strings.TrimSpace(comment) == "" {
		return invalid("退回报告时请填写意见，说明需要补充或修改的内容")
	}
	return s.review(ctx, scope, reportID, ReportReturned, comment)
}

func (s *Service) review(ctx context.Context, scope string, reportID int64, to ReportStatus, comment string) error {
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > maxComment {
		return invalid("审核意见不能超过%d字", maxComment)
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := getReport(ctx, tx, reportID)
		if err != nil {
			return err
		}
		if !inScope(scope, r.UnitPath) {
			return forbidden(r.UnitName)
		}
		if r.Status != ReportSubmitted {
			return conflict("该报告%s，不能重复审核", r.Status.Label())
		}
		uid, uname := actor(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE task_reports SET status = ?, reviewed_by = ?, reviewed_by_name = ?,
			reviewed_at = ?, review_comment = ? WHERE id = ?`,
			string(to), store.NullInt(uid), uname, s.now(), comment, reportID); err != nil {
			return err
		}
		if to == ReportAccepted {
			if err := s.fulfilCycles(ctx, tx, r.AssignmentID, r.Period); err != nil {
				return err
			}
		}
		action, verb := ActionAccept, "采纳"
		if to == ReportReturned {
			action, verb = ActionReturn, "退回"
		}
		summary := fmt.Sprintf("%s%s%s进展报告", verb, r.UnitName, r.Period)
		if comment != "" {
			summary += "，意见：" + comment
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: action, ObjectType: ObjectReport, ObjectID: strconv.FormatInt(reportID, 10),
			Summary: summary, Changes: []audit.Change{{Field: "status", Before: string(r.Status), After: string(to)}}})
	})
}

// Complete marks an assignment done. It needs an accepted report; the
// assignment's open milestones in the monitor are closed with it.
func (s *Service) Complete(ctx context.Context, scope string, assignmentID int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		a, err := s.openAssignment(ctx, tx, scope, assignmentID)
		if err != nil {
			return err
		}
		if a.Accepted == 0 {
			return invalid("%s承担的任务%s还没有已采纳的进展报告，请先报送进展并经法治办采纳后再标记完成", a.UnitName, a.TaskMarker)
		}
		uid, uname := actor(ctx, tx)
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE task_assignments SET status = ?, completed_at = ?, completed_by = ?,
			completed_by_name = ?, updated_at = ? WHERE id = ?`, string(StatusDone), now, store.NullInt(uid), uname, now, a.ID); err != nil {
			return err
		}
		closed, err := s.Deadlines.CompleteObject(ctx, tx, ObjectAssignment, strconv.FormatInt(a.ID, 10))
		if err != nil {
			return err
		}
		cycles, err := s.Deadlines.CompleteObject(ctx, tx, ObjectCycle, strconv.FormatInt(a.ID, 10))
		if err != nil {
			return err
		}
		closed += cycles
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionComplete, ObjectType: ObjectAssignment,
			ObjectID: strconv.FormatInt(a.ID, 10),
			Summary:  fmt.Sprintf("%s承担的任务%s“%s”标记完成，办结期限%d个", a.UnitName, a.TaskMarker, a.TaskTitle, closed),
			Changes:  []audit.Change{{Field: "status", Before: string(a.Stored), After: string(StatusDone)}}})
	})
}

// fulfilCycles closes the assignment's recurring-obligation occurrences due
// within the accepted report's period (a 第1季度 report fulfils the quarter
// ending 31 March; a 年度 report every occurrence of that year).
func (s *Service) fulfilCycles(ctx context.Context, tx *store.Tx, assignmentID int64, period string) error {
	from, to, ok := PeriodRange(period)
	if !ok {
		return nil
	}
	items, err := s.Deadlines.ItemsOf(ctx, ObjectCycle, strconv.FormatInt(assignmentID, 10))
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Status != deadline.StatusOpen {
			continue
		}
		if due := it.Due.String(); due >= from && due <= to {
			if err := s.Deadlines.Complete(ctx, tx, it.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
