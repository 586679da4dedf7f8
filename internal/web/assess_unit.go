package web

import (
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/indicator"
	"fazhi/internal/org"
)

// assessRow is one line of a unit's assessment sheet: an inner indicator as
// a heading, or a leaf with its self-assessment, evidence and score.
type assessRow struct {
	Node      indicator.Node
	Cell      indicator.Cell
	ClaimText string // the claim's score, "" when none
	FinalText string
	SelfValue string // form values (the posted ones after a refusal)
	SelfNote  string
	Score     string
	Why       string
	Evidence  []attach.Attachment
	Bad       bool
}

type assessUnitData struct {
	Round       indicator.Round
	Unit        org.Unit
	Rows        []assessRow
	Total       string
	CanSelf     bool
	CanScore    bool
	Errors      []string
	AttachLimit string
}

// handleAssessUnit shows one unit's sheet of a round: the self-assessment
// form for the unit, the scoring form for reviewers.
func (s *Server) handleAssessUnit(w http.ResponseWriter, r *http.Request) {
	s.assessUnitPage(w, r, http.StatusOK, nil)
}

// assessUnitPage renders the sheet; after a refused save, problems list what
// to fix and the posted values are kept in the form.
func (s *Server) assessUnitPage(w http.ResponseWriter, r *http.Request, status int, problems []indicator.Problem) {
	round, unitID, err := s.assessTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	unit, err := s.Org.Get(r.Context(), unitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := s.Indicator.Items(r.Context(), round.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cells, err := s.Indicator.Cells(r.Context(), round, unitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	byCode := map[string]indicator.Cell{}
	for _, c := range cells {
		byCode[c.Item.Code] = c
	}
	bad := map[string]bool{}
	for _, p := range problems {
		bad[p.Code] = true
	}
	u := httpx.User(r)
	open := round.Status == "open"
	d := assessUnitData{Round: round, Unit: unit, CanSelf: open && u.Can(auth.PermAssessSelf),
		CanScore: open && u.Can(auth.PermAssessScore)}
	if s.Attach != nil {
		d.AttachLimit = s.Attach.LimitText()
	}
	total := 0.0
	for _, it := range items {
		row := assessRow{Node: it}
		if c, ok := byCode[it.Code]; ok && it.Leaf {
			row.Cell, row.Bad = c, bad[it.Code]
			total += c.Final()
			if err := s.fillAssessRow(r, &row, round.ID, unitID, status != http.StatusOK); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		d.Rows = append(d.Rows, row)
	}
	d.Total = indicator.Num(total)
	for _, p := range problems {
		d.Errors = append(d.Errors, p.String())
	}
	v := s.view(r, round.Title+" · "+unit.Name, d)
	if len(problems) > 0 {
		v.Error = "未保存：发现 " + itoa(len(problems)) + " 处问题，本次填写的内容均未保存"
	}
	s.render(w, status, "assess_unit", v)
}

func (s *Server) fillAssessRow(r *http.Request, row *assessRow, roundID, unitID int64, posted bool) error {
	c := row.Cell
	if v, ok := c.Claim(); ok {
		row.ClaimText = indicator.Num(v)
	}
	row.FinalText = indicator.Num(c.Final())
	switch {
	case c.Claimed != nil:
		row.SelfValue = indicator.Num(*c.Claimed)
	case c.Occurrences != nil:
		row.SelfValue = itoa(*c.Occurrences)
	}
	row.SelfNote, row.Why = c.SelfNote, c.Justification
	if c.Score != nil {
		row.Score = indicator.Num(*c.Score)
	}
	if posted {
		code := c.Item.Code
		if _, ok := r.PostForm["self_"+code]; ok {
			row.SelfValue, row.SelfNote = r.PostFormValue("self_"+code), r.PostFormValue("note_"+code)
		}
		if _, ok := r.PostForm["score_"+code]; ok {
			row.Score, row.Why = r.PostFormValue("score_"+code), r.PostFormValue("why_"+code)
		}
	}
	if s.Attach == nil {
		return nil
	}
	ev, err := s.Attach.ListFor(r.Context(), "assessment", indicator.EvidenceObject(roundID, unitID, c.Item.Code))
	row.Evidence = ev
	return err
}
