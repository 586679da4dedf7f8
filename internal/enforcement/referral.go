package enforcement

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// 两法衔接: cases referred to public security as suspected crimes
// (《行政执法机关移送涉嫌犯罪案件的规定》), followed to the police's decision,
// with the procuratorate's oversight (检察监督) noted.

// ReferralStatus is where a referral stands.
type ReferralStatus string

const (
	RefReferred ReferralStatus = "referred"  // 已移送
	RefAccepted ReferralStatus = "accepted"  // 已受理
	RefRefused  ReferralStatus = "refused"   // 不予受理
	RefFiled    ReferralStatus = "filed"     // 已立案（刑事）
	RefNotFiled ReferralStatus = "not_filed" // 不予立案
	RefReturned ReferralStatus = "returned"  // 退回
)

// ReferralStatuses in the order of the procedure.
var ReferralStatuses = []ReferralStatus{RefReferred, RefAccepted, RefRefused, RefFiled, RefNotFiled, RefReturned}

var referralLabels = map[ReferralStatus]string{RefReferred: "已移送", RefAccepted: "已受理", RefRefused: "不予受理",
	RefFiled: "已立案", RefNotFiled: "不予立案", RefReturned: "退回"}

// Label is the status's Chinese name.
func (s ReferralStatus) Label() string {
	if l, ok := referralLabels[s]; ok {
		return l
	}
	return string(s)
}

// referralNext lists the statuses each status may move to: the police
// accept or refuse, then file or not; a refusal or a decision not to file
// may be reversed after 复议 or 检察监督 (立案监督); a returned case may be
// referred again once completed.
var referralNext = map[ReferralStatus][]ReferralStatus{
	RefReferred: {RefAccepted, RefRefused, RefReturned},
	RefAccepted: {RefFiled, RefNotFiled, RefReturned},
	RefRefused:  {RefAccepted, RefReferred},
	RefNotFiled: {RefFiled},
	RefReturned: {RefReferred},
}

// Next lists the statuses a referral in st may move to (none once final).
func (st ReferralStatus) Next() []ReferralStatus {
	return append([]ReferralStatus(nil), referralNext[st]...)
}

// NeedsNote reports whether moving to st needs a reason: a refusal, a
// decision not to file and a return are answered with the police's reasons.
func (st ReferralStatus) NeedsNote() bool {
	return st == RefRefused || st == RefNotFiled || st == RefReturned
}

// CheckReferralStep refuses a status change the procedure does not allow,
// saying which steps are possible.
func CheckReferralStep(from, to ReferralStatus) error {
	if _, ok := referralLabels[to]; !ok {
		return invalid("请选择移送状态")
	}
	next := referralNext[from]
	for _, n := range next {
		if n == to {
			return nil
		}
	}
	if len(next) == 0 {
		return conflict("移送案件当前为“%s”，办理程序已终结，不能再变更为“%s”", from.Label(), to.Label())
	}
	var names []string
	for _, n := range next {
		names = append(names, "“"+n.Label()+"”")
	}
	return conflict("移送案件当前为“%s”，只能变更为%s", from.Label(), strings.Join(names, "、"))
}

// Referral is one 两法衔接 referral.
type Referral struct {
	ID            int64
	Case          CaseRef
	ReferredOn    string
	Receiver      string
	Charges       string
	Status        ReferralStatus
	StatusOn      string
	StatusNote    string
	Oversight     string
	CreatedByName string
	UpdatedAt     time.Time
}

// ReferralInput records a referral.
type ReferralInput struct {
	CaseNo     string
	ReferredOn string
	Receiver   string // 接收的公安机关
	Charges    string // 涉嫌罪名
	Note       string
}

// RecordReferral records that a case in scope was referred to the police.
func (s *Service) RecordReferral(ctx context.Context, scope string, in ReferralInput) (int64, error) {
	receiver, err := supText("接收机关", in.Receiver, true, 100)
	if err != nil {
		return 0, err
	}
	charges, err := supText("涉嫌罪名", in.Charges, true, 200)
	if err != nil {
		return 0, err
	}
	note, err := supText("说明", in.Note, false, 1000)
	if err != nil {
		return 0, err
	}
	on, err := s.supDate("移送日期", in.ReferredOn)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		c, err := supCaseByNo(ctx, tx, scope, in.CaseNo)
		if err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_referrals WHERE case_id = ? AND status IN ('referred', 'accepted')`,
			c.ID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return conflict("案件%s已移送且尚未办结，不能重复移送", c.CaseNo)
		}
		filed, _, err := caseDates(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if filed != "" && on.String() < filed {
			return invalid("移送日期不能早于案件的立案日期%s", filed)
		}
		_, name := supActor(ctx, tx)
		now := s.now()
		id, err = tx.InsertID(ctx, `INSERT INTO enf_referrals (case_id, unit_id, referred_on, receiver, charges, status, status_on,
			status_note, created_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.UnitID, on.String(), receiver, charges, string(RefReferred), on.String(), note, name, now, now)
		if err != nil {
			return err
		}
		if err := s.referralStep(ctx, tx, id, RefReferred, on.String(), note, name); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.referral", ObjectType: "enf_referral",
			ObjectID: supID(id), Summary: fmt.Sprintf("案件%s移送%s，涉嫌%s", c.CaseNo, receiver, charges)})
	})
	return id, err
}

func (s *Service) referralStep(ctx context.Context, tx *store.Tx, id int64, st ReferralStatus, on, note, name string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO enf_referral_steps (referral_id, status, on_date, note, actor_name, at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, string(st), on, note, name, s.now())
	return err
}

// SetReferralStatus records the police's answer (or a re-referral).
func (s *Service) SetReferralStatus(ctx context.Context, scope string, id int64, to ReferralStatus, onDate, note string) error {
	note, err := supText("说明", note, to.NeedsNote(), 1000)
	if err != nil {
		return err
	}
	on, err := s.supDate("日期", onDate)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := referralIn(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		if err := CheckReferralStep(r.Status, to); err != nil {
			return err
		}
		if on.String() < r.StatusOn {
			return invalid("日期不能早于上一步的日期%s", r.StatusOn)
		}
		_, name := supActor(ctx, tx)
		if _, err := tx.ExecContext(ctx, `UPDATE enf_referrals SET status = ?, status_on = ?, status_note = ?, updated_at = ? WHERE id = ?`,
			string(to), on.String(), note, s.now(), id); err != nil {
			return err
		}
		if err := s.referralStep(ctx, tx, id, to, on.String(), note, name); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.referral_status", ObjectType: "enf_referral",
			ObjectID: supID(id), Summary: fmt.Sprintf("案件%s移送：%s", r.Case.CaseNo, to.Label()),
			Changes: []audit.Change{{Field: "status", Before: r.Status.Label(), After: to.Label()}}})
	})
}

// SetReferralOversight records the procuratorate's 检察监督 of a referral
// (立案监督, 检察建议 …).
func (s *Service) SetReferralOversight(ctx context.Context, scope string, id int64, text string) error {
	text, err := supText("检察监督情况", text, true, 1000)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := referralIn(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_referrals SET oversight = ?, updated_at = ? WHERE id = ?`, text, s.now(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.referral_oversight", ObjectType: "enf_referral",
			ObjectID: supID(id), Summary: "案件" + r.Case.CaseNo + "移送的检察监督情况",
			Changes: []audit.Change{{Field: "oversight", Before: r.Oversight, After: text}}})
	})
}

const referralSelect = `SELECT r.id, r.referred_on, r.receiver, r.charges, r.status, r.status_on, r.status_note, r.oversight,
	r.created_by_name, r.updated_at, c.id, c.case_no, c.title, c.unit_id, u.name, u.path, c.state
	FROM enf_referrals r JOIN enf_cases c ON c.id = r.case_id JOIN units u ON u.id = r.unit_id `

func scanReferral(sc interface{ Scan(...any) error }) (Referral, error) {
	var r Referral
	var st, cst string
	err := sc.Scan(&r.ID, &r.ReferredOn, &r.Receiver, &r.Charges, &st, &r.StatusOn, &r.StatusNote, &r.Oversight,
		&r.CreatedByName, &r.UpdatedAt, &r.Case.ID, &r.Case.CaseNo, &r.Case.Title, &r.Case.UnitID, &r.Case.UnitName,
		&r.Case.UnitPath, &cst)
	r.Status, r.Case.State = ReferralStatus(st), State(cst)
	return r, err
}

func referralIn(ctx context.Context, q store.Querier, scope string, id int64) (Referral, error) {
	r, err := scanReferral(q.QueryRowContext(ctx, referralSelect+`WHERE r.id = ?`, id))
	if supNoRows(err) || (err == nil && !strings.HasPrefix(r.Case.UnitPath, scope)) {
		return Referral{}, notFound("移送记录不存在或不在您的数据范围内")
	}
	return r, err
}

// Referral returns one referral of a unit under scope.
func (s *Service) Referral(ctx context.Context, scope string, id int64) (Referral, error) {
	return referralIn(ctx, s.DB.Read(), scope, id)
}

// caseDates reads a case's 立案 and decision dates ("" when unset).
func caseDates(ctx context.Context, q store.Querier, caseID int64) (filed, decided string, err error) {
	err = q.QueryRowContext(ctx, `SELECT filed_on, decided_on FROM enf_cases WHERE id = ?`, caseID).Scan(&filed, &decided)
	return filed, decided, err
}

// Referrals lists the referrals of units under scope made in year (0: all),
// newest first.
func (s *Service) Referrals(ctx context.Context, scope string, year int) ([]Referral, error) {
	where, args := `WHERE u.path LIKE ?`, []any{scope + "%"}
	if year != 0 {
		from, to := yearBounds(year)
		where, args = where+` AND r.referred_on >= ? AND r.referred_on < ?`, append(args, from, to)
	}
	rows, err := s.DB.Read().QueryContext(ctx, referralSelect+where+` ORDER BY r.referred_on DESC, r.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("referrals: %w", err)
	}
	defer rows.Close()
	var out []Referral
	for rows.Next() {
		r, err := scanReferral(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReferralStep is one entry of a referral's history.
type ReferralStep struct {
	Status    ReferralStatus
	OnDate    string
	Note      string
	ActorName string
}

// ReferralSteps returns a referral's history, oldest first.
func (s *Service) ReferralSteps(ctx context.Context, scope string, id int64) ([]ReferralStep, error) {
	if _, err := referralIn(ctx, s.DB.Read(), scope, id); err != nil {
		return nil, err
	}
	var out []ReferralStep
	err := eachRow(ctx, s.DB.Read(), `SELECT status, on_date, note, actor_name FROM enf_referral_steps WHERE referral_id = ? ORDER BY id`,
		[]any{id}, func(sc func(...any) error) error {
			var st ReferralStep
			var status string
			err := sc(&status, &st.OnDate, &st.Note, &st.ActorName)
			st.Status = ReferralStatus(status)
			out = append(out, st)
			return err
		})
	return out, err
}
