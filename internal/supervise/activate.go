package supervise

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/plan"
	"fazhi/internal/store"
)

// planTask is what activation needs of a task.
type planTask struct {
	id            int64
	marker, title string
	units         []taskUnit
	milestones    []milestone
}

type taskUnit struct {
	id   int64
	role string
}

// milestone is a dated deadline of a task; cycle marks one occurrence of a
// recurring obligation.
type milestone struct {
	phrase, date string
	cycle        bool
}

// ActivateResult counts what one activation created.
type ActivateResult struct {
	Assignments int
	Deadlines   int
}

// Activate assigns every task of a confirmed plan to its units (lead and
// co-operating) and registers each dated milestone with the deadline monitor,
// owned by the lead unit. It only adds what is missing, so it may run again
// (after a plan change, or for every plan at start-up).
func (s *Service) Activate(ctx context.Context, planID int64) (ActivateResult, error) {
	var res ActivateResult
	title, confirmed, err := s.planHead(ctx, planID)
	if err != nil {
		return res, err
	}
	tasks, err := loadPlanTasks(ctx, s.DB.Read(), planID, confirmed)
	if err != nil {
		return res, err
	}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		res = ActivateResult{}
		for _, t := range tasks {
			for _, u := range t.units {
				n, err := s.assign(ctx, tx, planID, title, confirmed, t, u)
				if err != nil {
					return fmt.Errorf("task %s unit %d: %w", t.marker, u.id, err)
				}
				if n >= 0 {
					res.Assignments++
					res.Deadlines += n
				}
			}
		}
		if res.Assignments == 0 {
			return nil
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionActivate, ObjectType: "plan", ObjectID: fmt.Sprint(planID),
			Summary: fmt.Sprintf("启动方案《%s》督办：分配任务%d项次，登记期限%d个", title, res.Assignments, res.Deadlines)})
	})
	return res, err
}

// planHead loads a plan's title and confirmation date (CST).
func (s *Service) planHead(ctx context.Context, planID int64) (string, calendar.Date, error) {
	var title, status string
	var confirmed *time.Time
	err := s.DB.Read().QueryRowContext(ctx, `SELECT title, status, confirmed_at FROM plans WHERE id = ?`, planID).
		Scan(&title, &status, &confirmed)
	if isNoRows(err) {
		return "", calendar.Date{}, notFound("方案不存在")
	}
	if err != nil {
		return "", calendar.Date{}, fmt.Errorf("load plan %d: %w", planID, err)
	}
	if status != "confirmed" || confirmed == nil {
		return "", calendar.Date{}, invalid("方案《%s》尚未确认，不能启动督办", title)
	}
	return title, calendar.DateOf(confirmed.In(cst)), nil
}

// loadPlanTasks reads the plan's work tasks (not 指导思想 and the like) with
// their units and milestones: the dated ones, and each occurrence of the
// recurring ones (每季度 …) from the confirmation to the plan's horizon. A
// unit named both lead and co is lead.
func loadPlanTasks(ctx context.Context, q store.Querier, planID int64, confirmed calendar.Date) ([]planTask, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, marker, title FROM plan_tasks WHERE plan_id = ? AND framing = ? ORDER BY seq`,
		planID, false)
	if err != nil {
		return nil, fmt.Errorf("load plan tasks: %w", err)
	}
	var tasks []planTask
	index := map[int64]int{}
	for rows.Next() {
		var t planTask
		if err := rows.Scan(&t.id, &t.marker, &t.title); err != nil {
			rows.Close()
			return nil, err
		}
		index[t.id] = len(tasks)
		tasks = append(tasks, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := loadUnits(ctx, q, planID, tasks, index); err != nil {
		return nil, err
	}
	return tasks, loadMilestones(ctx, q, planID, confirmed, tasks, index)
}

func loadUnits(ctx context.Context, q store.Querier, planID int64, tasks []planTask, index map[int64]int) error {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT tu.task_id, tu.unit_id, tu.role FROM plan_task_units tu
		JOIN plan_tasks t ON t.id = tu.task_id WHERE t.plan_id = ? AND tu.unit_id IS NOT NULL
		ORDER BY tu.task_id, tu.role DESC, tu.unit_id`, planID)
	if err != nil {
		return fmt.Errorf("load task units: %w", err)
	}
	defer rows.Close()
	seen := map[[2]int64]bool{}
	for rows.Next() {
		var taskID int64
		var u taskUnit
		if err := rows.Scan(&taskID, &u.id, &u.role); err != nil {
			return err
		}
		i, ok := index[taskID]
		if !ok || seen[[2]int64{taskID, u.id}] { // framing task, or lead already ("lead" sorts after "co" descending)
			continue
		}
		seen[[2]int64{taskID, u.id}] = true
		tasks[i].units = append(tasks[i].units, u)
	}
	return rows.Err()
}

// maxHorizonYears caps how far ahead recurring obligations are registered
// when a plan names no later date.
const maxHorizonYears = 5

func loadMilestones(ctx context.Context, q store.Querier, planID int64, confirmed calendar.Date, tasks []planTask, index map[int64]int) error {
	rows, err := q.QueryContext(ctx, `SELECT m.task_id, m.phrase, m.kind, m.due_date, m.period, m.every, m.due_point
		FROM plan_milestones m JOIN plan_tasks t ON t.id = m.task_id WHERE t.plan_id = ? ORDER BY m.id`, planID)
	if err != nil {
		return fmt.Errorf("load milestones: %w", err)
	}
	defer rows.Close()
	type recurring struct {
		task int
		d    plan.Deadline
	}
	var recs []recurring
	horizon := fmt.Sprintf("%d-12-31", confirmed.Year)
	for rows.Next() {
		var taskID int64
		var d plan.Deadline
		if err := rows.Scan(&taskID, &d.Phrase, &d.Kind, &d.Date, &d.Period, &d.Every, &d.Due); err != nil {
			return err
		}
		i, ok := index[taskID]
		switch {
		case d.Kind == plan.Milestone && d.Date != "":
			horizon = max(horizon, d.Date[:4]+"-12-31")
			if ok {
				tasks[i].milestones = append(tasks[i].milestones, milestone{phrase: d.Phrase, date: d.Date})
			}
		case d.Kind == plan.Recurring && ok:
			recs = append(recs, recurring{i, d})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	horizon = min(horizon, fmt.Sprintf("%d-12-31", confirmed.Year+maxHorizonYears))
	for _, r := range recs {
		for _, day := range plan.Occurrences(r.d, confirmed.String(), horizon) {
			tasks[r.task].milestones = append(tasks[r.task].milestones,
				milestone{phrase: fmt.Sprintf("%s：%s", r.d.Phrase, chineseDate(day)), date: day, cycle: true})
		}
	}
	return nil
}

// chineseDate writes an ISO date as 2026年3月31日.
func chineseDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2006年1月2日")
}

// assign creates one assignment unless it exists, registering the lead
// unit's milestones; it returns how many deadlines it registered, or -1
// when the assignment was already there.
func (s *Service) assign(ctx context.Context, tx *store.Tx, planID int64, planTitle string, confirmed calendar.Date,
	t planTask, u taskUnit) (int, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM task_assignments WHERE task_id = ? AND unit_id = ?`,
		t.id, u.id).Scan(&n); err != nil || n > 0 {
		return -1, err
	}
	now := s.now()
	id, err := tx.InsertID(ctx, `INSERT INTO task_assignments (plan_id, task_id, unit_id, role, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, planID, t.id, u.id, u.role, string(StatusNotStarted), now, now)
	if err != nil {
		return 0, err
	}
	if u.role != "lead" {
		return 0, nil
	}
	for _, m := range t.milestones {
		if _, err := s.Deadlines.Register(ctx, tx, milestoneItem(id, planTitle, confirmed, t, u.id, m)); err != nil {
			return 0, fmt.Errorf("milestone %s: %w", m.phrase, err)
		}
	}
	// The assignment's due date is the last milestone as the monitor computed it.
	_, err = tx.ExecContext(ctx, `UPDATE task_assignments SET due_date = COALESCE((SELECT MAX(due_date) FROM deadline_items
		WHERE object_type = ? AND object_id = ?), '') WHERE id = ?`, ObjectAssignment, strconv.FormatInt(id, 10), id)
	return len(t.milestones), err
}

// milestoneItem is a dated milestone as a monitor item with the date the
// plan fixes (not a period: it is not moved off holidays). A phrase whose
// date cannot be read falls back to one natural day from the confirmation.
func milestoneItem(assignmentID int64, planTitle string, confirmed calendar.Date, t planTask, unitID int64, m milestone) deadline.Item {
	kind := ObjectAssignment
	if m.cycle {
		kind = ObjectCycle
	}
	it := deadline.Item{ObjectType: kind, ObjectID: strconv.FormatInt(assignmentID, 10),
		Title: fmt.Sprintf("%s%s（%s）", t.marker, t.title, m.phrase), Link: fmt.Sprintf("/tasks/%d", t.id),
		Unit: deadline.UnitFixedDate, UnitID: unitID,
		Citation: fmt.Sprintf("《%s》%s：%s", planTitle, t.marker, m.phrase)}
	due, err := calendar.ParseDate(m.date)
	if err != nil {
		it.Unit, it.N, it.Start = calendar.UnitDay, 1, confirmed
		return it
	}
	it.Start = due
	return it
}

// Pending lists the confirmed plans with tasks not yet assigned.
func (s *Service) Pending(ctx context.Context) ([]PlanRef, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT p.id, p.title FROM plans p WHERE p.status = 'confirmed'
		AND EXISTS (SELECT 1 FROM plan_task_units tu JOIN plan_tasks t ON t.id = tu.task_id
			WHERE t.plan_id = p.id AND t.framing = ? AND tu.unit_id IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM task_assignments a WHERE a.task_id = t.id AND a.unit_id = tu.unit_id))
		ORDER BY p.id`, false)
	if err != nil {
		return nil, fmt.Errorf("pending plans: %w", err)
	}
	defer rows.Close()
	var out []PlanRef
	for rows.Next() {
		var p PlanRef
		if err := rows.Scan(&p.ID, &p.Title); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PlanRef names a plan.
type PlanRef struct {
	ID    int64
	Title string
}
