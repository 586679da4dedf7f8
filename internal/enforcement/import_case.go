package enforcement

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"fazhi/internal/org"
	"fazhi/internal/privacy"
)

// caseRecord is one imported case row, validated and resolved.
type caseRecord struct {
	row                           int
	unitID, subjectID, itemID     int64
	category                      Category
	procedure                     Procedure
	state                         State
	decision                      Decision
	caseNo, title, source         string
	partyKind, partyName, partyID string
	phone, address, facts         string
	major, collective, mobile     bool
	hearing, reviewed             bool
	foundOn, filedOn, decidedOn   string
	servedOn, paidOn, closedOn    string
	decisionNo, penaltyText       string
	fine, confiscated             int64
	officers                      []int64
	// Filled by the writer's prep: the party's id as stored (a 身份证号
	// sealed, a 统一社会信用代码 as it is), its blind index, the sealed phone.
	storedID, idIndex, sealedPhone string
}

// statFacts are the record's contribution to the 统计年报.
func (c *caseRecord) statFacts() CaseFacts {
	return CaseFacts{UnitID: c.unitID, Category: c.category, Procedure: c.procedure, State: c.state,
		Decision: c.decision, FiledOn: c.filedOn, DecidedOn: c.decidedOn, FineFen: c.fine, ConfiscatedFen: c.confiscated,
		Hearing: c.hearing, Major: c.major, Reviewed: c.reviewed, Mobile: c.mobile, PenaltyText: c.penaltyText}
}

// caseParser validates case rows of one file: cell formats, the lookups,
// and the rules between fields. Duplicates are the caller's business.
type caseParser struct {
	t     *table
	lk    *importLookup
	today string
}

// rowIssues collects a row's problems by column.
type rowIssues struct {
	t      *table
	row    int
	issues []ImportIssue
}

func (r *rowIssues) add(key, format string, args ...any) {
	r.issues = append(r.issues, ImportIssue{Row: r.row, Column: r.t.name(key), Msg: fmt.Sprintf(format, args...)})
}

// text reads a required or optional text cell with a length limit.
func (r *rowIssues) text(cells []string, key string, required bool, maxLen int) string {
	v := r.t.cell(cells, key)
	switch {
	case v == "" && required:
		r.add(key, "不能为空")
	case utf8.RuneCountInString(v) > maxLen:
		r.add(key, "不能超过%d字", maxLen)
	}
	return v
}

// date reads an optional date cell that may not lie after today.
func (r *rowIssues) date(cells []string, key string, required bool, today string) string {
	v := r.t.cell(cells, key)
	if v == "" {
		if required {
			r.add(key, "不能为空")
		}
		return ""
	}
	d, ok := ParseImportDate(v)
	switch {
	case !ok:
		r.add(key, "日期“%s”无法识别，请写成 2025-03-01 的格式", v)
	case d > today:
		r.add(key, "日期%s晚于今天", d)
	}
	return d
}

func (r *rowIssues) yesNo(cells []string, key string) bool {
	v, ok := parseYesNo(r.t.cell(cells, key))
	if !ok {
		r.add(key, "应填“是”或“否”")
	}
	return v
}

// parse validates one row. The record is usable only when no issue comes back.
func (p *caseParser) parse(row int, cells []string) (caseRecord, []ImportIssue) {
	r := &rowIssues{t: p.t, row: row}
	c := caseRecord{row: row}
	c.caseNo = r.text(cells, "case_no", true, 100)
	c.title = r.text(cells, "title", true, 200)
	c.source = r.text(cells, "source", false, 50)
	c.address = r.text(cells, "address", false, 200)
	c.facts = r.text(cells, "facts", false, 5000)
	c.decisionNo = r.text(cells, "decision_no", false, 100)
	c.penaltyText = r.text(cells, "penalty_text", false, 500)
	p.resolve(r, cells, &c)
	p.party(r, cells, &c)
	p.outcome(r, cells, &c)
	c.foundOn = r.date(cells, "found_on", false, p.today)
	c.filedOn = r.date(cells, "filed_on", true, p.today)
	c.decidedOn = r.date(cells, "decided_on", false, p.today)
	c.servedOn = r.date(cells, "served_on", false, p.today)
	c.paidOn = r.date(cells, "paid_on", false, p.today)
	c.closedOn = r.date(cells, "closed_on", false, p.today)
	c.hearing = r.yesNo(cells, "hearing")
	c.reviewed = r.yesNo(cells, "reviewed")
	c.mobile = r.yesNo(cells, "mobile")
	if len(r.issues) == 0 {
		p.consistency(r, &c)
	}
	return c, r.issues
}

// resolve finds the unit, 执法主体, item and officers of a row.
func (p *caseParser) resolve(r *rowIssues, cells []string, c *caseRecord) {
	unit, msg := p.lk.unit(p.t.cell(cells, "unit"))
	if msg != "" {
		r.add("unit", "%s", msg)
		return
	}
	c.unitID = unit
	if name := p.t.cell(cells, "subject"); name != "" {
		if c.subjectID = p.lk.subjects[unitCode{unit, name}]; c.subjectID == 0 {
			r.add("subject", "执法主体“%s”未在%s登记", name, p.lk.unitName[unit])
		}
	}
	code := strings.ToUpper(p.t.cell(cells, "item_code"))
	it, ok := p.lk.items[unitCode{unit, code}]
	switch {
	case code == "":
		r.add("item_code", "不能为空")
	case !ok:
		r.add("item_code", "事项编码%s不在%s的权责清单中", code, p.lk.unitName[unit])
	default:
		c.itemID, c.category, c.major, c.collective = it.id, it.category, it.major, it.collective
		if v := p.t.cell(cells, "category"); v != "" {
			if cat, ok := CategoryFromLabel(v); !ok {
				r.add("category", "案件类别“%s”无法识别，应为行政处罚、行政许可、行政强制、行政检查等", v)
			} else if cat != it.category {
				r.add("category", "案件类别“%s”与事项%s的类别“%s”不一致", v, code, it.category.Label())
			}
		}
	}
	for _, cert := range splitCertNos(p.t.cell(cells, "officers")) {
		id := p.lk.officers[unitCode{unit, cert}]
		switch {
		case id == 0:
			r.add("officers", "执法证号%s不是%s已登记的执法人员", cert, p.lk.unitName[unit])
		case slices.Contains(c.officers, id):
			r.add("officers", "执法证号%s重复", cert)
		default:
			c.officers = append(c.officers, id)
		}
	}
}

// party reads the party and checks its 身份证号 or 统一社会信用代码.
func (p *caseParser) party(r *rowIssues, cells []string, c *caseRecord) {
	c.partyName = r.text(cells, "party_name", true, 200)
	c.phone = r.text(cells, "phone", false, 40)
	if c.phone != "" && !validPhone(c.phone) {
		r.add("phone", "联系电话格式有误：手机号应为11位数字，固定电话如 0791-88123456")
	}
	kind, ok := parsePartyKind(p.t.cell(cells, "party_kind"))
	if !ok {
		r.add("party_kind", "当事人类型“%s”无法识别，应为“自然人”或“法人或其他组织”", p.t.cell(cells, "party_kind"))
		return
	}
	c.partyKind = kind
	id := p.t.cell(cells, "party_id")
	switch {
	case id == "":
		r.add("party_id", "不能为空")
	case kind == PartyPerson:
		c.partyID = privacy.NormalizeIDNumber(id)
		if err := privacy.ValidateIDNumber(c.partyID); err != nil {
			r.add("party_id", "%s", err.Error())
		}
	default:
		c.partyID = org.NormalizeCreditCode(id)
		if err := org.ValidateCreditCode(c.partyID); err != nil {
			r.add("party_id", "%s", err.Error())
		}
	}
}

// outcome reads procedure, state, decision and amounts.
func (p *caseParser) outcome(r *rowIssues, cells []string, c *caseRecord) {
	var ok bool
	if c.procedure, ok = parseProcedure(p.t.cell(cells, "procedure")); !ok {
		r.add("procedure", "程序“%s”无法识别，应为“简易程序”或“普通程序”", p.t.cell(cells, "procedure"))
	}
	if c.state, ok = parseState(p.t.cell(cells, "state")); !ok {
		r.add("state", "状态“%s”无法识别，应为已立案、调查取证、已决定、已送达、执行中、已结案、不予处罚、已移送或已撤销等", p.t.cell(cells, "state"))
	}
	if v := p.t.cell(cells, "decision"); v != "" {
		if c.decision, ok = parseDecision(v); !ok {
			r.add("decision", "决定类型“%s”无法识别，应为“给予行政处罚”“不予行政处罚”或“移送”", v)
		}
	}
	var msg string
	if c.fine, msg = parseMoney(p.t.cell(cells, "fine")); msg != "" {
		r.add("fine", "%s", msg)
	}
	if c.confiscated, msg = parseMoney(p.t.cell(cells, "confiscated")); msg != "" {
		r.add("confiscated", "%s", msg)
	}
}

// decidedStates are the states in which a decision has been made.
var decidedStates = map[State]bool{StateDecided: true, StateServed: true, StateExecuting: true, StateClosed: true,
	StateRevoked: true, StateNoPenalty: true, StateTransferred: true}

// consistency checks the rules between fields of an otherwise valid row.
func (p *caseParser) consistency(r *rowIssues, c *caseRecord) {
	switch c.state {
	case StateNoPenalty:
		c.decision = defaultDecision(r, c.decision, DecNoPenalty, c.state)
	case StateTransferred:
		c.decision = defaultDecision(r, c.decision, DecTransfer, c.state)
	}
	if decidedStates[c.state] {
		if c.decision == "" {
			r.add("decision", "状态为“%s”的案件应填写决定类型", c.state.Label())
		}
		if c.decidedOn == "" && c.state != StateTransferred {
			r.add("decided_on", "状态为“%s”的案件应填写决定日期", c.state.Label())
		}
	} else {
		for _, f := range [][2]string{{"decision", string(c.decision)}, {"decided_on", c.decidedOn},
			{"served_on", c.servedOn}, {"paid_on", c.paidOn}, {"closed_on", c.closedOn}} {
			if f[1] != "" {
				r.add(f[0], "状态为“%s”的案件尚未作出决定，不应填写该项", c.state.Label())
			}
		}
	}
	if (c.state == StateClosed || c.state == StateNoPenalty || c.state == StateTransferred) && c.closedOn == "" {
		r.add("closed_on", "状态为“%s”的案件应填写结案日期", c.state.Label())
	}
	if c.decision != DecPenalty && (c.fine > 0 || c.confiscated > 0) {
		r.add("fine", "未给予行政处罚的案件不应有罚没金额")
	}
	if c.procedure == ProcSimple {
		p.simple(r, c)
	}
	p.dateOrder(r, c)
}

func defaultDecision(r *rowIssues, d, want Decision, st State) Decision {
	if d != "" && d != want {
		r.add("decision", "状态为“%s”的案件，决定类型应为“%s”", st.Label(), want.Label())
	}
	return want
}

// simple checks a 简易程序 case: no 听证, and the fine within what may be
// imposed on the spot (行政处罚法第五十一条).
func (p *caseParser) simple(r *rowIssues, c *caseRecord) {
	if c.hearing {
		r.add("hearing", "简易程序案件不举行听证")
	}
	limit, who := int64(SimpleFineLimitPersonFen), "公民"
	if c.partyKind == PartyOrg {
		limit, who = SimpleFineLimitOrgFen, "法人或其他组织"
	}
	if c.fine > limit {
		r.add("fine", "简易程序对%s罚款不得超过%s元（行政处罚法第五十一条），本行为%s元", who, Fen(limit).Yuan(), Fen(c.fine).Yuan())
	}
}

// dateOrder checks 发现 ≤ 立案 ≤ 决定 ≤ 送达 ≤ 缴纳 and 立案/决定 ≤ 结案.
func (p *caseParser) dateOrder(r *rowIssues, c *caseRecord) {
	type step struct{ key, label, day string }
	chain := []step{{"found_on", "发现日期", c.foundOn}, {"filed_on", "立案日期", c.filedOn},
		{"decided_on", "决定日期", c.decidedOn}, {"served_on", "送达日期", c.servedOn}, {"paid_on", "缴纳日期", c.paidOn}}
	var last step
	for _, s := range chain {
		if s.day == "" {
			continue
		}
		if last.day != "" && s.day < last.day {
			r.add(s.key, "%s%s早于%s%s", s.label, s.day, last.label, last.day)
		}
		last = s
	}
	if c.closedOn == "" {
		return
	}
	for _, s := range chain[1:3] {
		if s.day != "" && c.closedOn < s.day {
			r.add("closed_on", "结案日期%s早于%s%s", c.closedOn, s.label, s.day)
		}
	}
}
