package web

import (
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type caseNewData struct {
	Form     enforcement.CaseInput
	Units    []unitChoice
	Items    []enforcement.Item
	Officers []enforcement.Officer
	Chosen   map[int64]bool
	Shown    map[int64]bool
	Sources  []string
	FineYuan string
}

// handleCaseNew is the 立案 form; the unit picked (?unit=) decides the items
// and officers offered.
func (s *Server) handleCaseNew(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	in := enforcement.CaseInput{UnitID: u.UnitID, Procedure: enforcement.ProcOrdinary, PartyKind: "person",
		FiledOn: time.Now().In(cst).Format(time.DateOnly), Source: enforcement.CaseSources[0], Mobile: true}
	if id, err := strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64); err == nil {
		in.UnitID = id
	}
	s.caseNewPage(w, r, http.StatusOK, in, "", "")
}

func (s *Server) caseNewPage(w http.ResponseWriter, r *http.Request, status int, in enforcement.CaseInput, fine, msg string) {
	if err := s.checkUnitInScope(r, in.UnitID); err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := caseNewData{Form: in, Units: units, Sources: enforcement.CaseSources, Chosen: map[int64]bool{}, Shown: map[int64]bool{}, FineYuan: fine}
	for _, o := range in.Officers {
		d.Chosen[o.OfficerID], d.Shown[o.OfficerID] = true, o.ShownCert
	}
	if d.Items, err = s.Enforcement.CurrentItems(r.Context(), in.UnitID); err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.Enforcement.UnitOfficers(r.Context(), in.UnitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, o := range all {
		if o.Status == enforcement.OfficerActive {
			d.Officers = append(d.Officers, o)
		}
	}
	v := s.view(r, "立案", d)
	v.Error = msg
	s.render(w, status, "case_new", v)
}

// handleCaseCreate registers the case (or the 简易程序 decision).
func (s *Server) handleCaseCreate(w http.ResponseWriter, r *http.Request) {
	in := enforcement.CaseInput{UnitID: formID(r, "unit_id"), ItemID: formID(r, "item_id"),
		Procedure: enforcement.Procedure(r.PostFormValue("procedure")), Title: r.PostFormValue("title"), Source: r.PostFormValue("source"),
		PartyKind: r.PostFormValue("party_kind"), PartyName: r.PostFormValue("party_name"), PartyID: r.PostFormValue("party_id"),
		PartyPhone: r.PostFormValue("party_phone"), PartyAddress: r.PostFormValue("party_address"), Facts: r.PostFormValue("facts"),
		FoundOn: r.PostFormValue("found_on"), FiledOn: r.PostFormValue("filed_on"), Mobile: enfFormBool(r, "mobile"),
		PenaltyText: r.PostFormValue("penalty_text"), DiscretionID: formID(r, "discretion_id"), DepartureReason: r.PostFormValue("departure_reason")}
	shown := map[string]bool{}
	for _, v := range r.PostForm["shown"] {
		shown[v] = true
	}
	lead := r.PostFormValue("lead")
	for _, v := range r.PostForm["officer"] {
		id, _ := strconv.ParseInt(v, 10, 64)
		in.Officers = append(in.Officers, enforcement.CaseOfficerInput{OfficerID: id, ShownCert: shown[v], Lead: v == lead})
	}
	fine := r.PostFormValue("fine")
	fen, err := enforcement.ParseYuan(fine)
	if err == nil && fen != nil {
		in.FineFen = *fen
	}
	if err == nil {
		err = s.checkUnitInScope(r, in.UnitID)
	}
	var id int64
	if err == nil {
		id, err = s.Enforcement.CreateCase(r.Context(), in)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.caseNewPage(w, r, ae.Status, in, fine, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/cases/"+itoa(id), "已立案")
}
