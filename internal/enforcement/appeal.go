package enforcement

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// AppealKind is how a party challenged a decision.
type AppealKind string

const (
	AppealReconsideration AppealKind = "reconsideration" // 行政复议
	AppealLitigation      AppealKind = "litigation"      // 行政诉讼
)

// AppealKinds in display order.
var AppealKinds = []AppealKind{AppealReconsideration, AppealLitigation}

// Label is the kind's Chinese name.
func (k AppealKind) Label() string {
	switch k {
	case AppealReconsideration:
		return "行政复议"
	case AppealLitigation:
		return "行政诉讼"
	}
	return string(k)
}

// Outcome is how a 复议 or 诉讼 ended.
type Outcome string

const (
	OutcomePending   Outcome = ""          // 未审结
	OutcomeUpheld    Outcome = "upheld"    // 维持
	OutcomeDismissed Outcome = "dismissed" // 驳回（复议申请/诉讼请求）
	OutcomeRevoked   Outcome = "revoked"   // 撤销
	OutcomeChanged   Outcome = "changed"   // 变更
	OutcomeIllegal   Outcome = "illegal"   // 确认违法（无效）
	OutcomePerform   Outcome = "perform"   // 责令履行
	OutcomeMediated  Outcome = "mediated"  // 调解、和解
	OutcomeWithdrawn Outcome = "withdrawn" // 撤回申请、撤诉（终止）
	OutcomeOther     Outcome = "other"     // 其他
)

// Outcomes are the final outcomes in display order.
var Outcomes = []Outcome{OutcomeUpheld, OutcomeDismissed, OutcomeRevoked, OutcomeChanged, OutcomeIllegal,
	OutcomePerform, OutcomeMediated, OutcomeWithdrawn, OutcomeOther}

var outcomeLabels = map[Outcome]string{OutcomePending: "未审结", OutcomeUpheld: "维持", OutcomeDismissed: "驳回",
	OutcomeRevoked: "撤销", OutcomeChanged: "变更", OutcomeIllegal: "确认违法", OutcomePerform: "责令履行",
	OutcomeMediated: "调解/和解", OutcomeWithdrawn: "撤回/撤诉", OutcomeOther: "其他"}

// Label is the outcome's Chinese name.
func (o Outcome) Label() string {
	if l, ok := outcomeLabels[o]; ok {
		return l
	}
	return string(o)
}

// Corrected reports whether the outcome corrects the decision (纠错: 撤销、
// 变更、确认违法、责令履行) — for litigation, a case the organ lost.
func (o Outcome) Corrected() bool {
	return o == OutcomeRevoked || o == OutcomeChanged || o == OutcomeIllegal || o == OutcomePerform
}

// HasDecision reports whether a case in s carries a decision that a 复议 or
// 诉讼 can challenge (a revoked one included: the challenge may be why).
func (s State) HasDecision() bool {
	switch s {
	case StateDecided, StateServed, StateExecuting, StateClosed, StateNoPenalty, StateRevoked:
		return true
	}
	return false
}

// Appeal is one 复议 or 诉讼 against a case's decision.
type Appeal struct {
	ID            int64
	Case          CaseRef
	Kind          AppealKind
	Organ         string
	FiledOn       string
	Outcome       Outcome
	DecidedOn     string
	Note          string
	CreatedByName string
	CreatedAt     time.Time
}

// AppealInput records a new 复议 or 诉讼.
type AppealInput struct {
	CaseNo  string
	Kind    AppealKind
	Organ   string
	FiledOn string
	Note    string
}

// RecordAppeal records a 复议 or 诉讼 against a case in scope.
func (s *Service) RecordAppeal(ctx context.Context, scope string, in AppealInput) (int64, error) {
	if in.Kind != AppealReconsideration && in.Kind != AppealLitigation {
		return 0, invalid("请选择类型（行政复议或行政诉讼）")
	}
	organ, err := supText("复议机关/人民法院", in.Organ, true, 100)
	if err != nil {
		return 0, err
	}
	note, err := supText("备注", in.Note, false, 1000)
	if err != nil {
		return 0, err
	}
	filed, err := s.supDate("申请/起诉日期", in.FiledOn)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		c, err := supCaseByNo(ctx, tx, scope, in.CaseNo)
		if err != nil {
			return err
		}
		_, decided, err := caseDates(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if !c.State.HasDecision() || decided == "" {
			return conflict("案件%s尚未作出决定（现为“%s”），不能登记行政复议或行政诉讼", c.CaseNo, c.State.Label())
		}
		if filed.String() < decided {
			return invalid("申请/起诉日期不能早于决定日期%s", decided)
		}
		_, name := supActor(ctx, tx)
		now := s.now()
		id, err = tx.InsertID(ctx, `INSERT INTO enf_appeals (case_id, unit_id, kind, organ, filed_on, note, created_by_name,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.UnitID, string(in.Kind), organ,
			filed.String(), note, name, now, now)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.appeal", ObjectType: "enf_appeal",
			ObjectID: supID(id), Summary: fmt.Sprintf("案件%s：%s（%s，%s）", c.CaseNo, in.Kind.Label(), organ, filed)})
	})
	return id, err
}

// SetAppealOutcome records how a 复议 or 诉讼 ended. The case itself is not
// changed here: revoking its decision is a step on the case.
func (s *Service) SetAppealOutcome(ctx context.Context, scope string, id int64, o Outcome, decidedOn, note string) error {
	if _, ok := outcomeLabels[o]; !ok || o == OutcomePending {
		return invalid("请选择审结结果")
	}
	note, err := supText("备注", note, false, 1000)
	if err != nil {
		return err
	}
	d, err := s.supDate("决定/裁判日期", decidedOn)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		a, err := appealIn(ctx, tx, scope, id)
		if err != nil {
			return err
		}
		if d.String() < a.FiledOn {
			return invalid("决定/裁判日期不能早于申请/起诉日期%s", a.FiledOn)
		}
		if note == "" {
			note = a.Note
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_appeals SET outcome = ?, decided_on = ?, note = ?, updated_at = ? WHERE id = ?`,
			string(o), d.String(), note, s.now(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.appeal_outcome", ObjectType: "enf_appeal",
			ObjectID: supID(id), Summary: fmt.Sprintf("案件%s的%s审结：%s", a.Case.CaseNo, a.Kind.Label(), o.Label()),
			Changes: []audit.Change{{Field: "outcome", Before: a.Outcome.Label(), After: o.Label()}}})
	})
}

const appealSelect = `SELECT a.id, a.kind, a.organ, a.filed_on, a.outcome, a.decided_on, a.note, a.created_by_name,
	a.created_at, c.id, c.case_no, c.title, c.unit_id, u.name, u.path, c.state
	FROM enf_appeals a JOIN enf_cases c ON c.id = a.case_id JOIN units u ON u.id = a.unit_id `

func scanAppeal(sc interface{ Scan(...any) error }) (Appeal, error) {
	var a Appeal
	var kind, outcome, state string
	err := sc.Scan(&a.ID, &kind, &a.Organ, &a.FiledOn, &outcome, &a.DecidedOn, &a.Note, &a.CreatedByName, &a.CreatedAt,
		&a.Case.ID, &a.Case.CaseNo, &a.Case.Title, &a.Case.UnitID, &a.Case.UnitName, &a.Case.UnitPath, &state)
	a.Kind, a.Outcome, a.Case.State = AppealKind(kind), Outcome(outcome), State(state)
	return a, err
}

func appealIn(ctx context.Context, q store.Querier, scope string, id int64) (Appeal, error) {
	a, err := scanAppeal(q.QueryRowContext(ctx, appealSelect+`WHERE a.id = ?`, id))
	if supNoRows(err) || (err == nil && !strings.HasPrefix(a.Case.UnitPath, scope)) {
		return Appeal{}, notFound("复议/诉讼记录不存在或不在您的数据范围内")
	}
	return a, err
}

// Appeal returns one 复议 or 诉讼 of a unit under scope.
func (s *Service) Appeal(ctx context.Context, scope string, id int64) (Appeal, error) {
	return appealIn(ctx, s.DB.Read(), scope, id)
}

// CaseAppeals lists the 复议/诉讼 against one case under scope, oldest first.
func (s *Service) CaseAppeals(ctx context.Context, scope string, caseID int64) ([]Appeal, error) {
	return s.appealList(ctx, appealSelect+`WHERE u.path LIKE ? AND a.case_id = ? ORDER BY a.filed_on, a.id`, scope+"%", caseID)
}

// Appeals lists the 复议/诉讼 of the units under scope filed in year (0: all
// years), newest first.
func (s *Service) Appeals(ctx context.Context, scope string, year int) ([]Appeal, error) {
	where, args := `WHERE u.path LIKE ?`, []any{scope + "%"}
	if year != 0 {
		from, to := yearBounds(year)
		where, args = where+` AND (a.filed_on >= ? AND a.filed_on < ? OR a.decided_on >= ? AND a.decided_on < ?)`,
			append(args, from, to, from, to)
	}
	return s.appealList(ctx, appealSelect+where+` ORDER BY a.filed_on DESC, a.id DESC`, args...)
}

func (s *Service) appealList(ctx context.Context, query string, args ...any) ([]Appeal, error) {
	rows, err := s.DB.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("appeals: %w", err)
	}
	defer rows.Close()
	var out []Appeal
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
