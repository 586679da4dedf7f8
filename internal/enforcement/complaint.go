package enforcement

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// 投诉举报 about enforcement: received by the supervising office, investigated
// and answered within the local reply period, which the deadline monitor
// watches.

// SetComplaintReplyDays is the setting of the reply period; no national
// rule fixes it, so it is a local setting like the 公示 periods.
const SetComplaintReplyDays = "complaint_reply_days"

func init() {
	SettingDefs = append(SettingDefs, SettingDef{Key: SetComplaintReplyDays, Name: "行政执法投诉举报办理答复期限",
		Unit: "个工作日", Default: 15, Min: 1, Max: 60,
		Basis: "国家层面未规定统一期限；按本地区行政执法投诉举报处理办法设置（多地规定自受理之日起15个工作日内办结并答复）"})
}

// ObjectComplaint is a complaint's object type in the audit log and the
// deadline monitor.
const ObjectComplaint = "enf_complaint"

// ComplaintStatus is where a complaint stands.
type ComplaintStatus string

const (
	ComplaintAccepted      ComplaintStatus = "accepted"      // 受理
	ComplaintInvestigating ComplaintStatus = "investigating" // 调查
	ComplaintClosed        ComplaintStatus = "closed"        // 办结
)

// Label is the status's Chinese name.
func (s ComplaintStatus) Label() string {
	switch s {
	case ComplaintAccepted:
		return "已受理"
	case ComplaintInvestigating:
		return "调查中"
	case ComplaintClosed:
		return "已办结"
	}
	return string(s)
}

// Next lists the statuses a complaint in s may move to: 调查 is optional,
// 办结 ends it.
func (s ComplaintStatus) Next() []ComplaintStatus {
	switch s {
	case ComplaintAccepted:
		return []ComplaintStatus{ComplaintInvestigating, ComplaintClosed}
	case ComplaintInvestigating:
		return []ComplaintStatus{ComplaintClosed}
	}
	return nil
}

// ComplaintChannels are the ways a complaint arrives.
var ComplaintChannels = []string{"12345热线", "电话", "来信", "来访", "网上投诉", "上级转办", "其他"}

// Complaint is one 投诉举报.
type Complaint struct {
	ID            int64
	UnitID        int64 // 被投诉单位
	UnitName      string
	UnitPath      string
	HandlerUnitID int64
	HandlerName   string // 承办单位
	CaseID        int64
	CaseNo        string
	ReceivedOn    string
	Channel       string
	Complainant   string // full name: shown masked in lists
	PhoneMasked   string
	Phone         string // plain, only from ComplaintPersonal with reveal
	Content       string
	Status        ComplaintStatus
	DueOn         string // from the deadline monitor
	Citation      string // the reply period's basis, as the monitor holds it
	Result        string
	ClosedOn      string
	CreatedByName string
	CreatedAt     time.Time
	Overdue       bool // not closed and past the due date
	Late          bool // closed after the due date
}

// MaskedComplainant is the complainant's name as lists show it.
func (c Complaint) MaskedComplainant() string { return privacy.MaskName(c.Complainant) }

// Summary is the start of the content, as lists and reminders show it.
func (c Complaint) Summary() string { return contentSummary(c.Content) }

func contentSummary(content string) string {
	r := []rune(content)
	if len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return content
}

// ComplaintInput registers a complaint.
type ComplaintInput struct {
	UnitID      int64 // the unit complained of
	CaseNo      string
	ReceivedOn  string
	Channel     string
	Complainant string
	Phone       string
	Content     string
}

// RegisterComplaint records a complaint about a unit in scope and puts its
// reply deadline in the monitor of the acting user's unit.
func (s *Service) RegisterComplaint(ctx context.Context, scope string, in ComplaintInput) (int64, error) {
	if !slices.Contains(ComplaintChannels, in.Channel) {
		return 0, invalid("请选择投诉举报渠道")
	}
	who, err := supText("投诉举报人", in.Complainant, true, 50)
	if err != nil {
		return 0, err
	}
	content, err := supText("投诉举报内容", in.Content, true, 5000)
	if err != nil {
		return 0, err
	}
	phone, err := supText("联系电话", in.Phone, false, 40)
	if err != nil {
		return 0, err
	}
	received, err := s.supDate("收到日期", in.ReceivedOn)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, _, err := supUnit(ctx, tx, scope, in.UnitID); err != nil {
			return err
		}
		var caseID int64
		if strings.TrimSpace(in.CaseNo) != "" {
			c, err := supCaseByNo(ctx, tx, scope, in.CaseNo)
			if err != nil {
				return err
			}
			if c.UnitID != in.UnitID {
				return invalid("案件%s不是被投诉单位办理的案件", c.CaseNo)
			}
			caseID = c.ID
		}
		sealed := ""
		if phone != "" {
			if sealed, err = s.Cipher.Seal(phone); err != nil {
				return err
			}
		}
		uid, name := supActor(ctx, tx)
		handler := s.handlerUnit(ctx, tx, uid, in.UnitID)
		now := s.now()
		id, err = tx.InsertID(ctx, `INSERT INTO enf_complaints (unit_id, handler_unit_id, case_id, received_on, channel, complainant,
			phone_sealed, content, status, due_on, created_by_name, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`, in.UnitID, handler, store.NullInt(caseID), received.String(),
			in.Channel, who, sealed, content, string(ComplaintAccepted), name, now, now)
		if err != nil {
			return err
		}
		if err := s.registerComplaintDeadline(ctx, tx, id, handler, received, content); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.complaint", ObjectType: ObjectComplaint,
			ObjectID: supID(id), Summary: fmt.Sprintf("受理投诉举报（%s，%s）", in.Channel, received)})
	})
	return id, err
}

// handlerUnit is the acting user's unit (the office that answers), or the
// unit complained of when the actor has none.
func (s *Service) handlerUnit(ctx context.Context, tx *store.Tx, userID, fallback int64) int64 {
	var unit int64
	if userID != 0 && tx.QueryRowContext(ctx, `SELECT unit_id FROM users WHERE id = ?`, userID).Scan(&unit) == nil && unit != 0 {
		return unit
	}
	return fallback
}

// registerComplaintDeadline puts the reply period (working days, the
// handler's regional setting) in the monitor and stores its due date.
func (s *Service) registerComplaintDeadline(ctx context.Context, tx *store.Tx, id, unit int64, received calendar.Date, content string) error {
	var region string
	if err := tx.QueryRowContext(ctx, `SELECT region_code FROM units WHERE id = ?`, unit).Scan(&region); err != nil {
		return err
	}
	set, err := s.Setting(ctx, region, SetComplaintReplyDays)
	if err != nil {
		return err
	}
	citation := "本地区行政执法投诉举报办理期限（默认）"
	if set.Note != "" {
		citation = set.Note
	}
	itemID, err := s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectComplaint, ObjectID: supID(id),
		Title: "投诉举报答复：" + contentSummary(content), Link: fmt.Sprintf("/enforcement/complaints/%d", id),
		N: set.Value, Unit: calendar.UnitWorkday, Start: received, UnitID: unit, Citation: citation})
	if err != nil {
		return fmt.Errorf("register complaint deadline: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE enf_complaints SET deadline_item_id = ?,
		due_on = (SELECT due_date FROM deadline_items WHERE id = ?) WHERE id = ?`, itemID, itemID, id)
	return err
}

// AdvanceComplaint moves a complaint to 调查 or 办结; closing needs the
// result (办理结果及答复情况) and ends the reply deadline.
func (s *Service) AdvanceComplaint(ctx context.Context, scope string, id int64, to ComplaintStatus, onDate, result string) error {
	if to != ComplaintInvestigating && to != ComplaintClosed {
		return invalid("请选择办理状态")
	}
	result, err := supText("办理结果及答复情况", result, to == ComplaintClosed, 5000)
	if err != nil {
		return err
	}
	on, err := s.supDate("日期", onDate)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		c, err := s.complaintIn(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		switch {
		case c.Status == ComplaintClosed:
			return conflict("该投诉举报已办结")
		case c.Status == to:
			return conflict("该投诉举报已在调查中")
		case on.String() < c.ReceivedOn:
			return invalid("日期不能早于收到日期%s", c.ReceivedOn)
		}
		closedOn := ""
		if to == ComplaintClosed {
			closedOn = on.String()
			if _, err := s.Deadlines.CompleteObject(ctx, tx, ObjectComplaint, supID(id)); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_complaints SET status = ?, result = ?, closed_on = ?, updated_at = ? WHERE id = ?`,
			string(to), result, closedOn, s.now(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.complaint_status", ObjectType: ObjectComplaint,
			ObjectID: supID(id), Summary: "投诉举报" + to.Label(),
			Changes: []audit.Change{{Field: "status", Before: c.Status.Label(), After: to.Label()}}})
	})
}

const complaintSelect = `SELECT x.id, x.unit_id, u.name, u.path, x.handler_unit_id, h.name, COALESCE(x.case_id, 0), COALESCE(c.case_no, ''),
	x.received_on, x.channel, x.complainant, x.phone_sealed, x.content, x.status, COALESCE(d.due_date, x.due_on),
	COALESCE(d.citation, ''), x.result, x.closed_on, x.created_by_name, x.created_at
	FROM enf_complaints x JOIN units u ON u.id = x.unit_id JOIN units h ON h.id = x.handler_unit_id
	LEFT JOIN enf_cases c ON c.id = x.case_id
	LEFT JOIN deadline_items d ON d.id = x.deadline_item_id `

func (s *Service) scanComplaint(sc interface{ Scan(...any) error }, reveal bool) (Complaint, error) {
	var c Complaint
	var status, sealed string
	err := sc.Scan(&c.ID, &c.UnitID, &c.UnitName, &c.UnitPath, &c.HandlerUnitID, &c.HandlerName, &c.CaseID, &c.CaseNo,
		&c.ReceivedOn, &c.Channel, &c.Complainant, &sealed, &c.Content, &status, &c.DueOn, &c.Citation, &c.Result,
		&c.ClosedOn, &c.CreatedByName, &c.CreatedAt)
	if err != nil {
		return c, err
	}
	c.Status = ComplaintStatus(status)
	if sealed != "" {
		if phone, err := s.Cipher.Open(sealed); err == nil {
			c.PhoneMasked = privacy.MaskPhone(phone)
			if reveal {
				c.Phone = phone
			}
		}
	}
	today := s.today()
	c.Overdue = c.Status != ComplaintClosed && c.DueOn != "" && c.DueOn < today
	c.Late = c.Status == ComplaintClosed && c.DueOn != "" && c.ClosedOn > c.DueOn
	return c, nil
}

// complaintIn returns a complaint about a unit in scope, or one the
// scope's office handles.
func (s *Service) complaintIn(ctx context.Context, q store.Querier, scope string, id int64) (Complaint, error) {
	c, err := s.scanComplaint(q.QueryRowContext(ctx, complaintSelect+`WHERE x.id = ?`, id), false)
	if supNoRows(err) || (err == nil && !strings.HasPrefix(c.UnitPath, scope)) {
		return Complaint{}, notFound("投诉举报不存在或不在您的数据范围内")
	}
	return c, err
}

// ComplaintPersonal returns one complaint about a unit under scope; the
// phone is opened in plain only when reveal (for the office that answers).
func (s *Service) ComplaintPersonal(ctx context.Context, scope string, id int64, reveal bool) (Complaint, error) {
	c, err := s.complaintIn(ctx, s.DB.Read(), scope, id)
	if err != nil || !reveal {
		return c, err
	}
	return s.scanComplaint(s.DB.Read().QueryRowContext(ctx, complaintSelect+`WHERE x.id = ?`, id), true)
}

// Complaints lists the complaints about units under scope received in year
// (0: all), open ones first, then newest.
func (s *Service) Complaints(ctx context.Context, scope string, year int) ([]Complaint, error) {
	where, args := `WHERE u.path LIKE ?`, []any{scope + "%"}
	if year != 0 {
		from, to := yearBounds(year)
		where, args = where+` AND x.received_on >= ? AND x.received_on < ?`, append(args, from, to)
	}
	rows, err := s.DB.Read().QueryContext(ctx, complaintSelect+where+
		` ORDER BY CASE WHEN x.status = 'closed' THEN 1 ELSE 0 END, x.received_on DESC, x.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("complaints: %w", err)
	}
	defer rows.Close()
	var out []Complaint
	for rows.Next() {
		c, err := s.scanComplaint(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
