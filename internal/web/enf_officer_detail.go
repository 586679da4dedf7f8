package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfOfficerData struct {
	Officer   enforcement.Officer
	Reveal    bool
	CanManage bool
	Year      int
	Training  enforcement.TrainingStatus
	Records   []enforcement.Training
	YearHours map[int]float64
	Deadlines []deadline.Item
	Edit      enfOfficerFormData
	Status    []enforcement.OfficerStatus
	Today     string
	TrainForm enforcement.TrainingInput
	FormError string // which form the error belongs to: edit | status | training
}

// enfOfficerInScope loads the officer of the path, refusing one outside the
// user's scope; reveal opens his 身份证号 and phone in full.
func (s *Server) enfOfficerInScope(w http.ResponseWriter, r *http.Request, reveal bool) (enforcement.Officer, bool) {
	id, err := pathID(r)
	var o enforcement.Officer
	if err == nil {
		o, err = s.Enforcement.OfficerPersonal(r.Context(), id, reveal)
	}
	if err == nil {
		err = enfInScope(r, o.UnitPath, o.UnitName)
	}
	if err != nil {
		s.fail(w, r, err)
		return o, false
	}
	return o, true
}

// handleEnfOfficer shows an officer: certificate, training of the year
// against the requirement, the expiry deadline; managers edit and change
// the status here.
func (s *Server) handleEnfOfficer(w http.ResponseWriter, r *http.Request) {
	reveal := httpx.User(r).Can(auth.PermEnforceManage)
	o, ok := s.enfOfficerInScope(w, r, reveal)
	if !ok {
		return
	}
	s.enfOfficerPage(w, r, http.StatusOK, o, enfOfficerInput(o), enforcement.TrainingInput{HeldOn: s.enfToday()}, "", nil)
}

func enfOfficerInput(o enforcement.Officer) enforcement.OfficerInput {
	return enforcement.OfficerInput{UnitID: o.UnitID, SubjectID: o.SubjectID, UserID: o.UserID, Name: o.Name, Sex: o.Sex,
		IDNumber: o.IDNumber, Phone: o.Phone, Position: o.Position, CertNo: o.CertNo, CertAuthority: o.CertAuthority,
		LawArea: o.LawArea, IssuedOn: o.IssuedOn, ValidUntil: o.ValidUntil}
}

func (s *Server) enfOfficerPage(w http.ResponseWriter, r *http.Request, status int, o enforcement.Officer,
	form enforcement.OfficerInput, train enforcement.TrainingInput, which string, ae *httpx.AppError) {
	u := httpx.User(r)
	d := enfOfficerData{Officer: o, Reveal: u.Can(auth.PermEnforceManage), CanManage: u.Can(auth.PermEnforceManage),
		Today: s.enfToday(), TrainForm: train, FormError: which, YearHours: map[int]float64{},
		Status: []enforcement.OfficerStatus{enforcement.OfficerActive, enforcement.OfficerSuspended, enforcement.OfficerRevoked},
		Edit:   enfOfficerFormData{Form: form, Action: "/enforcement/officers/" + itoa(o.ID)}}
	d.Year, _ = strconv.Atoi(d.Today[:4])
	ctx := r.Context()
	st, err := s.Enforcement.TrainingStatuses(ctx, []enforcement.Officer{o}, d.Year)
	if err == nil {
		d.Training = st[o.ID]
		d.Records, err = s.Enforcement.Trainings(ctx, o.ID)
	}
	if err == nil {
		d.Deadlines, err = s.Enforcement.Deadlines.ItemsOf(ctx, enforcement.ObjectOfficer, itoa(o.ID))
	}
	if err == nil && d.CanManage {
		d.Edit.Subjects, err = s.Enforcement.UnitSubjects(ctx, o.UnitID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, t := range d.Records {
		d.YearHours[t.Year] += t.Hours
	}
	v := s.view(r, "执法人员 · "+o.Name, d)
	if ae != nil {
		v.Error = ae.Message
	}
	s.render(w, status, "enf_officer", v)
}

// handleEnfOfficerUpdate saves an officer's fields; a new expiry date
// (换证) moves his deadline.
func (s *Server) handleEnfOfficerUpdate(w http.ResponseWriter, r *http.Request) {
	o, ok := s.enfOfficerInScope(w, r, true)
	if !ok {
		return
	}
	in := enfOfficerForm(r)
	in.UnitID, in.UserID = o.UnitID, o.UserID
	if err := s.Enforcement.UpdateOfficer(r.Context(), o.ID, in); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfOfficerPage(w, r, ae.Status, o, in, enforcement.TrainingInput{HeldOn: s.enfToday()}, "edit", ae)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/officers/"+itoa(o.ID), "执法人员信息已保存")
}

// handleEnfOfficerStatus moves the certificate to 在岗, 暂扣 or 注销 with the
// reason.
func (s *Server) handleEnfOfficerStatus(w http.ResponseWriter, r *http.Request) {
	o, ok := s.enfOfficerInScope(w, r, true)
	if !ok {
		return
	}
	to := enforcement.OfficerStatus(r.PostFormValue("status"))
	if err := s.Enforcement.SetOfficerStatus(r.Context(), o.ID, to, r.PostFormValue("reason")); err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfOfficerPage(w, r, ae.Status, o, enfOfficerInput(o), enforcement.TrainingInput{HeldOn: s.enfToday()}, "status", ae)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/officers/"+itoa(o.ID), "执法证状态已改为“"+to.Label()+"”")
}
