package web

import (
	"net/http"

	"fazhi/internal/enforcement"
)

// handleEnfTrainingAdd records a course an officer attended.
func (s *Server) handleEnfTrainingAdd(w http.ResponseWriter, r *http.Request) {
	o, ok := s.enfOfficerInScope(w, r, true)
	if !ok {
		return
	}
	in := enforcement.TrainingInput{HeldOn: r.PostFormValue("held_on"), Course: r.PostFormValue("course"),
		Hours: r.PostFormValue("hours")}
	if _, err := s.Enforcement.AddTraining(r.Context(), o.ID, in); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfOfficerPage(w, r, ae.Status, o, enfOfficerInput(o), in, "training", ae)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/officers/"+itoa(o.ID)+"#training", "培训记录已登记")
}

// handleEnfTrainingDelete removes a training record entered by mistake.
func (s *Server) handleEnfTrainingDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	officerID := formID(r, "officer_id")
	o, err := s.Enforcement.Officer(r.Context(), officerID)
	if err == nil {
		err = enfInScope(r, o.UnitPath, o.UnitName)
	}
	if err == nil {
		err = s.Enforcement.DeleteTrainingOf(r.Context(), officerID, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/officers/"+itoa(officerID)+"#training", "培训记录已删除")
}
