package calendar

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
)

// Status says whether a rule may drive deadlines.
type Status string

// Rule statuses, derived from the verification marks of the source document.
const (
	StatusActive   Status = "active"           // V or S: checked against the text or consistent secondary sources
	StatusRegional Status = "regional_default" // L: local practice, a region may change it
	StatusDisabled Status = "disabled"         // U: unverified, must be confirmed before use
)

// Rule is one statutory time limit with its citation. Every statutory number
// used by the system lives here, once.
type Rule struct {
	ID           string `json:"id"`
	Chapter      string `json:"chapter"` // e.g. 行政处罚
	Name         string `json:"name"`
	Law          string `json:"law"`
	Article      string `json:"article,omitempty"`
	Citation     string `json:"citation"` // the full 依据
	StartEvent   string `json:"start_event,omitempty"`
	N            int    `json:"n"`              // primary length; 0 when the rule has no number
	Unit         Unit   `json:"unit,omitempty"` // unit per the law's own counting article
	Before       bool   `json:"before,omitempty"`
	AnnualDue    string `json:"annual_due,omitempty"` // "MM-DD" for yearly deadlines such as 1月31日前
	LengthText   string `json:"length_text"`          // the full 期限 text, when it is more than one number
	Extension    string `json:"extension,omitempty"`
	ExtendMax    int    `json:"extend_max,omitempty"` // statutory maximum extension, same unit
	Action       string `json:"action,omitempty"`     // system action / consequence when missed
	Quote        string `json:"quote,omitempty"`
	Verification string `json:"verification"` // V, S, L, U marks as in the source
	Status       Status `json:"status"`
	Note         string `json:"note,omitempty"`
}

//go:embed rules.json
var rulesJSON []byte

var (
	ruleList  = mustRules()
	ruleIndex = indexRules(ruleList)
)

func mustRules() []Rule {
	var rules []Rule
	if err := json.Unmarshal(rulesJSON, &rules); err != nil {
		panic("calendar: rules.json: " + err.Error())
	}
	return rules
}

func indexRules(rules []Rule) map[string]*Rule {
	m := make(map[string]*Rule, len(rules))
	for i := range rules {
		m[rules[i].ID] = &rules[i]
	}
	return m
}

// Rules returns the whole catalogue in document order.
func Rules() []Rule { return slices.Clone(ruleList) }

// LookupRule finds a rule by id.
func LookupRule(id string) (Rule, bool) {
	r, ok := ruleIndex[id]
	if !ok {
		return Rule{}, false
	}
	return *r, true
}

// Period returns the rule's own period, or an error when the rule has no
// number to count (e.g. "及时") or is not to be used yet.
func (r Rule) Period() (Period, error) {
	switch {
	case r.Status == StatusDisabled:
		return Period{}, fmt.Errorf("规则“%s”（%s）尚未核实（%s），确认前不能用于计算期限", r.Name, r.ID, r.Verification)
	case r.N == 0 || r.Unit == "":
		return Period{}, fmt.Errorf("规则“%s”（%s）没有可计算的期限：%s", r.Name, r.ID, r.LengthText)
	}
	return Period{N: r.N, Unit: r.Unit, Before: r.Before}, nil
}

// Adjust carries what happened in one case: approved extension and
// suspension days.
type Adjust struct {
	ExtendN     int `json:"extend_n,omitempty"`
	SuspendDays int `json:"suspend_days,omitempty"`
}

// AddRule computes the deadline of catalogue rule id for an event on start.
func (c *Calendar) AddRule(start Date, id string, adj Adjust) (Result, error) {
	r, ok := LookupRule(id)
	if !ok {
		return Result{}, fmt.Errorf("未知的期限规则：%s", id)
	}
	return c.AddWithRule(start, r, adj)
}

// AddWithRule computes the deadline of r, which may differ from the
// catalogue entry of the same id: a region's own length and citation, or a
// U rule an administrator has confirmed (the database layer supplies these).
func (c *Calendar) AddWithRule(start Date, r Rule, adj Adjust) (Result, error) {
	p, err := r.Period()
	if err != nil {
		return Result{}, err
	}
	if r.ExtendMax > 0 && adj.ExtendN > r.ExtendMax {
		return Result{}, fmt.Errorf("“%s”最多延长%d%s", r.Name, r.ExtendMax, r.Unit.Label())
	}
	p.ExtendN, p.SuspendDays = adj.ExtendN, adj.SuspendDays
	res, err := c.Add(start, p)
	if err != nil {
		return Result{}, err
	}
	head := []string{fmt.Sprintf("依据：%s（%s）：%d%s", r.Citation, r.Name, r.N, r.Unit.Label())}
	if r.Status == StatusRegional {
		head = append(head, "该期限为地方规定或惯例，本地区可另行规定")
	}
	if adj.ExtendN > 0 && r.ExtendMax == 0 {
		head = append(head, "本规则未规定延长上限，延长依据须另行登记")
	}
	res.Trail = append(head, res.Trail...)
	res.Rule = &r
	return res, nil
}
