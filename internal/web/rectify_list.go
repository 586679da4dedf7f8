package web

import (
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

type rectifyListData struct {
	Items     []supervise.Rectification
	All       bool // closed items too
	Overdue   int
	CanReview bool
	ScopeName string
	Allowed   string
	MaxSize   string
	FormID    int64  // the item whose form was refused
	FormText  string // its closing text, kept
}

// handleRectifications lists the 整改 items of the user's scope: a unit its
// own open ones (with the form to submit closing evidence), the 法治办 the
// county's (with 销号 and 退回). ?all=1 shows closed items too.
func (s *Server) handleRectifications(w http.ResponseWriter, r *http.Request) {
	s.rectifyPage(w, r, http.StatusOK, "", 0, "")
}

func (s *Server) rectifyPage(w http.ResponseWriter, r *http.Request, status int, msg string, formID int64, text string) {
	u := httpx.User(r)
	all := r.URL.Query().Get("all") == "1"
	items, err := s.Tasks.ListRectifications(r.Context(), supervise.RectifyFilter{Scope: u.ScopePath, OpenOnly: !all})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := rectifyListData{Items: items, All: all, CanReview: u.Can(auth.PermTaskReview), ScopeName: u.ScopeName,
		Allowed: attach.AllowedTypesText, MaxSize: attach.FormatSize(s.attachLimit()), FormID: formID, FormText: text}
	for _, x := range items {
		if x.Overdue {
			d.Overdue++
		}
	}
	v := s.view(r, "整改事项", d)
	v.Error = msg
	s.render(w, status, "rectify_list", v)
}
