package enforcement

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// ReviewItems are the points of a 法制审核 (国办发〔2018〕118号).
var ReviewItems = []struct{ Key, Label string }{
	{"subject", "执法主体是否合法"}, {"power", "是否超越法定权限"}, {"facts", "事实是否清楚"},
	{"evidence", "证据是否确实充分"}, {"basis", "适用依据是否准确"}, {"procedure", "程序是否合法"},
	{"discretion", "裁量是否适当"}, {"documents", "执法文书是否规范"},
}

// StepInput is a step as the case page sends it.
type StepInput struct {
	Step            Step
	On              string // legal date (ISO); today when empty
	Note            string // what happened: 告知内容, 听证笔录摘要, 讨论结论, 送达方式, 移送机关 …
	Decision        Decision
	Review          string          // pass | amend | reject
	Checklist       map[string]bool // 法制审核 points found in order
	FineFen         int64
	ConfiscatedFen  int64
	PenaltyText     string
	DiscretionID    int64
	DepartureReason string
}

// Event is one line of a case's timeline.
type Event struct {
	ID        int64
	Step      string
	FromState State
	ToState   State
	On        string
	Note      string
	Data      map[string]any
	ActorName string
	At        time.Time
}

// StepLabel names the event's step in Chinese.
func (e Event) StepLabel() string {
	if e.Step == "file" {
		return "立案"
	}
	if e.Step == "publish" {
		return "公示"
	}
	return Step(e.Step).Label()
}

// Events lists a case's timeline, oldest first.
func (s *Service) Events(ctx context.Context, caseID int64) ([]Event, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, step, from_state, to_state, on_date, note, data, actor_name, at
		FROM enf_case_events WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var from, to, data string
		if err := rows.Scan(&e.ID, &e.Step, &from, &to, &e.On, &e.Note, &data, &e.ActorName, &e.At); err != nil {
			return nil, err
		}
		e.FromState, e.ToState = State(from), State(to)
		_ = json.Unmarshal([]byte(data), &e.Data)
		out = append(out, e)
	}
	return out, rows.Err()
}

// OfficerOnCase is an officer listed on a case.
type OfficerOnCase struct {
	OfficerID int64
	Name      string
	CertNo    string
	Lead      bool
	ShownCert bool
}

// CaseOfficers lists the officers on a case.
func (s *Service) CaseOfficers(ctx context.Context, caseID int64) ([]OfficerOnCase, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT o.id, o.name, o.cert_no, co.role, co.shown_cert FROM enf_case_officers co
		JOIN enf_officers o ON o.id = co.officer_id WHERE co.case_id = ? ORDER BY co.role DESC, o.name`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OfficerOnCase
	for rows.Next() {
		var o OfficerOnCase
		var role string
		if err := rows.Scan(&o.OfficerID, &o.Name, &o.CertNo, &role, &o.ShownCert); err != nil {
			return nil, err
		}
		o.Lead = role == "lead"
		out = append(out, o)
	}
	return out, rows.Err()
}

// Progress replays a case's timeline into what the state machine needs.
func (s *Service) Progress(ctx context.Context, c Case, on string) (Progress, error) {
	p := Progress{Procedure: c.Procedure, State: c.State, PartyIsOrg: c.PartyIsOrg(), Major: c.Major, Collective: c.Collective,
		Decision: c.Decision, FineFen: c.FineFen}
	if item, err := s.Item(ctx, c.ItemID); err == nil {
		p.HearingRight = item.Hearing
	}
	offs, err := s.CaseOfficers(ctx, c.ID)
	if err != nil {
		return p, err
	}
	for _, o := range offs {
		off, err := s.Officer(ctx, o.OfficerID)
		if err != nil {
			return p, err
		}
		_, problem := off.CanEnforceOn(on)
		p.Officers = append(p.Officers, CaseOfficer{Name: o.Name, ShownCert: o.ShownCert, Problem: problem})
	}
	events, err := s.Events(ctx, c.ID)
	if err != nil {
		return p, err
	}
	for _, e := range events {
		switch Step(e.Step) {
		case StepNotify:
			p.Notified = true
			if d, ok := e.Data["hearing_deadline"].(string); ok {
				p.HearingDeadline = d
			}
		case StepRequestHearing:
			p.HearingRequested = true
		case StepHearingHeld:
			p.HearingHeld = true
		case StepReview:
			r, _ := e.Data["result"].(string)
			p.ReviewPassed = r == ReviewPass
			if r != ReviewPass {
				p.Notified = false // 补正后重新告知
			}
		case StepCollective:
			p.CollectiveDone = true
		}
	}
	return p, nil
}

// needsReviewer reports whether a step is the 法制审核/集体讨论 side's.
func (st Step) NeedsReviewer() bool { return st == StepReview || st == StepCollective }

// TakeStep records a step on a case after the state machine allows it,
// with its effects (decision fields, deadlines, publication withdrawal),
// the timeline event, the statistics and the audit record in one
// transaction.
func (s *Service) TakeStep(ctx context.Context, caseID int64, in StepInput) error {
	c, err := s.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	in.Note, in.PenaltyText, in.DepartureReason = strings.TrimSpace(in.Note), strings.TrimSpace(in.PenaltyText), strings.TrimSpace(in.DepartureReason)
	if in.On == "" {
		in.On = s.today()
	}
	on, err := calendar.ParseDate(in.On)
	if err != nil {
		return invalid("日期“%s”有误，请按 2026-03-02 的格式填写", in.On)
	}
	if in.On > s.today() {
		return invalid("日期%s晚于今天", on.Chinese())
	}
	if in.On < c.FiledOn {
		return invalid("日期%s早于立案日期", on.Chinese())
	}
	if utf8.RuneCountInString(in.Note) > 5000 {
		return invalid("说明不能超过5000字")
	}
	p, err := s.Progress(ctx, c, in.On)
	if err != nil {
		return err
	}
	to, err := Next(p, Request{Step: in.Step, On: in.On, Decision: in.Decision, Review: in.Review, FineFen: in.FineFen})
	if err != nil {
		return err
	}
	data := map[string]any{}
	after := c
	after.State = to
	switch in.Step {
	case StepNotify:
		if in.Note == "" {
			return invalid("请填写告知的拟处罚内容及事实、理由、依据")
		}
		if p.HearingRight {
			cp, err := s.Deadlines.Compute(ctx, deadline.Calc{RegionCode: s.unitRegion(ctx, c.UnitID), RuleID: "penalty_hearing_request", Start: on})
			if err != nil {
				return err
			}
			data["hearing_deadline"] = cp.Due.String()
		}
	case StepHearingHeld:
		if in.Note == "" {
			return invalid("请填写听证笔录摘要")
		}
		after.Hearing = true
	case StepReview:
		if strings.TrimSpace(in.Note) == "" {
			return invalid("请填写法制审核意见")
		}
		points := map[string]bool{}
		for _, it := range ReviewItems {
			points[it.Key] = in.Checklist[it.Key]
		}
		if in.Review == ReviewPass {
			for _, it := range ReviewItems {
				if !points[it.Key] {
					return invalid("审核要点“%s”未通过，不能同意；请选择补正或不同意", it.Label)
				}
			}
		}
		data["result"], data["checklist"] = in.Review, points
	case StepCollective:
		if in.Note == "" {
			return invalid("请填写集体讨论的结论")
		}
	case StepDecide:
		if err := s.decideFields(ctx, &after, in); err != nil {
			return err
		}
	case StepServe:
		after.ServedOn = in.On
	case StepClose:
		after.ClosedOn = in.On
		if c.FineFen > 0 {
			after.PaidOn = in.On
		}
	case StepTransfer:
		if in.Note == "" {
			return invalid("请填写移送的机关和理由")
		}
		// The 移送 is the case's decision (taken before any other, 处罚法第二十七条):
		// the 统计年报 counts it in the year it was taken, as it does imported ones.
		after.Decision, after.DecidedOn = DecTransfer, in.On
	case StepRevoke:
		if in.Note == "" {
			return invalid("请填写撤销的依据（如行政复议决定书、判决书文号）")
		}
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		// The state must not have moved since it was read.
		res, err := tx.ExecContext(ctx, `UPDATE enf_cases SET state = ?, decided_on = ?, decision = ?, decision_no = ?, fine_fen = ?,
			confiscated_fen = ?, penalty_text = ?, discretion_id = ?, departure_reason = ?, hearing = ?, served_on = ?, paid_on = ?,
			closed_on = ?, updated_at = ? WHERE id = ? AND state = ?`, string(after.State), after.DecidedOn, string(after.Decision),
			after.DecisionNo, after.FineFen, after.ConfiscatedFen, after.PenaltyText, store.NullInt(after.DiscretionID),
			after.DepartureReason, after.Hearing, after.ServedOn, after.PaidOn, after.ClosedOn, s.now(), c.ID, string(c.State))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return conflict("案件状态已被他人更新，请刷新后重试")
		}
		if in.Step == StepReview {
			uid, uname := s.actor(ctx, tx)
			if _, err := tx.ExecContext(ctx, `INSERT INTO enf_legal_reviews (case_id, checklist, result, opinion, reviewer_id, reviewer_name,
				reviewed_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, mustJSON(data["checklist"]), in.Review, in.Note,
				store.NullInt(uid), uname, in.On, s.now()); err != nil {
				return err
			}
		}
		if err := s.addEvent(ctx, tx, c.ID, string(in.Step), c.State, after.State, in.On, in.Note, data); err != nil {
			return err
		}
		if err := s.stepDeadlines(ctx, tx, c, after, in); err != nil {
			return err
		}
		reviewedBefore, reviewedAfter := p.ReviewPassed, p.ReviewPassed || (in.Step == StepReview && in.Review == ReviewPass)
		if err := s.applyStats(ctx, tx, c.facts(reviewedBefore), after.facts(reviewedAfter)); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.case.step", ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID),
			Summary: fmt.Sprintf("%s：%s（%s → %s）", c.CaseNo, in.Step.Label(), c.State.Label(), after.State.Label()),
			Changes: []audit.Change{{Field: "state", Before: string(c.State), After: string(after.State)}}})
	})
}

// decideFields fills the decision and checks the penalty against the 裁量基准.
func (s *Service) decideFields(ctx context.Context, c *Case, in StepInput) error {
	c.Decision, c.DecidedOn, c.DecisionNo = in.Decision, in.On, c.CaseNo
	if in.Decision == DecNoPenalty {
		if in.Note == "" {
			return invalid("请填写不予行政处罚的理由")
		}
		c.FineFen, c.ConfiscatedFen, c.PenaltyText = 0, 0, "不予行政处罚："+in.Note
		return nil
	}
	if in.PenaltyText == "" {
		return invalid("请填写处罚内容（如：警告，罚款5000元）")
	}
	if in.FineFen < 0 || in.ConfiscatedFen < 0 {
		return invalid("金额不能为负数")
	}
	item, err := s.Item(ctx, c.ItemID)
	if err != nil {
		return err
	}
	if err := s.checkDiscretion(item, in.DiscretionID, in.FineFen, in.DepartureReason); err != nil {
		return err
	}
	c.FineFen, c.ConfiscatedFen, c.PenaltyText = in.FineFen, in.ConfiscatedFen, in.PenaltyText
	c.DiscretionID, c.DepartureReason = in.DiscretionID, in.DepartureReason
	return nil
}

func (s *Service) unitRegion(ctx context.Context, unitID int64) string {
	if u, err := s.Org.Get(ctx, unitID); err == nil {
		return u.RegionCode
	}
	return ""
}

// registerCaseDeadline puts one statutory period of a case in the monitor.
func (s *Service) registerCaseDeadline(ctx context.Context, tx *store.Tx, c Case, rule, start, what string) error {
	d, err := calendar.ParseDate(start)
	if err != nil {
		return err
	}
	_, err = s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID),
		Title: fmt.Sprintf("%s %s", c.CaseNo, what), Link: fmt.Sprintf("/cases/%d", c.ID), RuleID: rule, Start: d, UnitID: c.UnitID})
	return err
}

// completeCaseDeadlines closes the case's open items whose title ends with
// one of whats (or all when none is given).
func (s *Service) completeCaseDeadlines(ctx context.Context, tx *store.Tx, c Case, whats ...string) error {
	items, err := s.Deadlines.ItemsOf(ctx, ObjectCase, fmt.Sprint(c.ID))
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Status != deadline.StatusOpen {
			continue
		}
		match := len(whats) == 0
		for _, w := range whats {
			if strings.HasSuffix(it.Title, w) {
				match = true
			}
		}
		if match {
			if err := s.Deadlines.Complete(ctx, tx, it.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// afterDecision: the 办案期限 is met, the 送达 and 公示 periods start.
func (s *Service) afterDecision(ctx context.Context, tx *store.Tx, c Case) error {
	if err := s.completeCaseDeadlines(ctx, tx, c, "办案期限"); err != nil {
		return err
	}
	if c.Procedure == ProcOrdinary {
		if err := s.registerCaseDeadline(ctx, tx, c, "penalty_decision_service", c.DecidedOn, "决定书送达"); err != nil {
			return err
		}
	}
	if c.Decision != DecPenalty {
		return nil
	}
	days, err := s.publishDays(ctx, c)
	if err != nil {
		return err
	}
	d, _ := calendar.ParseDate(c.DecidedOn)
	_, err = s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID),
		Title: fmt.Sprintf("%s 决定公示", c.CaseNo), Link: fmt.Sprintf("/cases/%d", c.ID), N: days.Value, Unit: calendar.UnitWorkday,
		Start: d, UnitID: c.UnitID, Citation: days.Name + "：" + days.Basis})
	return err
}

func (s *Service) publishDays(ctx context.Context, c Case) (SettingValue, error) {
	key := SetPublishDaysPenalty
	if c.Category == CatLicense {
		key = SetPublishDaysLicense
	}
	return s.Setting(ctx, s.unitRegion(ctx, c.UnitID), key)
}

// stepDeadlines starts and ends the statutory periods a step touches.
func (s *Service) stepDeadlines(ctx context.Context, tx *store.Tx, before, after Case, in StepInput) error {
	switch in.Step {
	case StepDecide:
		return s.afterDecision(ctx, tx, after)
	case StepServe:
		if err := s.completeCaseDeadlines(ctx, tx, after, "决定书送达"); err != nil {
			return err
		}
		if after.FineFen > 0 {
			return s.registerCaseDeadline(ctx, tx, after, "penalty_fine_payment", in.On, "缴纳罚款")
		}
	case StepClose:
		return s.completeCaseDeadlines(ctx, tx, after, "办案期限", "决定书送达", "缴纳罚款")
	case StepTransfer:
		return s.completeCaseDeadlines(ctx, tx, after)
	case StepRevoke:
		if err := s.completeCaseDeadlines(ctx, tx, after); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE enf_publications SET withdrawn_on = ?, withdraw_reason = ? WHERE case_id = ? AND withdrawn_on = ''`,
			in.On, "原决定已撤销："+in.Note, before.ID)
		return err
	}
	return nil
}
