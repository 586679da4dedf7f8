package web

import (
	"net/http"
	"strconv"

	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

// roundDone redirects to the round page on success, or shows it with the
// refusal beside the forms.
func (s *Server) roundDone(w http.ResponseWriter, r *http.Request, err error, anchor, msg string) {
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.roundPage(w, r, ae.Status, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/supervise/rounds/"+r.PathValue("id")+anchor, msg)
}

// handleRoundTargets adds the chosen units (optionally on one task) to a round.
func (s *Server) handleRoundTargets(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, httpx.Invalid("表单读取失败，请重试"))
		return
	}
	var units []int64
	for _, v := range r.PostForm["unit_id"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			units = append(units, n)
		}
	}
	n, err := s.Tasks.AddTargets(r.Context(), httpx.User(r).ScopePath, id, units, formID(r, "task_id"))
	s.roundDone(w, r, err, "#targets", "已增加被督察单位"+itoa(n)+"个")
}

// handleRoundFinding records a finding at one of the round's targets.
func (s *Server) handleRoundFinding(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fid, err := s.Tasks.AddFinding(r.Context(), httpx.User(r).ScopePath, supervise.FindingInput{RoundID: id,
		TargetID: formID(r, "target_id"), Body: r.PostFormValue("body"), Severity: r.PostFormValue("severity")})
	s.roundDone(w, r, err, "#finding-"+itoa(fid), "已记录督察发现的问题")
}

// handleRoundClose ends a round whose 整改 items are all 销号.
func (s *Server) handleRoundClose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.roundDone(w, r, s.Tasks.CloseRound(r.Context(), id), "", "督察已结束")
}
