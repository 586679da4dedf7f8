package supervise

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/store"
)

// Status of an assignment as stored; Overdue is derived from the monitor.
type Status string

const (
	StatusNotStarted Status = "not_started"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
	StatusOverdue    Status = "overdue" // shown, never stored: open with a milestone past due
)

// Statuses in display order, for filters.
var Statuses = []Status{StatusNotStarted, StatusInProgress, StatusDone, StatusOverdue}

// Label is the status in Chinese.
func (s Status) Label() string {
	switch s {
	case StatusNotStarted:
		return "未开始"
	case StatusInProgress:
		return "进行中"
	case StatusDone:
		return "已完成"
	case StatusOverdue:
		return "逾期"
	}
	return string(s)
}

// AtRiskDays is how many natural days before an open milestone a task is
// flagged 临期: plan tasks take weeks, so the monitor's three working days
// would come too late to act on.
const AtRiskDays = 14

// Assignment is one task given to one unit.
type Assignment struct {
	ID          int64
	PlanID      int64
	PlanTitle   string
	TaskID      int64
	TaskMarker  string
	TaskTitle   string
	Chapter     string
	UnitID      int64
	UnitName    string
	UnitPath    string
	Role        string // lead | co
	Stored      Status // as stored: not started, in progress or done
	DueDate     string // last dated milestone (ISO), "" when the task has none
	NextDue     string // earliest open milestone in the monitor, "" when none
	CompletedAt time.Time
	Reports     int
	Pending     int // reports awaiting review
	Accepted    int

	Overdue bool // open with a milestone past due
	AtRisk  bool // open with a milestone due within AtRiskDays
}

// Status is what the pages show: stored, or overdue.
func (a Assignment) Status() Status {
	if a.Stored != StatusDone && a.Overdue {
		return StatusOverdue
	}
	return a.Stored
}

// RoleLabel is the unit's role in Chinese.
func (a Assignment) RoleLabel() string {
	if a.Role == "co" {
		return "配合"
	}
	return "牵头/责任"
}

// OnTime reports whether a done assignment was completed by its due date
// (a task without dated milestones is on time when done).
func (a Assignment) OnTime() bool {
	if a.Stored != StatusDone {
		return false
	}
	return a.DueDate == "" || a.CompletedAt.In(cst).Format(time.DateOnly) <= a.DueDate
}

// Filter selects assignments.
type Filter struct {
	Scope    string // unit path prefix; "" for the whole county
	PlanID   int64
	TaskID   int64
	UnitID   int64
	Status   Status // "" for any; StatusOverdue for the overdue ones
	Overdue  bool   // only overdue
	AtRisk   bool   // only 临期
	LeadOnly bool   // only lead units (the dashboard's counts)
}

const assignmentSelect = `SELECT a.id, a.plan_id, p.title, a.task_id, t.marker, t.title, COALESCE(c.heading, ''),
	a.unit_id, u.name, u.path, a.role, a.status, a.due_date, a.completed_at,
	COALESCE((SELECT MIN(d.due_date) FROM deadline_items d WHERE d.object_type IN ('task_assignment', 'task_cycle')
		AND d.object_id = CAST(a.id AS TEXT) AND d.status = 'open'), ''),
	(SELECT COUNT(*) FROM task_reports r WHERE r.assignment_id = a.id),
	(SELECT COUNT(*) FROM task_reports r WHERE r.assignment_id = a.id AND r.status = 'submitted'),
	(SELECT COUNT(*) FROM task_reports r WHERE r.assignment_id = a.id AND r.status = 'accepted')
	FROM task_assignments a JOIN plans p ON p.id = a.plan_id JOIN plan_tasks t ON t.id = a.task_id
	LEFT JOIN plan_chapters c ON c.id = t.chapter_id JOIN units u ON u.id = a.unit_id `

func (s *Service) scanAssignment(sc interface{ Scan(...any) error }, today string) (Assignment, error) {
	var a Assignment
	var status string
	var done sql.NullTime
	err := sc.Scan(&a.ID, &a.PlanID, &a.PlanTitle, &a.TaskID, &a.TaskMarker, &a.TaskTitle, &a.Chapter,
		&a.UnitID, &a.UnitName, &a.UnitPath, &a.Role, &status, &a.DueDate, &done, &a.NextDue,
		&a.Reports, &a.Pending, &a.Accepted)
	a.Stored, a.CompletedAt = Status(status), done.Time
	if a.Stored != StatusDone && a.NextDue != "" {
		a.Overdue = a.NextDue < today
		a.AtRisk = !a.Overdue && a.NextDue <= addDays(today, AtRiskDays)
	}
	return a, err
}

func addDays(iso string, n int) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// List returns the assignments f selects, by plan, task order and unit.
func (s *Service) List(ctx context.Context, f Filter) ([]Assignment, error) {
	return s.list(ctx, s.DB.Read(), f)
}

func (s *Service) list(ctx context.Context, q store.Querier, f Filter) ([]Assignment, error) {
	var where []string
	var args []any
	add := func(cond string, v any) { where, args = append(where, cond), append(args, v) }
	if f.Scope != "" {
		add("u.path LIKE ?", f.Scope+"%")
	}
	if f.PlanID != 0 {
		add("a.plan_id = ?", f.PlanID)
	}
	if f.TaskID != 0 {
		add("a.task_id = ?", f.TaskID)
	}
	if f.UnitID != 0 {
		add("a.unit_id = ?", f.UnitID)
	}
	if f.LeadOnly {
		add("a.role = ?", "lead")
	}
	if f.Status != "" && f.Status != StatusOverdue {
		add("a.status = ?", string(f.Status))
	}
	query := assignmentSelect
	if len(where) > 0 {
		query += "WHERE " + strings.Join(where, " AND ")
	}
	rows, err := q.QueryContext(ctx, query+" ORDER BY a.plan_id DESC, t.seq, a.role DESC, u.path", args...)
	if err != nil {
		return nil, fmt.Errorf("list assignments: %w", err)
	}
	defer rows.Close()
	today := s.today()
	var out []Assignment
	for rows.Next() {
		a, err := s.scanAssignment(rows, today)
		if err != nil {
			return nil, err
		}
		if (f.Overdue || f.Status == StatusOverdue) && !a.Overdue || f.Status != "" && a.Status() != f.Status ||
			f.AtRisk && !a.AtRisk {
			continue
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Get loads one assignment.
func (s *Service) Get(ctx context.Context, id int64) (Assignment, error) {
	return s.get(ctx, s.DB.Read(), id)
}

func (s *Service) get(ctx context.Context, q store.Querier, id int64) (Assignment, error) {
	a, err := s.scanAssignment(q.QueryRowContext(ctx, assignmentSelect+"WHERE a.id = ?", id), s.today())
	if isNoRows(err) {
		return a, notFound("督办任务（编号 %d）不存在", id)
	}
	if err != nil {
		return a, fmt.Errorf("load assignment %d: %w", id, err)
	}
	return a, nil
}
