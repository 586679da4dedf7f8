package web

import (
	"fmt"
	"net/http"
	"strconv"

	"fazhi/internal/attach"
	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type caseDetailData struct {
	Case        enforcement.Case
	Officers    []enforcement.OfficerOnCase
	Events      []enforcement.Event
	Deadlines   []deadline.Item
	Allowed     []enforcement.Step
	Item        enforcement.Item
	Publication enforcement.Publication
	Published   bool
	CanPublish  bool
	CanHandle   bool
	CanReview   bool
	ReviewItems []struct{ Key, Label string }
	Today       string
	Form        enforcement.StepInput
	FineYuan    string
	Documents   []enforcement.IssuedDoc
	Issuable    []enforcement.DocKind
	Evidence    []enforcement.Evidence
	EvKinds     []struct{ Key, Label string }
	AllowedExt  string
	Appeals     enfCaseAppeals
}

// caseInScope loads the case of the path and checks the user's scope.
func (s *Server) caseInScope(w http.ResponseWriter, r *http.Request) (enforcement.Case, bool) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return enforcement.Case{}, false
	}
	c, err := s.Enforcement.GetCase(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return c, false
	}
	if !httpx.User(r).InScope(c.UnitPath) {
		s.fail(w, r, httpx.ErrNotFound)
		return c, false
	}
	return c, true
}

// handleCase shows a case: its facts, officers, the timeline (who did what
// when), its statutory periods and the steps it may take next.
func (s *Server) handleCase(w http.ResponseWriter, r *http.Request) {
	c, ok := s.caseInScope(w, r)
	if !ok {
		return
	}
	s.casePage(w, r, http.StatusOK, c, enforcement.StepInput{}, "", "")
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request, status int, c enforcement.Case, form enforcement.StepInput, fine, msg string) {
	ctx := r.Context()
	u := httpx.User(r)
	d := caseDetailData{Case: c, CanHandle: u.Can(auth.PermCaseHandle), CanReview: u.Can(auth.PermCaseReview),
		ReviewItems: enforcement.ReviewItems, Form: form, FineYuan: fine}
	var err error
	if d.Officers, err = s.Enforcement.CaseOfficers(ctx, c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Events, err = s.Enforcement.Events(ctx, c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Deadlines, err = s.Deadlines.ItemsOf(ctx, enforcement.ObjectCase, fmt.Sprint(c.ID)); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Today = s.Deadlines.Today().String()
	p, err := s.Enforcement.Progress(ctx, c, d.Today)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Allowed = enforcement.Allowed(p, d.Today)
	if d.Documents, err = s.Enforcement.Documents(ctx, c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Issuable = enforcement.IssuableDocs(c, d.Events)
	if d.Evidence, err = s.Enforcement.EvidenceOf(ctx, c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	d.EvKinds, d.AllowedExt = enforcement.EvidenceKinds, attach.AllowedTypesText
	if d.Appeals, err = s.enfCaseAppeals(r, c); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Item, _ = s.Enforcement.Item(ctx, c.ItemID)
	if d.Publication, d.Published, err = s.Enforcement.PublicationOf(ctx, c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	switch c.State {
	case enforcement.StateDecided, enforcement.StateServed, enforcement.StateExecuting, enforcement.StateClosed:
		d.CanPublish = !d.Published && c.Decision == enforcement.DecPenalty && d.CanHandle
	}
	v := s.view(r, c.CaseNo, d)
	v.Error = msg
	s.render(w, status, "case_detail", v)
}

// handleCaseStep takes one step on a case. The 法制审核 and 集体讨论 records
// need the reviewer's permission; the others the handler's.
func (s *Server) handleCaseStep(w http.ResponseWriter, r *http.Request) {
	c, ok := s.caseInScope(w, r)
	if !ok {
		return
	}
	u := httpx.User(r)
	step := enforcement.Step(r.PostFormValue("step"))
	need := auth.PermCaseHandle
	if step.NeedsReviewer() {
		need = auth.PermCaseReview
	}
	if !u.Can(need) {
		s.fail(w, r, httpx.ErrForbidden)
		return
	}
	in := enforcement.StepInput{Step: step, On: r.PostFormValue("on"), Note: r.PostFormValue("note"),
		Decision: enforcement.Decision(r.PostFormValue("decision")), Review: r.PostFormValue("review"),
		PenaltyText: r.PostFormValue("penalty_text"), DiscretionID: formID(r, "discretion_id"),
		DepartureReason: r.PostFormValue("departure_reason"), Checklist: map[string]bool{}}
	for _, k := range r.PostForm["check"] {
		in.Checklist[k] = true
	}
	fine := r.PostFormValue("fine")
	var err error
	for _, f := range []struct {
		text string
		dst  *int64
	}{{fine, &in.FineFen}, {r.PostFormValue("confiscated"), &in.ConfiscatedFen}} {
		v, perr := enforcement.ParseYuan(f.text)
		if perr != nil {
			err = perr
			break
		}
		if v != nil {
			*f.dst = *v
		}
	}
	if err == nil {
		err = s.Enforcement.TakeStep(r.Context(), c.ID, in)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.casePage(w, r, ae.Status, c, in, fine, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/cases/"+strconv.FormatInt(c.ID, 10)+"#timeline", step.Label()+"已记录")
}

// handleCasePublish publishes the decision on the portal (masked).
func (s *Server) handleCasePublish(w http.ResponseWriter, r *http.Request) {
	c, ok := s.caseInScope(w, r)
	if !ok {
		return
	}
	if err := s.Enforcement.Publish(r.Context(), c.ID); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.casePage(w, r, ae.Status, c, enforcement.StepInput{}, "", ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/cases/"+strconv.FormatInt(c.ID, 10), "决定已在行政执法公示平台公示")
}
