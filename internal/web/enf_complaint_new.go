package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfComplaintFormData struct {
	Form     enforcement.ComplaintInput
	Units    []unitChoice
	Channels []string
	Period   enforcement.SettingValue // the reply period of the user's region
	Error    string
}

// handleEnfComplaintNew shows the form to register a complaint.
func (s *Server) handleEnfComplaintNew(w http.ResponseWriter, r *http.Request) {
	s.enfComplaintNewPage(w, r, http.StatusOK, enforcement.ComplaintInput{ReceivedOn: s.enfToday()}, "")
}

func (s *Server) enfComplaintNewPage(w http.ResponseWriter, r *http.Request, status int, form enforcement.ComplaintInput, msg string) {
	u := httpx.User(r)
	d := enfComplaintFormData{Form: form, Channels: enforcement.ComplaintChannels, Error: msg}
	var err error
	if d.Units, err = s.unitChoices(r); err != nil {
		s.fail(w, r, err)
		return
	}
	region := ""
	if own, err := s.Org.Get(r.Context(), u.UnitID); err == nil {
		region = own.RegionCode
	}
	if d.Period, err = s.Enforcement.Setting(r.Context(), region, enforcement.SetComplaintReplyDays); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, status, "enf_complaint_new", s.view(r, "登记投诉举报", d))
}

// handleEnfComplaintCreate registers a complaint about a unit of the scope;
// the reply deadline goes to the monitor of the user's unit (承办单位).
func (s *Server) handleEnfComplaintCreate(w http.ResponseWriter, r *http.Request) {
	in := enforcement.ComplaintInput{UnitID: formID(r, "unit_id"), CaseNo: r.PostFormValue("case_no"),
		ReceivedOn: r.PostFormValue("received_on"), Channel: r.PostFormValue("channel"),
		Complainant: r.PostFormValue("complainant"), Phone: r.PostFormValue("phone"), Content: r.PostFormValue("content")}
	id, err := s.Enforcement.RegisterComplaint(r.Context(), httpx.User(r).ScopePath, in)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfComplaintNewPage(w, r, ae.Status, in, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/complaints/"+itoa(id), "投诉举报已受理，答复期限已加入期限提醒")
}
