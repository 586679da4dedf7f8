package web

import "net/http"

// handleAssessmentClose ends a round; its scores are final from then on.
func (s *Server) handleAssessmentClose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.Indicator.CloseRound(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/assessments/"+itoa(id), "本轮考核已结束，得分不再修改")
}
