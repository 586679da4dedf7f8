package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfReferralData struct {
	Ref          enforcement.Referral
	Steps        []enforcement.ReferralStep
	Next         []enforcement.ReferralStatus // the only statuses the form offers
	CanHandle    bool
	CanSupervise bool
	Today        string
	StatusForm   enfReferralStatusForm
	StatusErr    string
	Oversight    string // the oversight form's text (the stored one, or what was typed)
	OversightErr string
}

type enfReferralStatusForm struct{ To, On, Note string }

// enfReferralIn loads the referral of the path inside the user's scope
// (another unit's referral is not found).
func (s *Server) enfReferralIn(w http.ResponseWriter, r *http.Request) (enforcement.Referral, bool) {
	id, err := pathID(r)
	var ref enforcement.Referral
	if err == nil {
		ref, err = s.Enforcement.Referral(r.Context(), httpx.User(r).ScopePath, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return ref, false
	}
	return ref, true
}

// handleEnfReferral shows a referral: the case, the police's answers step
// by step, the form for the next answer and the 检察监督 note.
func (s *Server) handleEnfReferral(w http.ResponseWriter, r *http.Request) {
	ref, ok := s.enfReferralIn(w, r)
	if !ok {
		return
	}
	s.enfReferralPage(w, r, http.StatusOK, enfReferralData{Ref: ref, Oversight: ref.Oversight})
}

func (s *Server) enfReferralPage(w http.ResponseWriter, r *http.Request, status int, d enfReferralData) {
	u := httpx.User(r)
	var err error
	if d.Steps, err = s.Enforcement.ReferralSteps(r.Context(), u.ScopePath, d.Ref.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Next, d.Today = d.Ref.Status.Next(), s.enfToday()
	d.CanHandle, d.CanSupervise = u.Can(auth.PermCaseHandle), u.Can(auth.PermEnforceSupervise)
	if d.StatusForm.On == "" {
		d.StatusForm.On = d.Today
	}
	s.render(w, status, "enf_referral", s.view(r, "两法衔接："+d.Ref.Case.CaseNo, d))
}
