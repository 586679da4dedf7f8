package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

// handleReportAccept records the 法治办's acceptance of a report.
func (s *Server) handleReportAccept(w http.ResponseWriter, r *http.Request) {
	s.reviewReport(w, r, true)
}

// handleReportReturn returns a report with the 法治办's comment.
func (s *Server) handleReportReturn(w http.ResponseWriter, r *http.Request) {
	s.reviewReport(w, r, false)
}

func (s *Server) reviewReport(w http.ResponseWriter, r *http.Request, accept bool) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, err := s.Tasks.GetReport(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scope, comment := httpx.User(r).ScopePath, r.PostFormValue("comment")
	msg := "已采纳" + rep.UnitName + rep.Period + "进展报告"
	if accept {
		err = s.Tasks.Accept(r.Context(), scope, id, comment)
	} else {
		err = s.Tasks.Return(r.Context(), scope, id, comment)
		msg = "已退回" + rep.UnitName + rep.Period + "进展报告"
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			r.SetPathValue("id", itoa(rep.TaskID))
			s.taskPage(w, r, ae.Status, ae.Message, reportForm{})
		}
		return
	}
	flashRedirect(w, r, "/tasks/"+itoa(rep.TaskID)+"#report-"+itoa(id), msg)
}
