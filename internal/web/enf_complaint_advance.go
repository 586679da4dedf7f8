package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// handleEnfComplaintAdvance moves a complaint to 调查 or 办结; closing needs
// the result and ends its reply deadline.
func (s *Server) handleEnfComplaintAdvance(w http.ResponseWriter, r *http.Request) {
	c, ok := s.enfComplaintIn(w, r)
	if !ok {
		return
	}
	f := enfComplaintAdvanceForm{To: r.PostFormValue("status"), On: r.PostFormValue("on"), Result: r.PostFormValue("result")}
	to := enforcement.ComplaintStatus(f.To)
	if err := s.Enforcement.AdvanceComplaint(r.Context(), httpx.User(r).ScopePath, c.ID, to, f.On, f.Result); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfComplaintPage(w, r, ae.Status, c, f, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/complaints/"+itoa(c.ID), "投诉举报"+to.Label())
}
