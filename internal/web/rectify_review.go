package web

import (
	"net/http"

	"fazhi/internal/httpx"
)

// handleRectifyAccept is the 法治办's 销号 of a submitted 整改 item.
func (s *Server) handleRectifyAccept(w http.ResponseWriter, r *http.Request) {
	s.reviewRectify(w, r, true)
}

// handleRectifyReturn sends a submission back with the 法治办's comment.
func (s *Server) handleRectifyReturn(w http.ResponseWriter, r *http.Request) {
	s.reviewRectify(w, r, false)
}

func (s *Server) reviewRectify(w http.ResponseWriter, r *http.Request, accept bool) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	x, err := s.Tasks.GetRectification(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scope, comment := httpx.User(r).ScopePath, r.PostFormValue("comment")
	msg := "已销号：" + x.UnitName + "的整改事项"
	if accept {
		err = s.Tasks.AcceptRectification(r.Context(), scope, id, comment)
	} else {
		err = s.Tasks.ReturnRectification(r.Context(), scope, id, comment)
		msg = "已退回" + x.UnitName + "的整改情况"
	}
	// The round page sends back="round"; the list page nothing.
	fromRound := r.PostFormValue("back") == "round"
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			if fromRound {
				r.SetPathValue("id", itoa(x.RoundID))
				s.roundPage(w, r, ae.Status, ae.Message)
			} else {
				s.rectifyPage(w, r, ae.Status, ae.Message, 0, "")
			}
		}
		return
	}
	target := "/rectifications"
	if fromRound {
		target = "/supervise/rounds/" + itoa(x.RoundID)
	}
	flashRedirect(w, r, target+"#rect-"+itoa(id), msg)
}
