package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfSubjectsData struct {
	Subjects  []enforcement.Subject
	Units     []unitChoice
	Kinds     []enforcement.SubjectKind
	Form      enforcement.SubjectInput
	CanManage bool
	ScopeName string
}

func enfSubjectForm(r *http.Request) enforcement.SubjectInput {
	return enforcement.SubjectInput{UnitID: formID(r, "unit_id"), Name: r.PostFormValue("name"),
		Kind: enforcement.SubjectKind(r.PostFormValue("kind")), LegalBasis: r.PostFormValue("legal_basis"),
		Scope: r.PostFormValue("scope"), Active: enfFormBool(r, "active")}
}

// handleEnfSubjects lists the 执法主体 of the user's scope, with the form to
// register one.
func (s *Server) handleEnfSubjects(w http.ResponseWriter, r *http.Request) {
	s.enfSubjectsPage(w, r, http.StatusOK, enforcement.SubjectInput{UnitID: httpx.User(r).UnitID,
		Kind: enforcement.SubjectAuthority, Active: true}, nil)
}

func (s *Server) enfSubjectsPage(w http.ResponseWriter, r *http.Request, status int, form enforcement.SubjectInput, ae *httpx.AppError) {
	u := httpx.User(r)
	subjects, err := s.Enforcement.Subjects(r.Context(), u.ScopePath)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := enfSubjectsData{Subjects: subjects, Units: units, Kinds: enforcement.SubjectKinds, Form: form,
		CanManage: u.Can(auth.PermEnforceManage), ScopeName: u.ScopeName}
	v := s.view(r, "执法主体", d)
	if ae != nil {
		v.Error = ae.Message
	}
	s.render(w, status, "enf_subjects", v)
}

// handleEnfSubjectCreate registers an 执法主体 of a unit in scope.
func (s *Server) handleEnfSubjectCreate(w http.ResponseWriter, r *http.Request) {
	in := enfSubjectForm(r)
	err := s.checkUnitInScope(r, in.UnitID)
	if err == nil {
		_, err = s.Enforcement.CreateSubject(r.Context(), in)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfSubjectsPage(w, r, ae.Status, in, ae)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/subjects", "执法主体“"+in.Name+"”已登记")
}

type enfSubjectData struct {
	Subject   enforcement.Subject
	Form      enforcement.SubjectInput
	Kinds     []enforcement.SubjectKind
	CanManage bool
}

// handleEnfSubject shows an 执法主体, editable for managers.
func (s *Server) handleEnfSubject(w http.ResponseWriter, r *http.Request) {
	sj, ok := s.enfSubjectInScope(w, r)
	if !ok {
		return
	}
	s.enfSubjectPage(w, r, http.StatusOK, sj, enforcement.SubjectInput{UnitID: sj.UnitID, Name: sj.Name, Kind: sj.Kind,
		LegalBasis: sj.LegalBasis, Scope: sj.Scope, Active: sj.Active}, nil)
}

func (s *Server) enfSubjectInScope(w http.ResponseWriter, r *http.Request) (enforcement.Subject, bool) {
	id, err := pathID(r)
	var sj enforcement.Subject
	if err == nil {
		sj, err = s.Enforcement.Subject(r.Context(), id)
	}
	if err == nil {
		err = enfInScope(r, sj.UnitPath, sj.UnitName)
	}
	if err != nil {
		s.fail(w, r, err)
		return sj, false
	}
	return sj, true
}

func (s *Server) enfSubjectPage(w http.ResponseWriter, r *http.Request, status int, sj enforcement.Subject,
	form enforcement.SubjectInput, ae *httpx.AppError) {
	v := s.view(r, "执法主体 · "+sj.Name, enfSubjectData{Subject: sj, Form: form, Kinds: enforcement.SubjectKinds,
		CanManage: httpx.User(r).Can(auth.PermEnforceManage)})
	if ae != nil {
		v.Error = ae.Message
	}
	s.render(w, status, "enf_subject", v)
}

// handleEnfSubjectUpdate saves an 执法主体's changes.
func (s *Server) handleEnfSubjectUpdate(w http.ResponseWriter, r *http.Request) {
	sj, ok := s.enfSubjectInScope(w, r)
	if !ok {
		return
	}
	in := enfSubjectForm(r)
	in.UnitID = sj.UnitID
	if err := s.Enforcement.UpdateSubject(r.Context(), sj.ID, in); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfSubjectPage(w, r, ae.Status, sj, in, ae)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/subjects", "执法主体“"+in.Name+"”已保存")
}
