package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfReferralFormData struct {
	Form      enforcement.ReferralInput
	Suggested []enforcement.Case // cases of the scope in state 已移送, for the 案号 field
	Error     string
}

// handleEnfReferralNew shows the form to record a referral; ?case= fills
// in the 案号 (the link from a case).
func (s *Server) handleEnfReferralNew(w http.ResponseWriter, r *http.Request) {
	s.enfReferralNewPage(w, r, http.StatusOK, enforcement.ReferralInput{CaseNo: r.URL.Query().Get("case"),
		ReferredOn: s.enfToday()}, "")
}

func (s *Server) enfReferralNewPage(w http.ResponseWriter, r *http.Request, status int, form enforcement.ReferralInput, msg string) {
	d := enfReferralFormData{Form: form, Error: msg}
	var err error
	d.Suggested, _, err = s.Enforcement.Cases(r.Context(), enforcement.CaseFilter{Scope: httpx.User(r).ScopePath,
		State: enforcement.StateTransferred, Limit: 100})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, status, "enf_referral_new", s.view(r, "登记两法衔接移送", d))
}

// handleEnfReferralCreate records that a case of the scope was referred to
// the police; the service refuses a second open referral of the case.
func (s *Server) handleEnfReferralCreate(w http.ResponseWriter, r *http.Request) {
	in := enforcement.ReferralInput{CaseNo: r.PostFormValue("case_no"), ReferredOn: r.PostFormValue("referred_on"),
		Receiver: r.PostFormValue("receiver"), Charges: r.PostFormValue("charges"), Note: r.PostFormValue("note")}
	id, err := s.Enforcement.RecordReferral(r.Context(), httpx.User(r).ScopePath, in)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfReferralNewPage(w, r, ae.Status, in, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/referrals/"+itoa(id), "移送已登记，请在公安机关答复后更新状态")
}
