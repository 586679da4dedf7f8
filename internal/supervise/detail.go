package supervise

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"fazhi/internal/deadline"
	"fazhi/internal/plan"
)

// TaskDetail is one plan task under supervision: its text and deadlines,
// the units it is assigned to with their milestones in the monitor, and the
// progress reports with their evidence.
type TaskDetail struct {
	TaskID      int64
	PlanID      int64
	PlanTitle   string
	Chapter     string
	Marker      string
	Title       string
	Body        string
	Milestones  []plan.Deadline
	Assignments []Assignment
	Items       []deadline.Item // the lead units' milestones, soonest first
	Reports     []Report
}

// Task loads a task with everything the task page shows.
func (s *Service) Task(ctx context.Context, taskID int64) (TaskDetail, error) {
	d := TaskDetail{TaskID: taskID}
	err := s.DB.Read().QueryRowContext(ctx, `SELECT t.plan_id, p.title, COALESCE(c.heading, ''), t.marker, t.title, t.body
		FROM plan_tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN plan_chapters c ON c.id = t.chapter_id
		WHERE t.id = ?`, taskID).Scan(&d.PlanID, &d.PlanTitle, &d.Chapter, &d.Marker, &d.Title, &d.Body)
	if isNoRows(err) {
		return d, notFound("任务不存在")
	}
	if err != nil {
		return d, fmt.Errorf("load task %d: %w", taskID, err)
	}
	if d.Milestones, err = s.milestones(ctx, taskID); err != nil {
		return d, err
	}
	if d.Assignments, err = s.List(ctx, Filter{TaskID: taskID}); err != nil {
		return d, err
	}
	for _, a := range d.Assignments {
		if a.Role != "lead" {
			continue
		}
		for _, kind := range []string{ObjectAssignment, ObjectCycle} {
			items, err := s.Deadlines.ItemsOf(ctx, kind, strconv.FormatInt(a.ID, 10))
			if err != nil {
				return d, err
			}
			d.Items = append(d.Items, items...)
		}
	}
	sortItems(d.Items)
	d.Reports, err = s.ReportsOfTask(ctx, taskID)
	return d, err
}

func (s *Service) milestones(ctx context.Context, taskID int64) ([]plan.Deadline, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT phrase, kind, due_date, period, every, due_point
		FROM plan_milestones WHERE task_id = ? ORDER BY id`, taskID)
	if err != nil {
		return nil, fmt.Errorf("load milestones: %w", err)
	}
	defer rows.Close()
	var out []plan.Deadline
	for rows.Next() {
		var m plan.Deadline
		if err := rows.Scan(&m.Phrase, &m.Kind, &m.Date, &m.Period, &m.Every, &m.Due); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func sortItems(items []deadline.Item) {
	slices.SortStableFunc(items, func(a, b deadline.Item) int { return a.Due.Compare(b.Due) })
}
