package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// ObjectCase is the object type of cases in the audit log and the monitor.
const ObjectCase = "enf_case"

// Case is an enforcement case as stored (personal data sealed).
type Case struct {
	ID              int64
	UnitID          int64
	UnitName        string
	UnitPath        string
	SubjectID       int64
	ItemID          int64
	ItemName        string
	Category        Category
	CaseNo          string
	Procedure       Procedure
	State           State
	Title           string
	Source          string
	PartyKind       string // person | org
	PartyName       string
	PartyIDMasked   string
	PartyAddress    string
	Facts           string
	Major           bool
	Collective      bool
	Mobile          bool
	FoundOn         string
	FiledOn         string
	DecidedOn       string
	Decision        Decision
	DecisionNo      string
	FineFen         int64
	ConfiscatedFen  int64
	PenaltyText     string
	DiscretionID    int64
	DepartureReason string
	Hearing         bool
	ServedOn        string
	PaidOn          string
	ClosedOn        string
	CreatedByName   string
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// PartyIsOrg reports whether the party is an organisation.
func (c Case) PartyIsOrg() bool { return c.PartyKind == "org" }

// PartyMasked is the party's name as public pages show it.
func (c Case) PartyMasked() string {
	if c.PartyIsOrg() {
		return c.PartyName
	}
	return privacy.MaskName(c.PartyName)
}

// Facts for the statistics rollups.
func (c Case) facts(reviewed bool) *CaseFacts {
	return &CaseFacts{UnitID: c.UnitID, Category: c.Category, Procedure: c.Procedure, State: c.State, Decision: c.Decision,
		FiledOn: c.FiledOn, DecidedOn: c.DecidedOn, FineFen: c.FineFen, ConfiscatedFen: c.ConfiscatedFen,
		Hearing: c.Hearing, Major: c.Major, Reviewed: reviewed, Mobile: c.Mobile, PenaltyText: c.PenaltyText}
}

// CaseOfficerInput is an officer put on a case.
type CaseOfficerInput struct {
	OfficerID int64
	Lead      bool
	ShownCert bool // 亮证 recorded
}

// CaseInput is a new case as the form sends it. For the 简易程序 the
// decision is taken on the spot: FineFen, PenaltyText, DiscretionID.
type CaseInput struct {
	UnitID          int64
	ItemID          int64
	Procedure       Procedure
	Title           string
	Source          string
	PartyKind       string
	PartyName       string
	PartyID         string // 身份证号 of a person, 统一社会信用代码 of an organisation
	PartyPhone      string
	PartyAddress    string
	Facts           string
	FoundOn         string
	FiledOn         string // 立案 (ordinary) or decision (simple) date; today when empty
	Mobile          bool
	Officers        []CaseOfficerInput
	FineFen         int64
	PenaltyText     string
	DiscretionID    int64
	DepartureReason string
}

// CaseSources are the usual 案件来源.
var CaseSources = []string{"监督检查发现", "投诉举报", "上级交办", "其他机关移送", "媒体曝光", "其他"}

func (in *CaseInput) normalise() {
	for _, p := range []*string{&in.Title, &in.Source, &in.PartyKind, &in.PartyName, &in.PartyPhone, &in.PartyAddress,
		&in.Facts, &in.FoundOn, &in.FiledOn, &in.PenaltyText, &in.DepartureReason} {
		*p = strings.TrimSpace(*p)
	}
	in.PartyID = strings.ToUpper(strings.TrimSpace(in.PartyID))
	if in.PartyKind == "" {
		in.PartyKind = "person"
	}
}

// validateCase checks the fields every case needs, naming the field.
func validateCase(in CaseInput, today string) error {
	switch {
	case in.UnitID == 0:
		return invalid("请选择执法单位")
	case in.ItemID == 0:
		return invalid("请选择执法事项（权责清单中的事项）")
	case in.Procedure != ProcSimple && in.Procedure != ProcOrdinary:
		return invalid("请选择简易程序或普通程序")
	case in.Title == "":
		return invalid("请填写案由")
	case utf8.RuneCountInString(in.Title) > 200:
		return invalid("案由不能超过200字")
	case in.PartyKind != "person" && in.PartyKind != "org":
		return invalid("请选择当事人类型")
	case in.PartyName == "":
		return invalid("请填写当事人名称或姓名")
	case utf8.RuneCountInString(in.Facts) > 5000:
		return invalid("违法事实不能超过5000字")
	}
	if in.PartyKind == "person" && in.PartyID != "" {
		if err := privacy.ValidateIDNumber(in.PartyID); err != nil {
			return invalid("当事人身份证号：%s", err.Error())
		}
	}
	filed, err := calendar.ParseDate(in.FiledOn)
	if err != nil {
		return invalid("立案（决定）日期“%s”有误，请按 2026-03-02 的格式填写", in.FiledOn)
	}
	if filed.String() > today {
		return invalid("立案（决定）日期%s晚于今天", filed.Chinese())
	}
	if in.FoundOn != "" {
		found, err := calendar.ParseDate(in.FoundOn)
		if err != nil || found.String() > filed.String() {
			return invalid("发现日期应早于或等于立案日期")
		}
	}
	seen := map[int64]bool{}
	for _, o := range in.Officers {
		if seen[o.OfficerID] {
			return invalid("同一执法人员不能重复登记")
		}
		seen[o.OfficerID] = true
	}
	return nil
}

func (s *Service) today() string { return s.now().In(regCST).Format(time.DateOnly) }

// CreateCase registers a case: 立案 for the 普通程序 (with the 办案期限 in the
// monitor), or a decision made on the spot for the 简易程序.
func (s *Service) CreateCase(ctx context.Context, in CaseInput) (int64, error) {
	in.normalise()
	if in.FiledOn == "" {
		in.FiledOn = s.today()
	}
	if err := validateCase(in, s.today()); err != nil {
		return 0, err
	}
	item, err := s.Item(ctx, in.ItemID)
	if err != nil {
		return 0, err
	}
	if item.UnitID != in.UnitID {
		return 0, invalid("执法事项“%s”不属于该单位的权责清单", item.Name)
	}
	unit, err := s.Org.Get(ctx, in.UnitID)
	if err != nil {
		return 0, err
	}
	officers, err := s.caseOfficers(ctx, in.UnitID, in.Officers, in.FiledOn)
	if err != nil {
		return 0, err
	}
	c := Case{UnitID: in.UnitID, ItemID: item.ID, Category: item.Category, Procedure: in.Procedure, Title: in.Title,
		Source: in.Source, PartyKind: in.PartyKind, PartyName: in.PartyName, PartyAddress: in.PartyAddress, Facts: in.Facts,
		Major: item.Major, Collective: item.Collective, Mobile: in.Mobile, FoundOn: in.FoundOn, FiledOn: in.FiledOn,
		State: StateFiled}
	if in.Procedure == ProcSimple {
		if err := CheckSimple(in.PartyKind == "org", Fen(in.FineFen), officers); err != nil {
			return 0, err
		}
		if err := s.checkDiscretion(item, in.DiscretionID, in.FineFen, in.DepartureReason); err != nil {
			return 0, err
		}
		if in.PenaltyText == "" {
			return 0, invalid("请填写当场作出的处罚内容（警告或罚款金额）")
		}
		c.State, c.Decision, c.DecidedOn = StateDecided, DecPenalty, in.FiledOn
		c.FineFen, c.PenaltyText, c.DiscretionID, c.DepartureReason = in.FineFen, in.PenaltyText, in.DiscretionID, in.DepartureReason
	}
	idSealed, idIndex, phoneSealed, err := s.sealParty(in)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		no, err := s.nextCaseNo(ctx, tx, unit.Name, unit.ShortName, in.FiledOn[:4])
		if err != nil {
			return err
		}
		c.CaseNo = no
		if c.State == StateDecided {
			c.DecisionNo = no
		}
		uid, uname := s.actor(ctx, tx)
		c.CreatedByName = uname
		now := s.now()
		subject := s.firstSubject(ctx, tx, in.UnitID)
		id, err = tx.InsertID(ctx, `INSERT INTO enf_cases (unit_id, subject_id, item_id, category, case_no, procedure, state, title, source,
			party_kind, party_name, party_id_sealed, party_id_index, party_phone_sealed, party_address, facts, major, collective, mobile,
			found_on, filed_on, decided_on, decision, decision_no, fine_fen, penalty_text, discretion_id, departure_reason,
			created_by, created_by_name, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.UnitID, store.NullInt(subject), c.ItemID, string(c.Category), c.CaseNo, string(c.Procedure), string(c.State), c.Title, c.Source,
			c.PartyKind, c.PartyName, idSealed, idIndex, phoneSealed, c.PartyAddress, c.Facts, c.Major, c.Collective, c.Mobile,
			c.FoundOn, c.FiledOn, c.DecidedOn, string(c.Decision), c.DecisionNo, c.FineFen, c.PenaltyText, store.NullInt(c.DiscretionID),
			c.DepartureReason, store.NullInt(uid), uname, now, now)
		if err != nil {
			return err
		}
		c.ID = id
		for _, o := range in.Officers {
			role := "handler"
			if o.Lead {
				role = "lead"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO enf_case_officers (case_id, officer_id, role, shown_cert) VALUES (?, ?, ?, ?)`,
				id, o.OfficerID, role, o.ShownCert); err != nil {
				return err
			}
		}
		step, note := "file", "立案（负责人批准）"
		if c.Procedure == ProcSimple {
			step, note = string(StepDecide), "简易程序当场作出行政处罚决定："+c.PenaltyText
		}
		if err := s.addEvent(ctx, tx, id, step, "", c.State, in.FiledOn, note, nil); err != nil {
			return err
		}
		if c.Procedure == ProcOrdinary {
			if err := s.registerCaseDeadline(ctx, tx, c, "penalty_case_period", in.FiledOn, "办案期限"); err != nil {
				return err
			}
		} else if err := s.afterDecision(ctx, tx, c); err != nil {
			return err
		}
		if err := s.applyStats(ctx, tx, nil, c.facts(false)); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.case.create", ObjectType: ObjectCase, ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("%s立案：%s（%s，%s）", unit.Name, c.CaseNo, c.Title, c.Procedure.Label())})
	})
	return id, err
}

// sealParty seals the party's 身份证号 (persons) and phone for storage.
func (s *Service) sealParty(in CaseInput) (idSealed, idIndex, phoneSealed string, err error) {
	if in.PartyID != "" {
		if in.PartyKind == "person" {
			if idSealed, err = s.Cipher.Seal(in.PartyID); err != nil {
				return
			}
			idIndex = s.Cipher.Index(in.PartyID)
		} else {
			idSealed = in.PartyID // 统一社会信用代码 is public
		}
	}
	if in.PartyPhone != "" {
		phoneSealed, err = s.Cipher.Seal(in.PartyPhone)
	}
	return
}

// checkDiscretion holds a fine against the item's 裁量基准; a departure needs
// a written reason.
func (s *Service) checkDiscretion(item Item, discretionID, fine int64, reason string) error {
	ok, why := CheckPenalty(item, discretionID, Fen(fine))
	if !ok && strings.TrimSpace(reason) == "" {
		return invalid("%s；偏离裁量基准的，须书面说明理由", why)
	}
	return nil
}

// caseOfficers loads the officers put on a case (they must belong to the
// unit) with what the state machine needs.
func (s *Service) caseOfficers(ctx context.Context, unitID int64, in []CaseOfficerInput, day string) ([]CaseOfficer, error) {
	var out []CaseOfficer
	for _, o := range in {
		off, err := s.Officer(ctx, o.OfficerID)
		if err != nil {
			return nil, err
		}
		if off.UnitID != unitID {
			return nil, invalid("执法人员%s不属于该执法单位", off.Name)
		}
		_, problem := off.CanEnforceOn(day)
		out = append(out, CaseOfficer{Name: off.Name, ShownCert: o.ShownCert, Problem: problem})
	}
	return out, nil
}

// nextCaseNo numbers a unit's cases per year with the unit's 简称 (set it on
// the unit page, e.g. 清市监): 清市监罚〔2026〕12号; the full name without one.
func (s *Service) nextCaseNo(ctx context.Context, tx *store.Tx, unitName, short, year string) (string, error) {
	prefix := short
	if prefix == "" {
		prefix = unitName
	}
	// The range keeps the count on the case number index (LIKE alone scans
	// every case on PostgreSQL unless the collation is C): numbers starting
	// with "…〔2026〕" sort below "…〔2026〖" (U+3016 follows U+3015).
	lo := prefix + "罚〔" + year + "〕"
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_cases WHERE case_no >= ? AND case_no < ? AND case_no LIKE ?`,
		lo, prefix+"罚〔"+year+"〖", lo+"%").Scan(&n); err != nil {
		return "", err
	}
	for {
		n++
		no := fmt.Sprintf("%s罚〔%s〕%d号", prefix, year, n)
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_cases WHERE case_no = ?`, no).Scan(&exists); err != nil {
			return "", err
		}
		if exists == 0 {
			return no, nil
		}
	}
}

func (s *Service) firstSubject(ctx context.Context, tx *store.Tx, unitID int64) int64 {
	var id int64
	_ = tx.QueryRowContext(ctx, `SELECT id FROM enf_subjects WHERE unit_id = ? AND active = ? ORDER BY id LIMIT 1`, unitID, true).Scan(&id)
	return id
}

// actor is the acting user's id and display name (regActorName).
func (s *Service) actor(ctx context.Context, tx *store.Tx) (int64, string) {
	return audit.ActorFrom(ctx).UserID, regActorName(ctx, tx)
}

func (s *Service) addEvent(ctx context.Context, tx *store.Tx, caseID int64, step string, from, to State, on, note string, data map[string]any) error {
	js := "{}"
	if len(data) > 0 {
		js = mustJSON(data)
	}
	uid, uname := s.actor(ctx, tx)
	_, err := tx.ExecContext(ctx, `INSERT INTO enf_case_events (case_id, step, from_state, to_state, on_date, note, data, actor_id, actor_name, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, step, string(from), string(to), on, note, js, store.NullInt(uid), uname, s.now())
	return err
}

// caseSelect loads cases with their unit and item names.
const caseSelect = `SELECT c.id, c.unit_id, u.name, u.path, COALESCE(c.subject_id, 0), COALESCE(c.item_id, 0), COALESCE(i.name, ''),
	c.category, c.case_no, c.procedure, c.state, c.title, c.source, c.party_kind, c.party_name, c.party_id_sealed, c.party_address,
	c.facts, c.major, c.collective, c.mobile, c.found_on, c.filed_on, c.decided_on, c.decision, c.decision_no, c.fine_fen,
	c.confiscated_fen, c.penalty_text, COALESCE(c.discretion_id, 0), c.departure_reason, c.hearing, c.served_on, c.paid_on,
	c.closed_on, c.created_by_name, c.created_at, c.updated_at
	FROM enf_cases c JOIN units u ON u.id = c.unit_id LEFT JOIN enf_items i ON i.id = c.item_id`

func (s *Service) scanCase(sc interface{ Scan(...any) error }) (Case, error) {
	var c Case
	var cat, proc, state, dec, sealed string
	err := sc.Scan(&c.ID, &c.UnitID, &c.UnitName, &c.UnitPath, &c.SubjectID, &c.ItemID, &c.ItemName, &cat, &c.CaseNo, &proc, &state,
		&c.Title, &c.Source, &c.PartyKind, &c.PartyName, &sealed, &c.PartyAddress, &c.Facts, &c.Major, &c.Collective, &c.Mobile,
		&c.FoundOn, &c.FiledOn, &c.DecidedOn, &dec, &c.DecisionNo, &c.FineFen, &c.ConfiscatedFen, &c.PenaltyText, &c.DiscretionID,
		&c.DepartureReason, &c.Hearing, &c.ServedOn, &c.PaidOn, &c.ClosedOn, &c.CreatedByName, &c.CreatedAt, &c.UpdatedAt)
	c.Category, c.Procedure, c.State, c.Decision = Category(cat), Procedure(proc), State(state), Decision(dec)
	if sealed != "" {
		if c.PartyKind == "org" {
			c.PartyIDMasked = sealed
		} else if plain, err := s.Cipher.Open(sealed); err == nil {
			c.PartyIDMasked = privacy.MaskIDNumber(plain)
		} else {
			c.PartyIDMasked = "（已加密）"
		}
	}
	return c, err
}

// GetCase loads one case.
func (s *Service) GetCase(ctx context.Context, id int64) (Case, error) {
	c, err := s.scanCase(s.DB.Read().QueryRowContext(ctx, caseSelect+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("案件不存在")
	}
	return c, err
}

// CaseFilter selects cases.
type CaseFilter struct {
	Scope  string
	UnitID int64
	State  State
	Year   int
	Query  string // 案号, 案由 or party
	Limit  int
}

// Cases lists the newest cases of a selection and how many there are.
func (s *Service) Cases(ctx context.Context, f CaseFilter) ([]Case, int, error) {
	w, args := []string{"u.path LIKE ?"}, []any{f.Scope + "%"}
	if f.UnitID != 0 {
		w, args = append(w, "c.unit_id = ?"), append(args, f.UnitID)
	}
	if f.State != "" {
		w, args = append(w, "c.state = ?"), append(args, string(f.State))
	}
	if f.Year != 0 {
		w, args = append(w, "c.filed_on >= ? AND c.filed_on <= ?"), append(args, fmt.Sprintf("%d-01-01", f.Year), fmt.Sprintf("%d-12-31", f.Year))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + escapeLike(q) + "%"
		w = append(w, `(c.case_no LIKE ? ESCAPE '\' OR c.title LIKE ? ESCAPE '\' OR c.party_name LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	where := " WHERE " + strings.Join(w, " AND ")
	var total int
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_cases c JOIN units u ON u.id = c.unit_id`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	rows, err := s.DB.Read().QueryContext(ctx, caseSelect+where+fmt.Sprintf(` ORDER BY c.filed_on DESC, c.id DESC LIMIT %d`, limit), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Case
	for rows.Next() {
		c, err := s.scanCase(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}
