package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfOfficerFormData struct {
	Form     enforcement.OfficerInput
	Units    []unitChoice
	Subjects []enforcement.Subject
	Action   string
	New      bool
}

func enfOfficerForm(r *http.Request) enforcement.OfficerInput {
	return enforcement.OfficerInput{UnitID: formID(r, "unit_id"), SubjectID: formID(r, "subject_id"),
		Name: r.PostFormValue("name"), Sex: r.PostFormValue("sex"), IDNumber: r.PostFormValue("id_number"),
		Phone: r.PostFormValue("phone"), Position: r.PostFormValue("position"), CertNo: r.PostFormValue("cert_no"),
		CertAuthority: r.PostFormValue("cert_authority"), LawArea: r.PostFormValue("law_area"),
		IssuedOn: r.PostFormValue("issued_on"), ValidUntil: r.PostFormValue("valid_until")}
}

// handleEnfOfficerNew shows the form to register an officer.
func (s *Server) handleEnfOfficerNew(w http.ResponseWriter, r *http.Request) {
	s.enfOfficerNewPage(w, r, http.StatusOK, enforcement.OfficerInput{UnitID: httpx.User(r).UnitID}, nil)
}

func (s *Server) enfOfficerNewPage(w http.ResponseWriter, r *http.Request, status int, form enforcement.OfficerInput, ae *httpx.AppError) {
	d := enfOfficerFormData{Form: form, Action: "/enforcement/officers", New: true}
	var err error
	if d.Units, err = s.unitChoices(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Subjects, err = s.Enforcement.Subjects(r.Context(), httpx.User(r).ScopePath); err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "登记执法人员", d)
	if ae != nil {
		v.Error = ae.Message
	}
	s.render(w, status, "enf_officer_new", v)
}

// handleEnfOfficerCreate registers an officer of a unit in scope; his
// certificate's expiry goes to the deadline monitor.
func (s *Server) handleEnfOfficerCreate(w http.ResponseWriter, r *http.Request) {
	in := enfOfficerForm(r)
	err := s.checkUnitInScope(r, in.UnitID)
	var id int64
	if err == nil {
		id, err = s.Enforcement.CreateOfficer(r.Context(), in)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfOfficerNewPage(w, r, ae.Status, in, ae)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/officers/"+itoa(id), "执法人员已登记，执法证到期日已加入期限提醒")
}
