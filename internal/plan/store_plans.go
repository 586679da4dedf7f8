package plan

import (
	"context"
	"fmt"
	"time"

	"fazhi/internal/store"
)

// Plan is a confirmed plan.
type Plan struct {
	ID              int64
	Title           string
	DocType         string
	Issuer          string
	Year            int
	Text            string // the original text, as imported
	SourceName      string
	SourceHash      string
	Status          string
	TaskCount       int
	ImportedByName  string
	ImportedAt      time.Time
	ConfirmedByName string
	ConfirmedAt     time.Time
}

// PlanDetail is a plan with its chapters and tasks.
type PlanDetail struct {
	Plan
	Chapters []ChapterTasks
}

// ChapterTasks is a chapter and its tasks; Heading is "" for tasks outside
// any chapter.
type ChapterTasks struct {
	Heading string
	Tasks   []Task
}

// Task is a stored task with its units and milestones.
type Task struct {
	ID         int64
	Seq, No    int
	Marker     string
	Section    string
	Title      string
	Body       string
	Framing    bool
	Lead, Co   []TaskName
	Milestones []Deadline
}

// TaskName is one unit name of a task as written and the units it stands for.
type TaskName struct {
	Raw       string
	State     MatchState
	GroupName string
	Units     []UnitRef
}

const planColumns = `id, title, doc_type, issuer, year, source_name, source_sha256, status, task_count,
	imported_by_name, imported_at, confirmed_by_name, confirmed_at`

func scanPlan(sc interface{ Scan(...any) error }) (Plan, error) {
	var p Plan
	var confirmed *time.Time
	err := sc.Scan(&p.ID, &p.Title, &p.DocType, &p.Issuer, &p.Year, &p.SourceName, &p.SourceHash, &p.Status, &p.TaskCount,
		&p.ImportedByName, &p.ImportedAt, &p.ConfirmedByName, &confirmed)
	if confirmed != nil {
		p.ConfirmedAt = *confirmed
	}
	return p, err
}

// List returns the plans, newest first.
func (s *Service) List(ctx context.Context) ([]Plan, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+planColumns+` FROM plans ORDER BY imported_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	var out []Plan
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Get loads a plan with its original text, chapters, tasks, units and
// milestones.
func (s *Service) Get(ctx context.Context, id int64) (PlanDetail, error) {
	q := s.DB.Read()
	p, err := scanPlan(q.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans WHERE id = ?`, id))
	if isNoRows(err) {
		return PlanDetail{}, notFound("方案不存在")
	}
	if err != nil {
		return PlanDetail{}, fmt.Errorf("load plan %d: %w", id, err)
	}
	if err := q.QueryRowContext(ctx, `SELECT original_text FROM plans WHERE id = ?`, id).Scan(&p.Text); err != nil {
		return PlanDetail{}, err
	}
	tasks, headings, err := loadTasks(ctx, q, id)
	if err != nil {
		return PlanDetail{}, err
	}
	d := PlanDetail{Plan: p}
	for i, t := range tasks {
		if i == 0 || headings[i] != headings[i-1] {
			d.Chapters = append(d.Chapters, ChapterTasks{Heading: headings[i]})
		}
		c := &d.Chapters[len(d.Chapters)-1]
		c.Tasks = append(c.Tasks, t)
	}
	return d, nil
}

// loadTasks returns a plan's tasks in order and each one's chapter heading.
func loadTasks(ctx context.Context, q store.Querier, planID int64) ([]Task, []string, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.seq, t.no, t.marker, t.section, t.title, t.body, t.framing,
		COALESCE(c.heading, '') FROM plan_tasks t LEFT JOIN plan_chapters c ON c.id = t.chapter_id
		WHERE t.plan_id = ? ORDER BY t.seq`, planID)
	if err != nil {
		return nil, nil, fmt.Errorf("load plan tasks: %w", err)
	}
	var tasks []Task
	var headings []string
	index := map[int64]int{}
	for rows.Next() {
		var t Task
		var h string
		if err := rows.Scan(&t.ID, &t.Seq, &t.No, &t.Marker, &t.Section, &t.Title, &t.Body, &t.Framing, &h); err != nil {
			rows.Close()
			return nil, nil, err
		}
		index[t.ID] = len(tasks)
		tasks, headings = append(tasks, t), append(headings, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if err := loadTaskUnits(ctx, q, planID, tasks, index); err != nil {
		return nil, nil, err
	}
	return tasks, headings, loadMilestones(ctx, q, planID, tasks, index)
}

func loadTaskUnits(ctx context.Context, q store.Querier, planID int64, tasks []Task, index map[int64]int) error {
	rows, err := q.QueryContext(ctx, `SELECT tu.task_id, tu.role, tu.raw_name, tu.match_kind, COALESCE(tu.unit_id, 0),
		COALESCE(u.name, ''), COALESCE(u.path, ''), COALESCE(g.name, '')
		FROM plan_task_units tu JOIN plan_tasks t ON t.id = tu.task_id
		LEFT JOIN units u ON u.id = tu.unit_id LEFT JOIN unit_groups g ON g.id = tu.group_id
		WHERE t.plan_id = ? ORDER BY tu.id`, planID)
	if err != nil {
		return fmt.Errorf("load plan task units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var taskID int64
		var role string
		var n TaskName
		var u UnitRef
		if err := rows.Scan(&taskID, &role, &n.Raw, &n.State, &u.ID, &u.Name, &u.Path, &n.GroupName); err != nil {
			return err
		}
		t := &tasks[index[taskID]]
		list := &t.Lead
		if role == "co" {
			list = &t.Co
		}
		if k := len(*list); k == 0 || (*list)[k-1].Raw != n.Raw {
			*list = append(*list, n)
		}
		if u.ID != 0 {
			last := &(*list)[len(*list)-1]
			last.Units = append(last.Units, u)
		}
	}
	return rows.Err()
}

func loadMilestones(ctx context.Context, q store.Querier, planID int64, tasks []Task, index map[int64]int) error {
	rows, err := q.QueryContext(ctx, `SELECT m.task_id, m.phrase, m.kind, m.due_date, m.period, m.every, m.due_point
		FROM plan_milestones m JOIN plan_tasks t ON t.id = m.task_id WHERE t.plan_id = ? ORDER BY m.id`, planID)
	if err != nil {
		return fmt.Errorf("load plan milestones: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var taskID int64
		var d Deadline
		if err := rows.Scan(&taskID, &d.Phrase, &d.Kind, &d.Date, &d.Period, &d.Every, &d.Due); err != nil {
			return err
		}
		t := &tasks[index[taskID]]
		t.Milestones = append(t.Milestones, d)
	}
	return rows.Err()
}

// InScope reports whether any unit of the task passes keep (the detail
// page's "本单位任务" filter).
func (t Task) InScope(keep func(path string) bool) bool {
	for _, n := range append(append([]TaskName(nil), t.Lead...), t.Co...) {
		for _, u := range n.Units {
			if keep(u.Path) {
				return true
			}
		}
	}
	return false
}
