package supervise

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// Audit actions of rectification (整改); ObjectRectification is its object
// type in the audit log, the deadline monitor and the evidence store.
const (
	ActionRectifyCreate = "rectify.create" // an item opened on a finding
	ActionRectifySubmit = "rectify.submit" // the unit's closing text and evidence
	ActionRectifyAccept = "rectify.accept" // 销号 by the 法治办
	ActionRectifyReturn = "rectify.return" // sent back with a comment

	ObjectRectification = "rectification"
)

// MaxRectifyDays bounds a rectification period (two years).
const MaxRectifyDays = 730

// RectifyStatus is where a rectification stands; Overdue is derived.
type RectifyStatus string

const (
	RectifyOpen      RectifyStatus = "rectifying" // 整改中
	RectifySubmitted RectifyStatus = "submitted"  // 待验收
	RectifyClosed    RectifyStatus = "closed"     // 已销号
	RectifyOverdue   RectifyStatus = "overdue"    // shown, never stored: 整改中 past the due date
)

// Label is the status in Chinese.
func (s RectifyStatus) Label() string {
	switch s {
	case RectifyOpen:
		return "整改中"
	case RectifySubmitted:
		return "待验收"
	case RectifyClosed:
		return "已销号"
	case RectifyOverdue:
		return "逾期"
	}
	return string(s)
}

// Rectification is one 整改 item: what a unit must put right by when, and
// how it was closed.
type Rectification struct {
	ID              int64
	FindingID       int64
	RoundID         int64
	RoundTitle      string
	FindingBody     string
	Severity        string
	UnitID          int64
	UnitName        string
	UnitPath        string
	Requirement     string
	Days            int
	StartDate       string // ISO
	DueDate         string // ISO, the monitor's (it may have been extended there)
	DeadlineItemID  int64
	Stored          RectifyStatus
	ClosingText     string
	SubmittedByName string
	SubmittedAt     time.Time
	ReviewComment   string
	AcceptedByName  string
	AcceptedAt      time.Time
	CreatedByName   string
	CreatedAt       time.Time
	Evidence        []attach.Attachment

	Overdue bool // not 销号 and past the due date
}

// Status is what the pages show: stored, or 逾期 while still being rectified.
func (r Rectification) Status() RectifyStatus {
	if r.Stored == RectifyOpen && r.Overdue {
		return RectifyOverdue
	}
	return r.Stored
}

// RectifyFilter selects rectifications.
type RectifyFilter struct {
	Scope    string // unit path prefix; "" for the whole county
	RoundID  int64
	OpenOnly bool // not yet 销号
}

const rectifySelect = `SELECT x.id, x.finding_id, f.round_id, r.title, f.body, f.severity, x.unit_id, u.name, u.path,
	x.requirement, x.days, x.start_date, COALESCE(d.due_date, x.due_date), COALESCE(x.deadline_item_id, 0), x.status,
	x.closing_text, x.submitted_by_name, x.submitted_at, x.review_comment, x.accepted_by_name, x.accepted_at,
	x.created_by_name, x.created_at
	FROM rectifications x JOIN inspection_findings f ON f.id = x.finding_id JOIN inspection_rounds r ON r.id = f.round_id
	JOIN units u ON u.id = x.unit_id LEFT JOIN deadline_items d ON d.id = x.deadline_item_id `

func scanRectification(sc interface{ Scan(...any) error }, today string) (Rectification, error) {
	var x Rectification
	var status string
	var submitted, accepted sql.NullTime
	err := sc.Scan(&x.ID, &x.FindingID, &x.RoundID, &x.RoundTitle, &x.FindingBody, &x.Severity, &x.UnitID, &x.UnitName,
		&x.UnitPath, &x.Requirement, &x.Days, &x.StartDate, &x.DueDate, &x.DeadlineItemID, &status, &x.ClosingText,
		&x.SubmittedByName, &submitted, &x.ReviewComment, &x.AcceptedByName, &accepted, &x.CreatedByName, &x.CreatedAt)
	x.Stored, x.SubmittedAt, x.AcceptedAt = RectifyStatus(status), submitted.Time, accepted.Time
	x.Overdue = x.Stored != RectifyClosed && x.DueDate < today
	return x, err
}

// ListRectifications returns the rectifications f selects, soonest due
// first, with their evidence.
func (s *Service) ListRectifications(ctx context.Context, f RectifyFilter) ([]Rectification, error) {
	var where []string
	var args []any
	if f.Scope != "" {
		where, args = append(where, "u.path LIKE ?"), append(args, f.Scope+"%")
	}
	if f.RoundID != 0 {
		where, args = append(where, "f.round_id = ?"), append(args, f.RoundID)
	}
	if f.OpenOnly {
		where = append(where, "x.status <> 'closed'")
	}
	q := rectifySelect
	if len(where) > 0 {
		q += "WHERE " + strings.Join(where, " AND ")
	}
	out, err := s.queryRectifications(ctx, s.DB.Read(), q+" ORDER BY COALESCE(d.due_date, x.due_date), x.id", args...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Evidence, err = s.Attach.ListFor(ctx, ObjectRectification, itoa(out[i].ID)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Service) queryRectifications(ctx context.Context, q store.Querier, query string, args ...any) ([]Rectification, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list rectifications: %w", err)
	}
	defer rows.Close()
	today := s.today()
	var out []Rectification
	for rows.Next() {
		x, err := scanRectification(rows, today)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// GetRectification loads one rectification (without evidence).
func (s *Service) GetRectification(ctx context.Context, id int64) (Rectification, error) {
	return s.getRectification(ctx, s.DB.Read(), id)
}

func (s *Service) getRectification(ctx context.Context, q store.Querier, id int64) (Rectification, error) {
	xs, err := s.queryRectifications(ctx, q, rectifySelect+"WHERE x.id = ?", id)
	if err != nil {
		return Rectification{}, err
	}
	if len(xs) == 0 {
		return Rectification{}, notFound("整改事项（编号 %d）不存在", id)
	}
	return xs[0], nil
}

// RectifyInput is a new rectification as the form sends it: the period as
// natural days from today, or a due date (which wins when both are given).
type RectifyInput struct {
	FindingID   int64
	UnitID      int64 // owner; 0 for the finding's unit
	Requirement string
	Days        int
	DueDate     string // ISO
}

// days turns the input's period into natural days from today.
func (in RectifyInput) days(today calendar.Date) (int, error) {
	if in.DueDate = strings.TrimSpace(in.DueDate); in.DueDate != "" {
		due, err := calendar.ParseDate(in.DueDate)
		if err != nil {
			return 0, invalid("整改期限日期格式有误，请按 2026-12-31 的格式填写")
		}
		if !today.Before(due) {
			return 0, invalid("整改期限应晚于今天")
		}
		in.Days = today.DaysUntil(due)
	}
	if in.Days < 1 || in.Days > MaxRectifyDays {
		return 0, invalid("请填写整改期限：1至%d日，或选择截止日期", MaxRectifyDays)
	}
	return in.Days, nil
}

// CreateRectification opens a 整改 item on a finding and registers its
// deadline with the monitor, owned by the responsible unit.
func (s *Service) CreateRectification(ctx context.Context, scope string, in RectifyInput) (int64, error) {
	in.Requirement = strings.TrimSpace(in.Requirement)
	if in.Requirement == "" {
		return 0, invalid("请填写整改要求")
	}
	if utf8.RuneCountInString(in.Requirement) > maxRoundText {
		return 0, invalid("整改要求不能超过%d字", maxRoundText)
	}
	start := s.Deadlines.Today()
	days, err := in.days(start)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		fs, err := roundFindings(ctx, tx, "WHERE f.id = ?", in.FindingID)
		if err != nil {
			return err
		}
		if len(fs) == 0 {
			return notFound("督察问题（编号 %d）不存在", in.FindingID)
		}
		f := fs[0]
		r, err := s.openRound(ctx, tx, f.RoundID)
		if err != nil {
			return err
		}
		if in.UnitID == 0 {
			in.UnitID = f.UnitID
		}
		name, path, err := unitOf(ctx, tx, in.UnitID)
		if err != nil {
			return err
		}
		if !inScope(scope, path) {
			return forbidden(name)
		}
		if id, err = s.insertRectification(ctx, tx, in, days, start); err != nil {
			return err
		}
		due, err := s.registerRectification(ctx, tx, id, r.Title, in, days, start)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRectifyCreate, ObjectType: ObjectRectification, ObjectID: itoa(id),
			Summary: fmt.Sprintf("督察“%s”责令%s整改：%s，期限%d日（%s届满）", r.Title, name, in.Requirement, days, due.Chinese())})
	})
	return id, err
}

func (s *Service) insertRectification(ctx context.Context, tx *store.Tx, in RectifyInput, days int, start calendar.Date) (int64, error) {
	uid, uname := actor(ctx, tx)
	now := s.now()
	return tx.InsertID(ctx, `INSERT INTO rectifications (finding_id, unit_id, requirement, days, start_date, due_date,
		status, created_by, created_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.FindingID, in.UnitID, in.Requirement, days, start.String(), start.AddDays(days).String(),
		string(RectifyOpen), store.NullInt(uid), uname, now, now)
}

// registerRectification puts the item's deadline in the monitor: a custom
// period of natural days, moved like every period to the next working day
// when it ends on a holiday (民法典第203条). It returns the due date.
func (s *Service) registerRectification(ctx context.Context, tx *store.Tx, id int64, roundTitle string, in RectifyInput,
	days int, start calendar.Date) (calendar.Date, error) {
	title := []rune(in.Requirement)
	if len(title) > 40 {
		title = append(title[:40], '…')
	}
	itemID, err := s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectRectification, ObjectID: itoa(id),
		Title: "整改：" + string(title), Link: fmt.Sprintf("/rectifications#rect-%d", id),
		N: days, Unit: calendar.UnitDay, Start: start, UnitID: in.UnitID,
		Citation: fmt.Sprintf("督察“%s”整改要求", roundTitle)})
	if err != nil {
		return calendar.Date{}, fmt.Errorf("register rectification deadline: %w", err)
	}
	var due string
	if err := tx.QueryRowContext(ctx, `SELECT due_date FROM deadline_items WHERE id = ?`, itemID).Scan(&due); err != nil {
		return calendar.Date{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE rectifications SET deadline_item_id = ?, due_date = ? WHERE id = ?`,
		itemID, due, id); err != nil {
		return calendar.Date{}, err
	}
	return calendar.ParseDate(due)
}

// maxClosing bounds the closing text of a rectification.
const maxClosing = 5000

// SubmitRectification files the unit's closing text and evidence for
// acceptance. The evidence is stored first (each file commits on its own),
// so a refused file leaves the item unchanged; at least one file is needed,
// counting those uploaded on an earlier, returned submission.
func (s *Service) SubmitRectification(ctx context.Context, scope string, id int64, text string, files []Upload) error {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return invalid("请填写整改情况")
	case utf8.RuneCountInString(text) > maxClosing:
		return invalid("整改情况不能超过%d字", maxClosing)
	}
	x, err := s.GetRectification(ctx, id)
	if err != nil {
		return err
	}
	if err := checkSubmittable(scope, x); err != nil {
		return err
	}
	for _, f := range files {
		_, err := s.Attach.Save(ctx, f.Data, attach.Meta{Filename: f.Name, UnitID: x.UnitID,
			ObjectType: ObjectRectification, ObjectID: itoa(id), Note: "整改佐证材料"})
		var ae *attach.Error
		if errors.As(err, &ae) {
			return invalid("佐证材料“%s”未能上传：%s", f.Name, ae.Message)
		}
		if err != nil {
			return fmt.Errorf("save rectification evidence %s: %w", f.Name, err)
		}
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		x, err := s.getRectification(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkSubmittable(scope, x); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attachments WHERE object_type = ? AND object_id = ?`,
			ObjectRectification, itoa(id)).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return invalid("请上传整改佐证材料（整改报告、制度文件、照片等）")
		}
		uid, uname := actor(ctx, tx)
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE rectifications SET status = ?, closing_text = ?, submitted_by = ?,
			submitted_by_name = ?, submitted_at = ?, updated_at = ? WHERE id = ?`,
			string(RectifySubmitted), text, store.NullInt(uid), uname, now, now, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRectifySubmit, ObjectType: ObjectRectification, ObjectID: itoa(id),
			Summary: fmt.Sprintf("%s报送整改情况（佐证材料%d份）：%s", x.UnitName, n, text),
			Changes: []audit.Change{{Field: "status", Before: string(x.Stored), After: string(RectifySubmitted)}}})
	})
}

func checkSubmittable(scope string, x Rectification) error {
	if !inScope(scope, x.UnitPath) {
		return newErr(CodeForbidden, "整改事项由“%s”负责，不在您的数据范围内", x.UnitName)
	}
	if x.Stored != RectifyOpen {
		return conflict("该整改事项%s，不能再报送", x.Stored.Label())
	}
	return nil
}

// AcceptRectification is the 法治办's 销号: the item closes and its
// deadline in the monitor is completed.
func (s *Service) AcceptRectification(ctx context.Context, scope string, id int64, comment string) error {
	return s.reviewRectification(ctx, scope, id, true, comment)
}

// ReturnRectification sends a submission back, saying what is missing.
func (s *Service) ReturnRectification(ctx context.Context, scope string, id int64, comment string) error {
	if strings.TrimSpace(comment) == "" {
		return invalid("退回整改时请填写意见，说明需要补充的内容")
	}
	return s.reviewRectification(ctx, scope, id, false, comment)
}

func (s *Service) reviewRectification(ctx context.Context, scope string, id int64, accept bool, comment string) error {
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > maxComment {
		return invalid("验收意见不能超过%d字", maxComment)
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		x, err := s.getRectification(ctx, tx, id)
		if err != nil {
			return err
		}
		if !inScope(scope, x.UnitPath) {
			return forbidden(x.UnitName)
		}
		if x.Stored != RectifySubmitted {
			return conflict("该整改事项%s，不能验收", x.Status().Label())
		}
		uid, uname := actor(ctx, tx)
		now := s.now()
		action, to, verb := ActionRectifyReturn, RectifyOpen, "退回"
		if accept {
			action, to, verb = ActionRectifyAccept, RectifyClosed, "销号"
			_, err = tx.ExecContext(ctx, `UPDATE rectifications SET status = ?, review_comment = ?, accepted_by = ?,
				accepted_by_name = ?, accepted_at = ?, updated_at = ? WHERE id = ?`,
				string(to), comment, store.NullInt(uid), uname, now, now, id)
			if err == nil {
				_, err = s.Deadlines.CompleteObject(ctx, tx, ObjectRectification, itoa(id))
			}
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE rectifications SET status = ?, review_comment = ?, updated_at = ? WHERE id = ?`,
				string(to), comment, now, id)
		}
		if err != nil {
			return err
		}
		summary := fmt.Sprintf("%s%s的整改事项（督察“%s”）", verb, x.UnitName, x.RoundTitle)
		if comment != "" {
			summary += "，意见：" + comment
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: action, ObjectType: ObjectRectification, ObjectID: itoa(id),
			Summary: summary, Changes: []audit.Change{{Field: "status", Before: string(x.Stored), After: string(to)}}})
	})
}
