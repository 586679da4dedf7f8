package deadline

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

// Status of a monitored deadline.
type Status string

const (
	StatusOpen      Status = "open"
	StatusDone      Status = "done"
	StatusCancelled Status = "cancelled"
)

// Label is the status in Chinese.
func (s Status) Label() string {
	switch s {
	case StatusOpen:
		return "办理中"
	case StatusDone:
		return "已办结"
	case StatusCancelled:
		return "已撤销"
	}
	return string(s)
}

// Audit actions of the deadline monitor.
const (
	ActionRegister = "deadline.register"
	ActionComplete = "deadline.complete"
	ActionCancel   = "deadline.cancel"
	ActionSuspend  = "deadline.suspend"
	ActionExtend   = "deadline.extend"
)

// UnitFixedDate marks an item whose due date a document fixes (a plan's
// "2026年6月底前"): Start is the due date itself. It is not a statutory
// period, so it is neither counted nor moved off a holiday.
const UnitFixedDate calendar.Unit = "date"

// Item is one monitored deadline: what it is about (another capability's
// object), the rule or custom period, the dates, and who owns it.
type Item struct {
	ID         int64
	ObjectType string // e.g. penalty_case
	ObjectID   string
	Title      string
	Link       string // the object's page, shown with the item and its reminders

	RuleID      string        // a catalogue rule, or "" for the custom period below
	N           int           // custom period
	Unit        calendar.Unit // custom period
	Before      bool          // custom period counted back from Start
	Citation    string        // computed from the rule; for a custom period, the caller's
	Start       calendar.Date
	SuspendDays int
	ExtendN     int

	UnitID int64 // owner unit (required)
	UserID int64 // owner user (optional)

	// Computed and stored by the service.
	Due        calendar.Date
	Estimated  bool
	RegionCode string
	RuleName   string
	Trail      []string
	Status     Status
	DoneAt     time.Time
	CreatedAt  time.Time
	UnitName   string
	UserName   string

	reminderID    int64
	reminderLevel string
}

// PeriodText describes the item's period, e.g. "7个工作日" or "60日（延长30日）".
func (it Item) PeriodText() string {
	if it.RuleID != "" && it.N == 0 {
		return it.RuleName
	}
	if it.RuleID == "" && it.Unit == UnitFixedDate {
		return "规定日期"
	}
	s := fmt.Sprintf("%d%s", it.N, it.Unit.Label())
	if it.ExtendN > 0 {
		s += fmt.Sprintf("（延长%d%s）", it.ExtendN, it.Unit.Label())
	}
	if it.SuspendDays > 0 {
		s += fmt.Sprintf("（中止%d日）", it.SuspendDays)
	}
	return s
}

func (it Item) calc() Calc {
	return Calc{RegionCode: it.RegionCode, RuleID: it.RuleID, N: it.N, Unit: it.Unit, Before: it.Before,
		Start: it.Start, ExtendN: it.ExtendN, SuspendDays: it.SuspendDays}
}

// apply copies a computation's results into the item.
func (it *Item) apply(c Computed) {
	it.Due, it.Estimated, it.Trail = c.Due, c.Estimated, c.Trail
	if c.Rule != nil {
		it.RuleName, it.Citation = c.Rule.Name, c.Citation
		it.N, it.Unit = c.Rule.N, c.Rule.Unit
	}
}

const itemColumns = `i.id, i.object_type, i.object_id, i.title, i.link, i.rule_id, i.n, i.unit, i.count_back,
	i.citation, i.start_date, i.suspend_days, i.extend_n, i.unit_id, i.user_id, i.due_date, i.estimated,
	i.region_code, i.rule_name, i.trail, i.status, i.done_at, i.created_at, u.name, us.display_name,
	i.reminder_id, i.reminder_level`

const itemFrom = ` FROM deadline_items i JOIN units u ON u.id = i.unit_id LEFT JOIN users us ON us.id = i.user_id `

func scanItem(sc interface{ Scan(...any) error }) (Item, error) {
	var it Item
	var unit, start, due, trail, status string
	var user, reminder sql.NullInt64
	var userName sql.NullString
	var doneAt sql.NullTime
	err := sc.Scan(&it.ID, &it.ObjectType, &it.ObjectID, &it.Title, &it.Link, &it.RuleID, &it.N, &unit, &it.Before,
		&it.Citation, &start, &it.SuspendDays, &it.ExtendN, &it.UnitID, &user, &due, &it.Estimated,
		&it.RegionCode, &it.RuleName, &trail, &status, &doneAt, &it.CreatedAt, &it.UnitName, &userName,
		&reminder, &it.reminderLevel)
	if err != nil {
		return it, err
	}
	it.Unit, it.Status, it.UserID, it.UserName = calendar.Unit(unit), Status(status), user.Int64, userName.String
	it.DoneAt, it.reminderID = doneAt.Time, reminder.Int64
	if it.Start, err = calendar.ParseDate(start); err != nil {
		return it, fmt.Errorf("deadline item %d: %w", it.ID, err)
	}
	if it.Due, err = calendar.ParseDate(due); err != nil {
		return it, fmt.Errorf("deadline item %d: %w", it.ID, err)
	}
	if trail != "" {
		_ = json.Unmarshal([]byte(trail), &it.Trail)
	}
	return it, nil
}

func queryItems(ctx context.Context, q store.Querier, where string, args ...any) ([]Item, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+itemColumns+itemFrom+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func getItem(ctx context.Context, q store.Querier, id int64) (Item, error) {
	items, err := queryItems(ctx, q, "WHERE i.id = ?", id)
	if err != nil {
		return Item{}, err
	}
	if len(items) == 0 {
		return Item{}, notFound("期限事项（编号 %d）不存在", id)
	}
	return items[0], nil
}

// Get loads one item.
func (s *Service) Get(ctx context.Context, id int64) (Item, error) {
	return getItem(ctx, s.DB.Read(), id)
}

// ItemsOf lists the items registered for one object, newest first.
func (s *Service) ItemsOf(ctx context.Context, objectType, objectID string) ([]Item, error) {
	return queryItems(ctx, s.DB.Read(), "WHERE i.object_type = ? AND i.object_id = ? ORDER BY i.id DESC", objectType, objectID)
}

// inTx runs fn in the caller's transaction, or in a new one when tx is nil.
func (s *Service) inTx(ctx context.Context, tx *store.Tx, fn func(*store.Tx) error) error {
	if tx != nil {
		return fn(tx)
	}
	return s.DB.InTx(ctx, fn)
}

func checkNewItem(it Item) error {
	switch {
	case strings.TrimSpace(it.ObjectType) == "" || strings.TrimSpace(it.ObjectID) == "":
		return invalid("object", "期限事项缺少所属业务对象")
	case strings.TrimSpace(it.Title) == "":
		return invalid("title", "请填写期限事项名称")
	case it.UnitID == 0:
		return invalid("unit_id", "请选择责任单位")
	case it.Start.IsZero():
		return invalid("start", "请填写起算日期")
	case it.RuleID == "" && it.Unit != UnitFixedDate && (it.N < 1 || it.Unit == ""):
		return invalid("rule", "请选择期限规则，或填写期限长度和单位")
	case it.SuspendDays < 0 || it.ExtendN < 0:
		return invalid("suspend", "中止天数和延长期限不能为负数")
	}
	return nil
}

// Register adds a deadline inside the caller's transaction (nil: its own):
// the due date is computed with the rule as it applies in the owner unit's
// region, and stored with the citation and the explanation.
func (s *Service) Register(ctx context.Context, tx *store.Tx, it Item) (int64, error) {
	if err := checkNewItem(it); err != nil {
		return 0, err
	}
	sn, err := s.current(ctx)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.inTx(ctx, tx, func(tx *store.Tx) error {
		region, err := regionOfUnit(ctx, tx, it.UnitID)
		if err != nil {
			return err
		}
		it.RegionCode = region
		c, err := sn.compute(it.calc())
		if err != nil {
			return err
		}
		it.apply(c)
		if id, err = insertItem(ctx, tx, it, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRegister, ObjectType: "deadline_item",
			ObjectID: fmt.Sprint(id), Summary: fmt.Sprintf("登记期限“%s”（%s %s），起算 %s，届满 %s",
				it.Title, it.ObjectType, it.ObjectID, it.Start.Chinese(), it.Due.Chinese())})
	})
	return id, err
}

func insertItem(ctx context.Context, tx *store.Tx, it Item, now time.Time) (int64, error) {
	trail, err := json.Marshal(it.Trail)
	if err != nil {
		return 0, err
	}
	return tx.InsertID(ctx, `INSERT INTO deadline_items (object_type, object_id, title, link, rule_id, n, unit, count_back,
		citation, start_date, suspend_days, extend_n, unit_id, user_id, due_date, estimated, region_code, rule_name, trail,
		status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		strings.TrimSpace(it.ObjectType), strings.TrimSpace(it.ObjectID), strings.TrimSpace(it.Title), it.Link, it.RuleID,
		it.N, string(it.Unit), it.Before, it.Citation, it.Start.String(), it.SuspendDays, it.ExtendN, it.UnitID,
		store.NullInt(it.UserID), it.Due.String(), it.Estimated, it.RegionCode, it.RuleName, string(trail),
		string(StatusOpen), now, now)
}

// updateComputed stores a recomputation of an item.
func updateComputed(ctx context.Context, tx *store.Tx, it Item, now time.Time) error {
	trail, err := json.Marshal(it.Trail)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE deadline_items SET n = ?, unit = ?, suspend_days = ?, extend_n = ?, due_date = ?,
		estimated = ?, rule_name = ?, citation = ?, trail = ?, updated_at = ? WHERE id = ?`,
		it.N, string(it.Unit), it.SuspendDays, it.ExtendN, it.Due.String(), it.Estimated, it.RuleName, it.Citation,
		string(trail), now, it.ID)
	return err
}
