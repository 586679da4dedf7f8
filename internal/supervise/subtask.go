package supervise

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// Audit actions and the monitor's object type of sub-tasks.
const (
	ActionSubtaskCreate = "task.subtask.create"
	ActionSubtaskDone   = "task.subtask.done"
	ObjectSubtask       = "task_subtask"
)

// Subtask is one piece of a lead unit's task.
type Subtask struct {
	ID           int64
	AssignmentID int64
	TaskID       int64
	Title        string
	Detail       string
	UnitID       int64
	UnitName     string
	UnitPath     string
	DueDate      string // ISO
	Done         bool
	DoneNote     string
	DoneAt       time.Time
	DoneByName   string
	CreatedBy    string
	CreatedAt    time.Time
	Overdue      bool
}

// SubtaskInput is a sub-task as the lead unit enters it.
type SubtaskInput struct {
	AssignmentID int64
	Title        string
	Detail       string
	UnitID       int64
	DueDate      string
}

// Limits of a sub-task's text.
const (
	maxSubtaskTitle  = 100
	maxSubtaskDetail = 1000
)

// CreateSubtask adds a sub-task to a lead unit's open assignment. The
// sub-task's unit is the lead unit, one of its sections (its subtree), or a
// co-operating unit of the same task; its due date goes to the monitor.
func (s *Service) CreateSubtask(ctx context.Context, scope string, in SubtaskInput) (int64, error) {
	in.Title, in.Detail = strings.TrimSpace(in.Title), strings.TrimSpace(in.Detail)
	switch {
	case in.Title == "":
		return 0, invalid("请填写分解任务的内容")
	case utf8.RuneCountInString(in.Title) > maxSubtaskTitle:
		return 0, invalid("分解任务的内容不能超过%d字", maxSubtaskTitle)
	case utf8.RuneCountInString(in.Detail) > maxSubtaskDetail:
		return 0, invalid("工作要求不能超过%d字", maxSubtaskDetail)
	}
	due, err := calendar.ParseDate(in.DueDate)
	if err != nil {
		return 0, invalid("请填写完成时限（如 2026-12-31）")
	}
	if due.String() < s.today() {
		return 0, invalid("完成时限%s已经过去，请填写今天或以后的日期", due.Chinese())
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		a, err := s.openAssignment(ctx, tx, scope, in.AssignmentID)
		if err != nil {
			return err
		}
		if a.Role != "lead" {
			return invalid("只有牵头单位可以分解任务，%s是该任务的配合单位", a.UnitName)
		}
		unitName, err := s.subtaskUnit(ctx, tx, a, in.UnitID)
		if err != nil {
			return err
		}
		uid, uname := actor(ctx, tx)
		id, err = tx.InsertID(ctx, `INSERT INTO task_subtasks (assignment_id, title, detail, unit_id, due_date, created_by,
			created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, in.Title, in.Detail, in.UnitID, due.String(), store.NullInt(uid), uname, s.now())
		if err != nil {
			return err
		}
		if _, err := s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectSubtask, ObjectID: itoa(id),
			Title: fmt.Sprintf("%s分解任务：%s", a.TaskMarker, in.Title), Link: fmt.Sprintf("/tasks/%d#subtask-%d", a.TaskID, id),
			Unit: deadline.UnitFixedDate, Start: due, UnitID: in.UnitID,
			Citation: fmt.Sprintf("%s对任务%s的分解", a.UnitName, a.TaskMarker)}); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionSubtaskCreate, ObjectType: ObjectSubtask, ObjectID: itoa(id),
			Summary: fmt.Sprintf("%s分解任务%s：%s（%s，%s前完成）", a.UnitName, a.TaskMarker, in.Title, unitName, due.Chinese())})
	})
	return id, err
}

// subtaskUnit checks that unitID may carry a sub-task of a and returns its name.
func (s *Service) subtaskUnit(ctx context.Context, tx *store.Tx, a Assignment, unitID int64) (string, error) {
	var name, path string
	err := tx.QueryRowContext(ctx, `SELECT name, path FROM units WHERE id = ? AND active = ?`, unitID, true).Scan(&name, &path)
	if isNoRows(err) {
		return "", invalid("请选择承办分解任务的单位")
	}
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(path, a.UnitPath) {
		return name, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM task_assignments WHERE task_id = ? AND unit_id = ?`,
		a.TaskID, unitID).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		return "", invalid("%s不是本单位的内设机构，也不是该任务的配合单位，不能承办分解任务", name)
	}
	return name, nil
}

// CompleteSubtask marks a sub-task done with a note on what was done. The
// sub-task's own unit or the lead unit may do it.
func (s *Service) CompleteSubtask(ctx context.Context, scope string, id int64, note string) error {
	note = strings.TrimSpace(note)
	if note == "" {
		return invalid("请简要填写完成情况")
	}
	if utf8.RuneCountInString(note) > maxSubtaskDetail {
		return invalid("完成情况不能超过%d字", maxSubtaskDetail)
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		st, err := s.subtask(ctx, tx, id)
		if err != nil {
			return err
		}
		a, err := s.get(ctx, tx, st.AssignmentID)
		if err != nil {
			return err
		}
		if !inScope(scope, st.UnitPath) && !inScope(scope, a.UnitPath) {
			return forbidden(st.UnitName)
		}
		if st.Done {
			return conflict("分解任务“%s”已完成", st.Title)
		}
		_, uname := actor(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE task_subtasks SET status = 'done', done_note = ?, done_at = ?, done_by_name = ?
			WHERE id = ?`, note, s.now(), uname, id); err != nil {
			return err
		}
		if _, err := s.Deadlines.CompleteObject(ctx, tx, ObjectSubtask, itoa(id)); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionSubtaskDone, ObjectType: ObjectSubtask, ObjectID: itoa(id),
			Summary: fmt.Sprintf("%s完成分解任务“%s”：%s", st.UnitName, st.Title, note),
			Changes: []audit.Change{{Field: "status", Before: "open", After: "done"}}})
	})
}

const subtaskSelect = `SELECT s.id, s.assignment_id, a.task_id, s.title, s.detail, s.unit_id, u.name, u.path, s.due_date,
	s.status, s.done_note, s.done_at, s.done_by_name, s.created_by_name, s.created_at
	FROM task_subtasks s JOIN task_assignments a ON a.id = s.assignment_id JOIN units u ON u.id = s.unit_id `

func (s *Service) scanSubtask(sc interface{ Scan(...any) error }) (Subtask, error) {
	var st Subtask
	var status string
	var doneAt sql.NullTime
	err := sc.Scan(&st.ID, &st.AssignmentID, &st.TaskID, &st.Title, &st.Detail, &st.UnitID, &st.UnitName, &st.UnitPath,
		&st.DueDate, &status, &st.DoneNote, &doneAt, &st.DoneByName, &st.CreatedBy, &st.CreatedAt)
	st.Done = status == "done"
	st.DoneAt = doneAt.Time
	st.Overdue = !st.Done && st.DueDate < s.today()
	return st, err
}

func (s *Service) subtask(ctx context.Context, tx *store.Tx, id int64) (Subtask, error) {
	st, err := s.scanSubtask(tx.QueryRowContext(ctx, subtaskSelect+`WHERE s.id = ?`, id))
	if isNoRows(err) {
		return st, notFound("分解任务不存在")
	}
	return st, err
}

// Subtasks lists a task's sub-tasks, by lead unit and due date.
func (s *Service) Subtasks(ctx context.Context, taskID int64) ([]Subtask, error) {
	rows, err := s.DB.Read().QueryContext(ctx, subtaskSelect+`WHERE a.task_id = ? ORDER BY s.assignment_id, s.due_date, s.id`, taskID)
	if err != nil {
		return nil, fmt.Errorf("load sub-tasks: %w", err)
	}
	defer rows.Close()
	var out []Subtask
	for rows.Next() {
		st, err := s.scanSubtask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// SubtaskUnits are the units a lead assignment's sub-tasks may go to: the
// lead unit and its sections, and the task's co-operating units.
func (s *Service) SubtaskUnits(ctx context.Context, a Assignment) ([]UnitRef, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, name FROM units WHERE active = ? AND path LIKE ?
		UNION SELECT u.id, u.name FROM task_assignments x JOIN units u ON u.id = x.unit_id WHERE x.task_id = ? AND x.role = 'co'
		ORDER BY 1`, true, a.UnitPath+"%", a.TaskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UnitRef
	for rows.Next() {
		var u UnitRef
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UnitRef names a unit.
type UnitRef struct {
	ID   int64
	Name string
}
