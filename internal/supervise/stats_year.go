package supervise

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// A year's figures (for the annual report and 考核) describe the plans as
// they stood at the end of that year — or today, for the current year —
// not as they stand when the report is drafted in the following spring.

// YearTask is a lead assignment with what its state as of a day depends on.
type YearTask struct {
	PlanYear    int    // the single year of an annual plan (工作要点), 0 for a multi-year plan
	Confirmed   string // ISO date the plan was confirmed and supervision began
	DueDate     string // last dated milestone, "" when none
	CompletedOn string // ISO date it was marked done, "" while open
	LateOn      string // earliest milestone due before the day and not met by it ("" when none)
	// For the dashboard's groups.
	PlanID   int64
	UnitID   int64
	UnitName string
	Chapter  string
}

// CountsFor reports whether the task belongs to year's figures: its plan
// was under supervision by the end of the year and is not an annual plan
// of another year.
func (t YearTask) CountsFor(year int) bool {
	if t.PlanYear != 0 && t.PlanYear != year {
		return false
	}
	return t.Confirmed != "" && t.Confirmed <= fmt.Sprintf("%d-12-31", year)
}

// RateAsOf counts the tasks of year as they stood on asOf (ISO date):
// done if completed by then, due if completed or its last milestone had
// passed, on time if completed by its due date, overdue if a milestone
// was missed and the task still open on that day.
func RateAsOf(tasks []YearTask, year int, asOf string) Rate {
	r := Rate{Name: "合计"}
	for _, t := range tasks {
		if t.CountsFor(year) {
			r.countAsOf(t, asOf)
		}
	}
	return r
}

func (r *Rate) countAsOf(t YearTask, asOf string) {
	r.Total++
	done := t.CompletedOn != "" && t.CompletedOn <= asOf
	switch {
	case done:
		r.Done++
		r.Due++
		if t.DueDate == "" || t.CompletedOn <= t.DueDate {
			r.OnTime++
		}
	case t.DueDate != "" && t.DueDate < asOf:
		r.Due++
	}
	if !done && t.LateOn != "" && t.LateOn < asOf {
		r.Overdue++
	}
}

// yearEnd is the day a year's figures are taken on: its last day, or today
// while it runs.
func (s *Service) yearEnd(year int) string {
	asOf := fmt.Sprintf("%d-12-31", year)
	if today := s.today(); today < asOf {
		asOf = today
	}
	return asOf
}

// YearStats is the dashboard of year: the scope's lead tasks of that year
// (of one plan when planID is set) as they stood at its end, by unit and by
// chapter, and the progress reports submitted in it — the figures the
// year's report and 考核 cite.
func (s *Service) YearStats(ctx context.Context, scope string, planID int64, year int) (Dashboard, error) {
	asOf := s.yearEnd(year)
	tasks, err := s.yearTasks(ctx, scope, asOf)
	if err != nil {
		return Dashboard{}, err
	}
	g := newGrouping()
	for _, t := range tasks {
		if !t.CountsFor(year) || (planID != 0 && t.PlanID != planID) {
			continue
		}
		for _, r := range g.rates(t.UnitID, t.UnitName, t.Chapter) {
			r.countAsOf(t, asOf)
		}
	}
	d := g.dashboard()
	months, err := s.ReportsByMonth(ctx, scope)
	if err != nil {
		return Dashboard{}, err
	}
	prefix := fmt.Sprintf("%d-", year)
	for _, m := range months {
		if strings.HasPrefix(m.Month, prefix) {
			d.Months = append(d.Months, m)
		}
	}
	return d, nil
}

// YearRate is the completion and timeliness of the scope's lead plan tasks
// for year, as of its last day (today while the year runs).
func (s *Service) YearRate(ctx context.Context, scope string, year int) (Rate, error) {
	asOf := s.yearEnd(year)
	tasks, err := s.yearTasks(ctx, scope, asOf)
	if err != nil {
		return Rate{}, err
	}
	return RateAsOf(tasks, year, asOf), nil
}

// yearTasks reads the lead assignments of the scope with, for each, the
// earliest of its milestones (dated or recurring) that was due before asOf
// and not met by then.
func (s *Service) yearTasks(ctx context.Context, scope, asOf string) ([]YearTask, error) {
	end, err := time.ParseInLocation(time.DateOnly, asOf, cst)
	if err != nil {
		return nil, err
	}
	end = end.AddDate(0, 0, 1) // the start of the day after: met "by asOf" means before it
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT p.year, p.confirmed_at, a.due_date, a.status, a.completed_at,
		COALESCE((SELECT MIN(d.due_date) FROM deadline_items d WHERE d.object_type IN ('task_assignment', 'task_cycle')
			AND d.object_id = CAST(a.id AS TEXT) AND d.due_date < ? AND d.status <> 'cancelled'
			AND (d.done_at IS NULL OR d.done_at >= ?)), ''),
		a.plan_id, a.unit_id, u.name, COALESCE(c.heading, '')
		FROM task_assignments a JOIN plans p ON p.id = a.plan_id JOIN units u ON u.id = a.unit_id
		JOIN plan_tasks t ON t.id = a.task_id LEFT JOIN plan_chapters c ON c.id = t.chapter_id
		WHERE a.role = 'lead' AND u.path LIKE ? ORDER BY a.plan_id DESC, t.seq, u.path`, asOf, end.UTC(), scope+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []YearTask
	for rows.Next() {
		var t YearTask
		var status string
		var confirmed, completed sql.NullTime
		if err := rows.Scan(&t.PlanYear, &confirmed, &t.DueDate, &status, &completed, &t.LateOn, &t.PlanID, &t.UnitID,
			&t.UnitName, &t.Chapter); err != nil {
			return nil, err
		}
		if confirmed.Valid {
			t.Confirmed = confirmed.Time.In(cst).Format(time.DateOnly)
		}
		if completed.Valid && Status(status) == StatusDone {
			t.CompletedOn = completed.Time.In(cst).Format(time.DateOnly)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
