package web

import (
	"net/http"

	"fazhi/internal/supervise"
)

// handleRounds lists the 督察 rounds with their open and overdue 整改 counts.
func (s *Server) handleRounds(w http.ResponseWriter, r *http.Request) {
	rounds, err := s.Tasks.ListRounds(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "round_list", s.view(r, "督察整改", map[string]any{"Rounds": rounds}))
}

// handleRoundNew shows the form that opens a round.
func (s *Server) handleRoundNew(w http.ResponseWriter, r *http.Request) {
	s.roundNewPage(w, r, http.StatusOK, "", supervise.RoundInput{})
}

func (s *Server) roundNewPage(w http.ResponseWriter, r *http.Request, status int, msg string, in supervise.RoundInput) {
	v := s.view(r, "开展督察", in)
	v.Error = msg
	s.render(w, status, "round_new", v)
}

// handleRoundCreate opens a round and goes to its page to pick units.
func (s *Server) handleRoundCreate(w http.ResponseWriter, r *http.Request) {
	in := supervise.RoundInput{Title: r.PostFormValue("title"), Basis: r.PostFormValue("basis")}
	id, err := s.Tasks.CreateRound(r.Context(), in)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.roundNewPage(w, r, ae.Status, ae.Message, in)
		}
		return
	}
	flashRedirect(w, r, "/supervise/rounds/"+itoa(id), "已开展督察，请选择被督察单位")
}
