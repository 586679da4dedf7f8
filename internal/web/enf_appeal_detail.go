package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfAppealData struct {
	A         enforcement.Appeal
	Outcomes  []enforcement.Outcome
	CanRecord bool
	Today     string
	Form      enfAppealOutcomeForm
	Error     string
}

type enfAppealOutcomeForm struct{ Outcome, On, Note string }

// enfAppealIn loads the appeal of the path inside the user's scope.
func (s *Server) enfAppealIn(w http.ResponseWriter, r *http.Request) (enforcement.Appeal, bool) {
	id, err := pathID(r)
	var a enforcement.Appeal
	if err == nil {
		a, err = s.Enforcement.Appeal(r.Context(), httpx.User(r).ScopePath, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return a, false
	}
	return a, true
}

// handleEnfAppeal shows a 复议 or 诉讼 and the form for its outcome.
func (s *Server) handleEnfAppeal(w http.ResponseWriter, r *http.Request) {
	a, ok := s.enfAppealIn(w, r)
	if !ok {
		return
	}
	s.enfAppealPage(w, r, http.StatusOK, a, enfAppealOutcomeForm{Outcome: string(a.Outcome), On: a.DecidedOn}, "")
}

func (s *Server) enfAppealPage(w http.ResponseWriter, r *http.Request, status int, a enforcement.Appeal, f enfAppealOutcomeForm, msg string) {
	d := enfAppealData{A: a, Outcomes: enforcement.Outcomes, CanRecord: httpx.User(r).Can(auth.PermEnforceManage),
		Today: s.enfToday(), Form: f, Error: msg}
	if d.Form.On == "" {
		d.Form.On = d.Today
	}
	s.render(w, status, "enf_appeal", s.view(r, a.Kind.Label()+"："+a.Case.CaseNo, d))
}
