package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

// handleRectifyCreate opens a 整改 item on a finding; its deadline goes to
// the monitor, owned by the responsible unit.
func (s *Server) handleRectifyCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.Tasks.GetFinding(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.SetPathValue("id", itoa(f.RoundID))
	days, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("days")))
	xid, err := s.Tasks.CreateRectification(r.Context(), httpx.User(r).ScopePath, supervise.RectifyInput{FindingID: id,
		UnitID: formID(r, "unit_id"), Requirement: r.PostFormValue("requirement"), Days: days, DueDate: r.PostFormValue("due_date")})
	s.roundDone(w, r, err, "#rect-"+itoa(xid), "已下达整改，期限已登记到期限提醒")
}
