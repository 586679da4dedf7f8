package supervise

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/store"
)

// ReportStatus is where a progress report stands in review.
type ReportStatus string

const (
	ReportSubmitted ReportStatus = "submitted"
	ReportAccepted  ReportStatus = "accepted"
	ReportReturned  ReportStatus = "returned"
)

// Label is the status in Chinese.
func (s ReportStatus) Label() string {
	switch s {
	case ReportSubmitted:
		return "已提交"
	case ReportAccepted:
		return "已采纳"
	case ReportReturned:
		return "已退回"
	}
	return string(s)
}

// Figure is one reported number: 清理文件 / 213件.
type Figure struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Report is one unit's progress report on a task for one period.
type Report struct {
	ID              int64
	AssignmentID    int64
	TaskID          int64
	UnitID          int64
	UnitName        string
	UnitPath        string
	Period          string
	Body            string
	Figures         []Figure
	Status          ReportStatus
	Revision        int
	SubmittedByName string
	SubmittedAt     time.Time
	ReviewedByName  string
	ReviewedAt      time.Time
	ReviewComment   string
	Evidence        []attach.Attachment
}

const reportSelect = `SELECT r.id, r.assignment_id, a.task_id, a.unit_id, u.name, u.path, r.period, r.body, r.figures,
	r.status, r.revision, r.submitted_by_name, r.submitted_at, r.reviewed_by_name, r.reviewed_at, r.review_comment
	FROM task_reports r JOIN task_assignments a ON a.id = r.assignment_id JOIN units u ON u.id = a.unit_id `

func scanReport(sc interface{ Scan(...any) error }) (Report, error) {
	var r Report
	var figures, status string
	var reviewed sql.NullTime
	err := sc.Scan(&r.ID, &r.AssignmentID, &r.TaskID, &r.UnitID, &r.UnitName, &r.UnitPath, &r.Period, &r.Body, &figures,
		&status, &r.Revision, &r.SubmittedByName, &r.SubmittedAt, &r.ReviewedByName, &reviewed, &r.ReviewComment)
	if err != nil {
		return r, err
	}
	r.Status, r.ReviewedAt = ReportStatus(status), reviewed.Time
	_ = json.Unmarshal([]byte(figures), &r.Figures)
	return r, nil
}

func queryReports(ctx context.Context, q store.Querier, where string, args ...any) ([]Report, error) {
	rows, err := q.QueryContext(ctx, reportSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query reports: %w", err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReportsOfTask lists a task's reports, newest first, with their evidence.
func (s *Service) ReportsOfTask(ctx context.Context, taskID int64) ([]Report, error) {
	out, err := queryReports(ctx, s.DB.Read(), "WHERE a.task_id = ? ORDER BY r.submitted_at DESC, r.id DESC", taskID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Evidence, err = s.Attach.ListFor(ctx, ObjectReport, fmt.Sprint(out[i].ID)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// GetReport loads one report (without evidence).
func (s *Service) GetReport(ctx context.Context, id int64) (Report, error) {
	return getReport(ctx, s.DB.Read(), id)
}

func getReport(ctx context.Context, q store.Querier, id int64) (Report, error) {
	rs, err := queryReports(ctx, q, "WHERE r.id = ?", id)
	if err != nil {
		return Report{}, err
	}
	if len(rs) == 0 {
		return Report{}, notFound("进展报告（编号 %d）不存在", id)
	}
	return rs[0], nil
}

// ReportMonth is the reports filed and accepted in one month (the line chart).
type ReportMonth struct {
	Month     string // 2026-11
	Submitted int
	Accepted  int
}

// ReportsByMonth counts the scope's reports by the month they were filed,
// and of them those accepted, oldest month first.
func (s *Service) ReportsByMonth(ctx context.Context, scope string) ([]ReportMonth, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT r.submitted_at, r.status FROM task_reports r
		JOIN task_assignments a ON a.id = r.assignment_id JOIN units u ON u.id = a.unit_id
		WHERE u.path LIKE ? ORDER BY r.submitted_at`, scope+"%")
	if err != nil {
		return nil, fmt.Errorf("reports by month: %w", err)
	}
	defer rows.Close()
	var out []ReportMonth
	for rows.Next() {
		var at time.Time
		var status string
		if err := rows.Scan(&at, &status); err != nil {
			return nil, err
		}
		m := at.In(cst).Format("2006-01")
		for len(out) > 0 && nextMonth(out[len(out)-1].Month) < m { // months without reports stay on the axis
			out = append(out, ReportMonth{Month: nextMonth(out[len(out)-1].Month)})
		}
		if len(out) == 0 || out[len(out)-1].Month != m {
			out = append(out, ReportMonth{Month: m})
		}
		out[len(out)-1].Submitted++
		if ReportStatus(status) == ReportAccepted {
			out[len(out)-1].Accepted++
		}
	}
	return out, rows.Err()
}

// nextMonth is the month after m ("2026-12" → "2027-01").
func nextMonth(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return "9999-12"
	}
	return t.AddDate(0, 1, 0).Format("2006-01")
}
