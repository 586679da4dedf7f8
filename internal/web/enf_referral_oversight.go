package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

// handleEnfReferralOversight records the procuratorate's 检察监督 of a
// referral (立案监督, 检察建议 …), kept by the 法治办.
func (s *Server) handleEnfReferralOversight(w http.ResponseWriter, r *http.Request) {
	ref, ok := s.enfReferralIn(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("oversight")
	if err := s.Enforcement.SetReferralOversight(r.Context(), httpx.User(r).ScopePath, ref.ID, text); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfReferralPage(w, r, ae.Status, enfReferralData{Ref: ref, Oversight: text, OversightErr: ae.Message})
		}
		return
	}
	flashRedirect(w, r, "/enforcement/referrals/"+itoa(ref.ID)+"#referral-oversight", "检察监督情况已记录")
}
