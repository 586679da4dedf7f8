package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// handleEnfReferralStatus records the police's answer (受理, 立案 …) or a
// re-referral; a step the procedure does not allow is refused with the
// steps that are possible, beside the form.
func (s *Server) handleEnfReferralStatus(w http.ResponseWriter, r *http.Request) {
	ref, ok := s.enfReferralIn(w, r)
	if !ok {
		return
	}
	f := enfReferralStatusForm{To: r.PostFormValue("status"), On: r.PostFormValue("on"), Note: r.PostFormValue("note")}
	to := enforcement.ReferralStatus(f.To)
	err := s.Enforcement.SetReferralStatus(r.Context(), httpx.User(r).ScopePath, ref.ID, to, f.On, f.Note)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfReferralPage(w, r, ae.Status, enfReferralData{Ref: ref, Oversight: ref.Oversight, StatusForm: f, StatusErr: ae.Message})
		}
		return
	}
	flashRedirect(w, r, "/enforcement/referrals/"+itoa(ref.ID)+"#referral-steps", "移送状态已更新为“"+to.Label()+"”")
}
