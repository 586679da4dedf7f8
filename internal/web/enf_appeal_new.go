package web

import (
	"net/http"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfAppealFormData struct {
	Form  enforcement.AppealInput
	Kinds []enforcement.AppealKind
	Error string
}

// handleEnfAppealNew shows the form to record a 复议 or 诉讼; ?case= fills
// in the 案号 (the link from the case page).
func (s *Server) handleEnfAppealNew(w http.ResponseWriter, r *http.Request) {
	s.enfAppealNewPage(w, r, http.StatusOK, enforcement.AppealInput{CaseNo: r.URL.Query().Get("case"),
		Kind: enforcement.AppealReconsideration, FiledOn: s.enfToday()}, "")
}

func (s *Server) enfAppealNewPage(w http.ResponseWriter, r *http.Request, status int, form enforcement.AppealInput, msg string) {
	d := enfAppealFormData{Form: form, Kinds: enforcement.AppealKinds, Error: msg}
	s.render(w, status, "enf_appeal_new", s.view(r, "登记行政复议/行政诉讼", d))
}

// handleEnfAppealCreate records a 复议 or 诉讼 against the decision of a
// case in the user's scope.
func (s *Server) handleEnfAppealCreate(w http.ResponseWriter, r *http.Request) {
	in := enforcement.AppealInput{CaseNo: r.PostFormValue("case_no"), Kind: enforcement.AppealKind(r.PostFormValue("kind")),
		Organ: r.PostFormValue("organ"), FiledOn: r.PostFormValue("filed_on"), Note: r.PostFormValue("note")}
	id, err := s.Enforcement.RecordAppeal(r.Context(), httpx.User(r).ScopePath, in)
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.enfAppealNewPage(w, r, ae.Status, in, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/appeals/"+itoa(id), in.Kind.Label()+"已登记，审结后请记录结果")
}
