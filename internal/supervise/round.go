package supervise

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Audit actions and object types of 督察 rounds.
const (
	ActionRoundCreate = "round.create"  // a round opened
	ActionRoundTarget = "round.target"  // units (and a task) added to a round
	ActionRoundFind   = "round.finding" // a finding recorded
	ActionRoundClose  = "round.close"   // a round closed

	ObjectRound   = "inspection_round"
	ObjectFinding = "inspection_finding"
)

// Severities of a finding, mildest first.
var Severities = []string{"一般", "较重", "严重"}

// Round is one 督察 round with what the page shows of it.
type Round struct {
	ID            int64
	Title         string
	Basis         string
	Closed        bool
	StartedOn     string // ISO
	ClosedAt      time.Time
	CreatedByName string
	CreatedAt     time.Time

	Targets  int // counts, filled by ListRounds
	Findings int
	Open     int // rectifications not yet 销号
	Overdue  int
}

// StatusLabel is the round's state in Chinese.
func (r Round) StatusLabel() string {
	if r.Closed {
		return "已结束"
	}
	return "进行中"
}

// Target is a unit inspected in a round, optionally on one plan task.
type Target struct {
	ID        int64
	UnitID    int64
	UnitName  string
	UnitPath  string
	TaskID    int64 // 0 for the unit's work in general
	TaskLabel string
}

// Finding is one problem found in a round.
type Finding struct {
	ID            int64
	RoundID       int64
	UnitID        int64
	UnitName      string
	TaskID        int64
	TaskLabel     string
	Body          string
	Severity      string
	CreatedByName string
	CreatedAt     time.Time
}

// RoundDetail is a round with its targets, findings and rectifications.
type RoundDetail struct {
	Round
	Targets        []Target
	Findings       []Finding
	Rectifications []Rectification
}

// RectificationsOf lists the rectifications opened on a finding.
func (d RoundDetail) RectificationsOf(findingID int64) []Rectification {
	var out []Rectification
	for _, r := range d.Rectifications {
		if r.FindingID == findingID {
			out = append(out, r)
		}
	}
	return out
}

const maxRoundText = 2000

// RoundInput is a new round as the form sends it.
type RoundInput struct {
	Title string
	Basis string
}

// CreateRound opens a 督察 round, started today.
func (s *Service) CreateRound(ctx context.Context, in RoundInput) (int64, error) {
	in.Title, in.Basis = strings.TrimSpace(in.Title), strings.TrimSpace(in.Basis)
	switch {
	case in.Title == "":
		return 0, invalid("请填写督察名称")
	case utf8.RuneCountInString(in.Title) > 200:
		return 0, invalid("督察名称不能超过200字")
	case utf8.RuneCountInString(in.Basis) > maxRoundText:
		return 0, invalid("督察依据不能超过%d字", maxRoundText)
	}
	var id int64
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		uid, uname := actor(ctx, tx)
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO inspection_rounds (title, basis, status, started_on, created_by,
			created_by_name, created_at) VALUES (?, ?, 'open', ?, ?, ?, ?)`,
			in.Title, in.Basis, s.today(), store.NullInt(uid), uname, s.now())
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRoundCreate, ObjectType: ObjectRound, ObjectID: itoa(id),
			Summary: fmt.Sprintf("开展督察“%s”", in.Title)})
	})
	return id, err
}

const roundSelect = `SELECT r.id, r.title, r.basis, r.status, r.started_on, r.closed_at, r.created_by_name, r.created_at,
	(SELECT COUNT(*) FROM inspection_targets t WHERE t.round_id = r.id),
	(SELECT COUNT(*) FROM inspection_findings f WHERE f.round_id = r.id),
	(SELECT COUNT(*) FROM rectifications x JOIN inspection_findings f ON f.id = x.finding_id
		WHERE f.round_id = r.id AND x.status <> 'closed'),
	(SELECT COUNT(*) FROM rectifications x JOIN inspection_findings f ON f.id = x.finding_id
		LEFT JOIN deadline_items d ON d.id = x.deadline_item_id
		WHERE f.round_id = r.id AND x.status <> 'closed' AND COALESCE(d.due_date, x.due_date) < ?)
	FROM inspection_rounds r `

func scanRound(sc interface{ Scan(...any) error }) (Round, error) {
	var r Round
	var status string
	var closed sql.NullTime
	err := sc.Scan(&r.ID, &r.Title, &r.Basis, &status, &r.StartedOn, &closed, &r.CreatedByName, &r.CreatedAt,
		&r.Targets, &r.Findings, &r.Open, &r.Overdue)
	r.Closed, r.ClosedAt = status == "closed", closed.Time
	return r, err
}

// ListRounds lists every round, newest first.
func (s *Service) ListRounds(ctx context.Context) ([]Round, error) {
	rows, err := s.DB.Read().QueryContext(ctx, roundSelect+"ORDER BY r.id DESC", s.today())
	if err != nil {
		return nil, fmt.Errorf("list rounds: %w", err)
	}
	defer rows.Close()
	var out []Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Service) getRound(ctx context.Context, q store.Querier, id int64) (Round, error) {
	r, err := scanRound(q.QueryRowContext(ctx, roundSelect+"WHERE r.id = ?", s.today(), id))
	if isNoRows(err) {
		return r, notFound("督察（编号 %d）不存在", id)
	}
	if err != nil {
		return r, fmt.Errorf("load round %d: %w", id, err)
	}
	return r, nil
}

// openRound loads a round that may still change.
func (s *Service) openRound(ctx context.Context, tx *store.Tx, id int64) (Round, error) {
	r, err := s.getRound(ctx, tx, id)
	if err == nil && r.Closed {
		err = conflict("督察“%s”已结束，不能再修改", r.Title)
	}
	return r, err
}

// Round loads a round with its targets, findings and rectifications.
func (s *Service) Round(ctx context.Context, id int64) (RoundDetail, error) {
	var d RoundDetail
	var err error
	q := s.DB.Read()
	if d.Round, err = s.getRound(ctx, q, id); err != nil {
		return d, err
	}
	if d.Targets, err = roundTargets(ctx, q, id); err != nil {
		return d, err
	}
	if d.Findings, err = roundFindings(ctx, q, "WHERE f.round_id = ? ORDER BY f.id", id); err != nil {
		return d, err
	}
	d.Rectifications, err = s.ListRectifications(ctx, RectifyFilter{RoundID: id})
	return d, err
}

// taskLabel joins a task's marker and title, or "" when there is no task.
const taskLabelSQL = `COALESCE((SELECT pt.marker || pt.title FROM plan_tasks pt WHERE pt.id = %s), '')`

func roundTargets(ctx context.Context, q store.Querier, roundID int64) ([]Target, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.unit_id, u.name, u.path, COALESCE(t.task_id, 0), `+
		fmt.Sprintf(taskLabelSQL, "t.task_id")+` FROM inspection_targets t JOIN units u ON u.id = t.unit_id
		WHERE t.round_id = ? ORDER BY u.path, t.id`, roundID)
	if err != nil {
		return nil, fmt.Errorf("load round targets: %w", err)
	}
	defer rows.Close()
	var out []Target
	for rows.Next() {
		var t Target
		if err := rows.Scan(&t.ID, &t.UnitID, &t.UnitName, &t.UnitPath, &t.TaskID, &t.TaskLabel); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func roundFindings(ctx context.Context, q store.Querier, where string, args ...any) ([]Finding, error) {
	rows, err := q.QueryContext(ctx, `SELECT f.id, f.round_id, f.unit_id, u.name, COALESCE(f.task_id, 0), `+
		fmt.Sprintf(taskLabelSQL, "f.task_id")+`, f.body, f.severity, f.created_by_name, f.created_at
		FROM inspection_findings f JOIN units u ON u.id = f.unit_id `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("load findings: %w", err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var f Finding
		if err := rows.Scan(&f.ID, &f.RoundID, &f.UnitID, &f.UnitName, &f.TaskID, &f.TaskLabel, &f.Body, &f.Severity,
			&f.CreatedByName, &f.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// GetFinding loads one finding.
func (s *Service) GetFinding(ctx context.Context, id int64) (Finding, error) {
	fs, err := roundFindings(ctx, s.DB.Read(), "WHERE f.id = ?", id)
	if err != nil {
		return Finding{}, err
	}
	if len(fs) == 0 {
		return Finding{}, notFound("督察问题（编号 %d）不存在", id)
	}
	return fs[0], nil
}

// AddTargets adds units of the scope to a round, each on the plan task
// taskID (0: the unit's work in general). A pair already there is skipped.
func (s *Service) AddTargets(ctx context.Context, scope string, roundID int64, unitIDs []int64, taskID int64) (int, error) {
	if len(unitIDs) == 0 {
		return 0, invalid("请选择被督察单位")
	}
	added := 0
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		added = 0
		r, err := s.openRound(ctx, tx, roundID)
		if err != nil {
			return err
		}
		task := ""
		if taskID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT marker || title FROM plan_tasks WHERE id = ?`, taskID).Scan(&task); isNoRows(err) {
				return notFound("任务不存在")
			} else if err != nil {
				return err
			}
		}
		var names []string
		for _, uid := range unitIDs {
			name, err := s.addTarget(ctx, tx, scope, roundID, uid, taskID)
			if err != nil {
				return err
			}
			if name != "" {
				added++
				names = append(names, name)
			}
		}
		if added == 0 {
			return nil
		}
		summary := fmt.Sprintf("督察“%s”增加被督察单位：%s", r.Title, strings.Join(names, "、"))
		if task != "" {
			summary += "（任务" + task + "）"
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRoundTarget, ObjectType: ObjectRound, ObjectID: itoa(roundID),
			Summary: summary})
	})
	return added, err
}

// addTarget inserts one target and returns the unit's name, or "" when it was there.
func (s *Service) addTarget(ctx context.Context, tx *store.Tx, scope string, roundID, unitID, taskID int64) (string, error) {
	name, path, err := unitOf(ctx, tx, unitID)
	if err != nil {
		return "", err
	}
	if !inScope(scope, path) {
		return "", forbidden(name)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM inspection_targets WHERE round_id = ? AND unit_id = ?
		AND COALESCE(task_id, 0) = ?`, roundID, unitID, taskID).Scan(&n); err != nil || n > 0 {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO inspection_targets (round_id, unit_id, task_id, created_at) VALUES (?, ?, ?, ?)`,
		roundID, unitID, store.NullInt(taskID), s.now())
	return name, err
}

func unitOf(ctx context.Context, q store.Querier, id int64) (name, path string, err error) {
	err = q.QueryRowContext(ctx, `SELECT name, path FROM units WHERE id = ?`, id).Scan(&name, &path)
	if isNoRows(err) {
		err = notFound("单位（编号 %d）不存在", id)
	}
	return name, path, err
}

// FindingInput is a finding as the form sends it: the target it concerns.
type FindingInput struct {
	RoundID  int64
	TargetID int64
	Body     string
	Severity string
}

// AddFinding records a problem found at one of the round's targets.
func (s *Service) AddFinding(ctx context.Context, scope string, in FindingInput) (int64, error) {
	in.Body, in.Severity = strings.TrimSpace(in.Body), strings.TrimSpace(in.Severity)
	switch {
	case in.Body == "":
		return 0, invalid("请填写督察发现的问题")
	case utf8.RuneCountInString(in.Body) > maxRoundText:
		return 0, invalid("问题描述不能超过%d字", maxRoundText)
	case !validSeverity(in.Severity):
		return 0, invalid("请选择问题程度（一般、较重或严重）")
	}
	var id int64
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := s.openRound(ctx, tx, in.RoundID)
		if err != nil {
			return err
		}
		var unitID, taskID int64
		var name, path string
		err = tx.QueryRowContext(ctx, `SELECT t.unit_id, COALESCE(t.task_id, 0), u.name, u.path FROM inspection_targets t
			JOIN units u ON u.id = t.unit_id WHERE t.id = ? AND t.round_id = ?`, in.TargetID, in.RoundID).
			Scan(&unitID, &taskID, &name, &path)
		if isNoRows(err) {
			return invalid("请选择本次督察的被督察单位")
		}
		if err != nil {
			return err
		}
		if !inScope(scope, path) {
			return forbidden(name)
		}
		uid, uname := actor(ctx, tx)
		if id, err = tx.InsertID(ctx, `INSERT INTO inspection_findings (round_id, unit_id, task_id, body, severity,
			created_by, created_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			in.RoundID, unitID, store.NullInt(taskID), in.Body, in.Severity, store.NullInt(uid), uname, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRoundFind, ObjectType: ObjectFinding, ObjectID: itoa(id),
			Summary: fmt.Sprintf("督察“%s”发现%s问题（%s）：%s", r.Title, name, in.Severity, in.Body)})
	})
	return id, err
}

func validSeverity(s string) bool {
	for _, v := range Severities {
		if v == s {
			return true
		}
	}
	return false
}

// CloseRound ends a round once every rectification is 销号.
func (s *Service) CloseRound(ctx context.Context, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := s.openRound(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Open > 0 {
			return conflict("督察“%s”尚有%d项整改未销号，不能结束", r.Title, r.Open)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE inspection_rounds SET status = 'closed', closed_at = ? WHERE id = ?`,
			s.now(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRoundClose, ObjectType: ObjectRound,
			ObjectID: strconv.FormatInt(id, 10), Summary: fmt.Sprintf("结束督察“%s”", r.Title),
			Changes: []audit.Change{{Field: "status", Before: "open", After: "closed"}}})
	})
}
