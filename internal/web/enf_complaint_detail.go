package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfComplaintData struct {
	C            enforcement.Complaint
	CanSupervise bool // the office that answers: sees the complainant in full, advances
	Next         []enforcement.ComplaintStatus
	Today        string
	Form         enfComplaintAdvanceForm
	Error        string
}

type enfComplaintAdvanceForm struct{ To, On, Result string }

// enfComplaintIn loads the complaint of the path inside the user's scope;
// the phone is opened only for the office that handles complaints.
func (s *Server) enfComplaintIn(w http.ResponseWriter, r *http.Request) (enforcement.Complaint, bool) {
	u := httpx.User(r)
	id, err := pathID(r)
	var c enforcement.Complaint
	if err == nil {
		c, err = s.Enforcement.ComplaintPersonal(r.Context(), u.ScopePath, id, u.Can(auth.PermComplaintHandle))
	}
	if err != nil {
		s.fail(w, r, err)
		return c, false
	}
	return c, true
}

// handleEnfComplaint shows a complaint with its reply deadline and, for the
// office that answers, the complainant and the form to advance it.
func (s *Server) handleEnfComplaint(w http.ResponseWriter, r *http.Request) {
	c, ok := s.enfComplaintIn(w, r)
	if !ok {
		return
	}
	s.enfComplaintPage(w, r, http.StatusOK, c, enfComplaintAdvanceForm{}, "")
}

func (s *Server) enfComplaintPage(w http.ResponseWriter, r *http.Request, status int, c enforcement.Complaint,
	f enfComplaintAdvanceForm, msg string) {
	d := enfComplaintData{C: c, CanSupervise: httpx.User(r).Can(auth.PermComplaintHandle), Today: s.enfToday(), Form: f,
		Error: msg, Next: c.Status.Next()}
	if d.Form.On == "" {
		d.Form.On = d.Today
	}
	if d.Form.To == "" && len(d.Next) > 0 {
		d.Form.To = string(d.Next[0])
	}
	s.render(w, status, "enf_complaint", s.view(r, "投诉举报", d))
}
