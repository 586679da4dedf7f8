package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// handleEnfAppealOutcome records how a 复议 or 诉讼 ended. Revoking the
// decision itself is a step on the case (撤销), which the page links to.
func (s *Server) handleEnfAppealOutcome(w http.ResponseWriter, r *http.Request) {
	a, ok := s.enfAppealIn(w, r)
	if !ok {
		return
	}
	f := enfAppealOutcomeForm{Outcome: r.PostFormValue("outcome"), On: r.PostFormValue("decided_on"), Note: r.PostFormValue("note")}
	o := enforcement.Outcome(f.Outcome)
	if err := s.Enforcement.SetAppealOutcome(r.Context(), httpx.User(r).ScopePath, a.ID, o, f.On, f.Note); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfAppealPage(w, r, ae.Status, a, f, ae.Message)
		}
		return
	}
	msg := a.Kind.Label() + "审结结果已记录：" + o.Label()
	if o.Corrected() {
		msg += "（纠错）；原决定被撤销的，请在案件中记录“撤销”环节"
	}
	flashRedirect(w, r, "/enforcement/appeals/"+itoa(a.ID), msg)
}
