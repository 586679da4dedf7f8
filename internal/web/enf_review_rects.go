package web

import (
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// reviewRectsData feeds the 整改 page of both sides: the organiser's list
// (销号, 退回) and a unit's own page (its results and the form to report).
type reviewRectsData struct {
	Office    bool // the organiser's list
	Rects     []enforcement.ReviewRectification
	Reviews   enforcement.UnitReviews
	All       bool
	Overdue   int
	ScopeName string
	CanSubmit bool
	CanDecide bool
	Allowed   string
	MaxSize   string
	FormID    int64  // the item whose form was refused
	FormText  string // its text, kept
}

// handleReviewRects lists the 整改 items of the rounds the user organises;
// ?all=1 shows closed ones too.
func (s *Server) handleReviewRects(w http.ResponseWriter, r *http.Request) {
	s.reviewRectsPage(w, r, http.StatusOK, true, "", 0, "")
}

func (s *Server) reviewRectsPage(w http.ResponseWriter, r *http.Request, status int, office bool, msg string, formID int64, text string) {
	u := httpx.User(r)
	d := reviewRectsData{Office: office, All: r.URL.Query().Get("all") == "1", ScopeName: u.ScopeName,
		CanSubmit: u.Can(auth.PermEnforceManage), CanDecide: u.Can(auth.PermEnforceSupervise),
		Allowed: attach.AllowedTypesText, MaxSize: attach.FormatSize(s.attachLimit()), FormID: formID, FormText: text}
	var err error
	if office {
		d.Rects, err = s.Enforcement.ReviewRectifications(r.Context(), enforcement.ReviewRectFilter{RoundScope: u.ScopePath, OpenOnly: !d.All})
	} else {
		d.Reviews, err = s.Enforcement.UnitReviewsOf(r.Context(), u.ScopePath, d.All)
		d.Rects = d.Reviews.Rects
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, x := range d.Rects {
		if x.Overdue {
			d.Overdue++
		}
	}
	title := "本单位案卷评查"
	if office {
		title = "评查整改"
	}
	v := s.view(r, title, d)
	v.Error = msg
	s.render(w, status, "enf_review_rects", v)
}

// handleReviewMine is a unit's 案卷评查: its results in closed rounds, the
// rounds under way and its 整改 items with the form to report them.
func (s *Server) handleReviewMine(w http.ResponseWriter, r *http.Request) {
	s.reviewRectsPage(w, r, http.StatusOK, false, "", 0, "")
}
