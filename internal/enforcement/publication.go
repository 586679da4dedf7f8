package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// PublicationOf returns a case's publication, if any.
func (s *Service) PublicationOf(ctx context.Context, caseID int64) (Publication, bool, error) {
	var id int64
	err := s.DB.Read().QueryRowContext(ctx, `SELECT id FROM enf_publications WHERE case_id = ?`, caseID).Scan(&id)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Publication{}, false, nil
		}
		return Publication{}, false, err
	}
	p, err := s.PublicationByID(ctx, id)
	return p, err == nil, err
}

// PublicText is a decision as the portal shows it: the party's name, 身份证号,
// phone and address masked (organisations keep their names).
func PublicText(c Case) (title, body string) {
	party := c.PartyMasked()
	title = fmt.Sprintf("%s%s", party, strings.TrimSuffix(c.Title, "案")+"案")
	var b strings.Builder
	fmt.Fprintf(&b, "行政处罚决定书文号：%s\n", c.DecisionNo)
	fmt.Fprintf(&b, "当事人：%s\n", party)
	if c.PartyAddress != "" {
		fmt.Fprintf(&b, "地址：%s\n", privacy.MaskAddress(c.PartyAddress))
	}
	fmt.Fprintf(&b, "案由：%s\n", c.Title)
	if c.Facts != "" {
		fmt.Fprintf(&b, "违法事实：%s\n", privacy.MaskText(strings.ReplaceAll(c.Facts, c.PartyName, party)))
	}
	if c.ItemName != "" {
		fmt.Fprintf(&b, "执法事项：%s\n", c.ItemName)
	}
	fmt.Fprintf(&b, "处罚内容：%s\n", privacy.MaskText(strings.ReplaceAll(c.PenaltyText, c.PartyName, party)))
	fmt.Fprintf(&b, "作出决定的机关：%s\n", c.UnitName)
	fmt.Fprintf(&b, "决定日期：%s", c.DecidedOn)
	return title, b.String()
}

// Publish puts a decided case on the portal (事后公示) today with its
// personal data masked; published after the local working-day limit it is
// marked late.
func (s *Service) Publish(ctx context.Context, caseID int64) error {
	return s.PublishOn(ctx, caseID, "")
}

// PublishOn records a publication made on the day on (ISO; today when
// empty), e.g. when a publication done elsewhere is entered afterwards.
func (s *Service) PublishOn(ctx context.Context, caseID int64, on string) error {
	c, err := s.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	switch c.State {
	case StateDecided, StateServed, StateExecuting, StateClosed:
	default:
		return conflict("案件%s，尚无可公示的决定", c.State.Label())
	}
	if c.Decision != DecPenalty {
		return conflict("不予处罚的决定不公示")
	}
	if _, ok, err := s.PublicationOf(ctx, caseID); err != nil {
		return err
	} else if ok {
		return conflict("该决定已公示")
	}
	days, err := s.publishDays(ctx, c)
	if err != nil {
		return err
	}
	decided, err := calendar.ParseDate(c.DecidedOn)
	if err != nil {
		return err
	}
	due, err := s.Deadlines.Compute(ctx, deadline.Calc{RegionCode: s.unitRegion(ctx, c.UnitID), N: days.Value, Unit: calendar.UnitWorkday, Start: decided})
	if err != nil {
		return err
	}
	today := s.today()
	if on != "" {
		if _, err := calendar.ParseDate(on); err != nil || on > today || on < c.DecidedOn {
			return invalid("公示日期应在决定日期和今天之间")
		}
		today = on
	}
	late := today > due.Due.String()
	title, body := PublicText(c)
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		id, err := tx.InsertID(ctx, `INSERT INTO enf_publications (case_id, unit_id, item_id, category, title, body, decision_no,
			decided_on, due_on, published_on, late, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.UnitID, store.NullInt(c.ItemID), string(c.Category), title, body, c.DecisionNo, c.DecidedOn, due.Due.String(),
			today, late, s.now())
		if err != nil {
			return err
		}
		if err := s.IndexPublication(ctx, tx, id, title, c.DecisionNo); err != nil {
			return err
		}
		if err := s.addEvent(ctx, tx, c.ID, "publish", c.State, c.State, today, "公示于行政执法公示平台", map[string]any{"late": late, "due": due.Due.String()}); err != nil {
			return err
		}
		if err := s.completeCaseDeadlines(ctx, tx, c, "决定公示"); err != nil {
			return err
		}
		summary := fmt.Sprintf("公示%s的处罚决定", c.CaseNo)
		if late {
			summary += fmt.Sprintf("（逾期：应于%s前公示）", due.Due.String())
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.case.publish", ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID), Summary: summary})
	})
}
