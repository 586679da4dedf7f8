package deadline

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

// Audit actions of the rule catalogue.
const (
	ActionRuleConfirm  = "deadline.rule_confirm"
	ActionRuleOverride = "deadline.rule_override"
)

// maxOverrideN caps a region's own length (about a century of days).
const maxOverrideN = 36500

// Confirmation records who confirmed an unverified (U) rule for use.
type Confirmation struct {
	RuleID string
	Note   string
	ByID   int64
	By     string
	At     time.Time
}

// Override is a region's own length for a rule, with its own citation.
type Override struct {
	RegionCode string
	RuleID     string
	N          int
	Unit       calendar.Unit
	Citation   string
	Note       string
	By         string
	At         time.Time
}

// EffectiveRule is a catalogue rule as it applies in one region.
type EffectiveRule struct {
	calendar.Rule               // confirmed, and with the region's length when it has one
	Default       calendar.Rule // the embedded catalogue entry
	Confirmation  *Confirmation
	Override      *Override
}

// Countable reports whether the rule can compute a due date: it is not
// disabled and has a number of days, months or years.
func (r EffectiveRule) Countable() bool {
	_, err := r.Period()
	return err == nil && r.Unit != calendar.UnitHour
}

func loadConfirmations(ctx context.Context, q store.Querier) (map[string]Confirmation, error) {
	rows, err := q.QueryContext(ctx, `SELECT rule_id, note, confirmed_by, confirmed_by_name, confirmed_at
		FROM deadline_rule_confirmations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]Confirmation{}
	for rows.Next() {
		var c Confirmation
		var by sql.NullInt64
		if err := rows.Scan(&c.RuleID, &c.Note, &by, &c.By, &c.At); err != nil {
			return nil, err
		}
		c.ByID = by.Int64
		m[c.RuleID] = c
	}
	return m, rows.Err()
}

func loadOverrides(ctx context.Context, q store.Querier) (map[string]map[string]Override, error) {
	rows, err := q.QueryContext(ctx, `SELECT region_code, rule_id, n, unit, citation, note, updated_by_name, updated_at
		FROM deadline_rule_overrides`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]map[string]Override{}
	for rows.Next() {
		var o Override
		var unit string
		if err := rows.Scan(&o.RegionCode, &o.RuleID, &o.N, &unit, &o.Citation, &o.Note, &o.By, &o.At); err != nil {
			return nil, err
		}
		o.Unit = calendar.Unit(unit)
		if m[o.RuleID] == nil {
			m[o.RuleID] = map[string]Override{}
		}
		m[o.RuleID][o.RegionCode] = o
	}
	return m, rows.Err()
}

// effective applies the stored confirmation and the most specific override
// of the region's chain to a catalogue rule.
func (sn *snapshot) effective(def calendar.Rule, regionCode string) EffectiveRule {
	e := EffectiveRule{Rule: def, Default: def}
	if c, ok := sn.confirmed[def.ID]; ok && def.Status == calendar.StatusDisabled {
		e.Status = calendar.StatusActive
		e.Confirmation = &c
		e.Note = strings.TrimSpace(def.Note + fmt.Sprintf(" 已由%s于%s确认启用。", c.By, c.At.In(cst).Format("2006年1月2日")))
	}
	chain := regionChain(regionCode)
	for i := len(chain) - 1; i >= 0; i-- {
		o, ok := sn.overrides[def.ID][chain[i]]
		if !ok {
			continue
		}
		e.Override = &o
		if o.Unit != def.Unit {
			e.ExtendMax = 0 // the statutory maximum is in the national unit
		}
		e.N, e.Unit, e.Citation = o.N, o.Unit, o.Citation
		e.LengthText = fmt.Sprintf("%d%s（地方规定；全国规定为%s）", o.N, o.Unit.Label(), LengthLabel(def))
		break
	}
	return e
}

// Rules returns the whole catalogue as it applies in a region ("" for the
// national rules), in catalogue order.
func (s *Service) Rules(ctx context.Context, regionCode string) ([]EffectiveRule, error) {
	sn, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	defs := calendar.Rules()
	out := make([]EffectiveRule, len(defs))
	for i, d := range defs {
		out[i] = sn.effective(d, regionCode)
	}
	return out, nil
}

// Rule returns one rule as it applies in a region.
func (s *Service) Rule(ctx context.Context, regionCode, id string) (EffectiveRule, error) {
	def, ok := calendar.LookupRule(id)
	if !ok {
		return EffectiveRule{}, notFound("期限规则“%s”不存在", id)
	}
	sn, err := s.current(ctx)
	if err != nil {
		return EffectiveRule{}, err
	}
	return sn.effective(def, regionCode), nil
}

// Overrides lists every region's own length for a rule, by region code.
func (s *Service) Overrides(ctx context.Context, ruleID string) ([]Override, error) {
	sn, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	var out []Override
	for _, o := range sn.overrides[ruleID] {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Override) int { return strings.Compare(a.RegionCode, b.RegionCode) })
	return out, nil
}

// ConfirmRule enables an unverified (U) rule after an administrator has
// checked it against the text of the law.
func (s *Service) ConfirmRule(ctx context.Context, id, note string) error {
	def, ok := calendar.LookupRule(id)
	switch {
	case !ok:
		return notFound("期限规则“%s”不存在", id)
	case def.Status != calendar.StatusDisabled:
		return conflict("规则“%s”已核实，无需确认", def.Name)
	case strings.TrimSpace(note) == "":
		return invalid("note", "请写明核实的依据（如法规条文或文件文号）")
	}
	byID, byName := actorName(ctx)
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM deadline_rule_confirmations WHERE rule_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO deadline_rule_confirmations (rule_id, note, confirmed_by,
			confirmed_by_name, confirmed_at) VALUES (?, ?, ?, ?, ?)`, id, strings.TrimSpace(note), store.NullInt(byID),
			byName, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRuleConfirm, ObjectType: "deadline_rule", ObjectID: id,
			Summary: fmt.Sprintf("确认启用期限规则“%s”（%s）：%s", def.Name, LengthLabel(def), strings.TrimSpace(note)),
			Changes: []audit.Change{{Field: "status", Before: string(calendar.StatusDisabled), After: string(calendar.StatusActive)}}})
	})
	s.invalidate()
	return err
}

// RevokeRule disables a confirmed U rule again. Deadlines already computed
// with it stay as they are.
func (s *Service) RevokeRule(ctx context.Context, id, note string) error {
	def, ok := calendar.LookupRule(id)
	if !ok {
		return notFound("期限规则“%s”不存在", id)
	}
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM deadline_rule_confirmations WHERE rule_id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return conflict("规则“%s”尚未确认启用", def.Name)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRuleConfirm, ObjectType: "deadline_rule", ObjectID: id,
			Summary: fmt.Sprintf("撤销启用期限规则“%s”：%s", def.Name, strings.TrimSpace(note)),
			Changes: []audit.Change{{Field: "status", Before: string(calendar.StatusActive), After: string(calendar.StatusDisabled)}}})
	})
	s.invalidate()
	return err
}

func checkOverride(o Override) (calendar.Rule, error) {
	def, ok := calendar.LookupRule(o.RuleID)
	switch {
	case !ok:
		return def, notFound("期限规则“%s”不存在", o.RuleID)
	case def.N == 0 || def.Unit == "" || def.Unit == calendar.UnitHour:
		return def, conflict("规则“%s”没有可按日历计算的期限，不能设置地方期限", def.Name)
	case !validRegionCode(o.RegionCode):
		return def, invalid("region_code", "行政区划代码“%s”应为6位、9位或12位数字", o.RegionCode)
	case o.N < 1 || o.N > maxOverrideN:
		return def, invalid("n", "期限长度应为1至%d之间的整数", maxOverrideN)
	case o.Unit != calendar.UnitWorkday && o.Unit != calendar.UnitDay && o.Unit != calendar.UnitMonth && o.Unit != calendar.UnitYear:
		return def, invalid("unit", "请选择期限单位")
	case o.Citation == "":
		return def, invalid("citation", "请填写地方规定的依据（法规或文件名称及条款）")
	}
	return def, nil
}

// SetRuleOverride stores a region's own length for a rule. Open deadlines of
// that rule in the region are recomputed.
func (s *Service) SetRuleOverride(ctx context.Context, o Override) error {
	o.RegionCode, o.Citation, o.Note = strings.TrimSpace(o.RegionCode), strings.TrimSpace(o.Citation), strings.TrimSpace(o.Note)
	def, err := checkOverride(o)
	if err != nil {
		return err
	}
	byID, byName := actorName(ctx)
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		before, err := overrideText(ctx, tx, o.RegionCode, o.RuleID, def)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM deadline_rule_overrides WHERE region_code = ? AND rule_id = ?`,
			o.RegionCode, o.RuleID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO deadline_rule_overrides (region_code, rule_id, n, unit, citation, note,
			updated_by, updated_by_name, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.RegionCode, o.RuleID, o.N,
			string(o.Unit), o.Citation, o.Note, store.NullInt(byID), byName, s.now()); err != nil {
			return err
		}
		after := fmt.Sprintf("%d%s，依据：%s", o.N, o.Unit.Label(), o.Citation)
		return s.recordOverride(ctx, tx, o.RegionCode, def, before, after)
	})
	s.invalidate()
	return err
}

// DeleteRuleOverride returns a region to the catalogue's length for a rule.
func (s *Service) DeleteRuleOverride(ctx context.Context, regionCode, ruleID string) error {
	def, ok := calendar.LookupRule(ruleID)
	if !ok {
		return notFound("期限规则“%s”不存在", ruleID)
	}
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		before, err := overrideText(ctx, tx, regionCode, ruleID, def)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM deadline_rule_overrides WHERE region_code = ? AND rule_id = ?`,
			regionCode, ruleID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("该地区没有“%s”的地方期限", def.Name)
		}
		return s.recordOverride(ctx, tx, regionCode, def, before, "恢复全国规定："+LengthLabel(def))
	})
	s.invalidate()
	return err
}

func overrideText(ctx context.Context, tx *store.Tx, region, ruleID string, def calendar.Rule) (string, error) {
	var n int
	var unit, citation string
	err := tx.QueryRowContext(ctx, `SELECT n, unit, citation FROM deadline_rule_overrides WHERE region_code = ? AND rule_id = ?`,
		region, ruleID).Scan(&n, &unit, &citation)
	if errNoRows(err) {
		return "全国规定：" + LengthLabel(def), nil
	}
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d%s，依据：%s", n, calendar.Unit(unit).Label(), citation), nil
}

func (s *Service) recordOverride(ctx context.Context, tx *store.Tx, region string, def calendar.Rule, before, after string) error {
	n, err := s.recomputeOpen(ctx, tx, func(it Item) bool {
		return it.RuleID == def.ID && slices.Contains(regionChain(it.RegionCode), region)
	})
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("地区 %s 的期限规则“%s”：%s", region, def.Name, after)
	if n > 0 {
		summary += fmt.Sprintf("；重新计算在办期限 %d 项", n)
	}
	return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRuleOverride, ObjectType: "deadline_rule",
		ObjectID: region + "/" + def.ID, Summary: summary, Changes: []audit.Change{{Field: "length", Before: before, After: after}}})
}

// LengthLabel is a rule's length in words: "7个工作日", "7个工作日前",
// "每年3月31日前", or the catalogue's own text when it has no number.
func LengthLabel(r calendar.Rule) string {
	switch {
	case r.N > 0 && r.Unit != "":
		s := fmt.Sprintf("%d%s", r.N, r.Unit.Label())
		if r.Before {
			s += "前"
		}
		return s
	case len(r.AnnualDue) == 5:
		var m, d int
		if _, err := fmt.Sscanf(r.AnnualDue, "%d-%d", &m, &d); err == nil {
			return fmt.Sprintf("每年%d月%d日前", m, d)
		}
	}
	return r.LengthText
}
