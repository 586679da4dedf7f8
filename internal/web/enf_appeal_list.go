package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfAppealsData struct {
	Year      int
	Kind      string
	Kinds     []enforcement.AppealKind
	List      []enforcement.Appeal
	Counts    [2]enfAppealCount // AppealKinds order
	CanRecord bool
	ScopeName string
}

// enfAppealCount sums one kind's appeals of the list's year.
type enfAppealCount struct {
	Kind                      enforcement.AppealKind
	Filed, Decided, Corrected int
	Pending                   int
}

// enfAppealSelection lists the scope's 复议/诉讼 filed or decided in the
// chosen year, optionally of one kind.
func (s *Server) enfAppealSelection(r *http.Request) (enfAppealsData, error) {
	u := httpx.User(r)
	d := enfAppealsData{Kind: r.URL.Query().Get("kind"), Kinds: enforcement.AppealKinds, ScopeName: u.ScopeName}
	var err error
	if d.Year, err = s.enfYear(r); err != nil {
		return d, err
	}
	all, err := s.Enforcement.Appeals(r.Context(), u.ScopePath, d.Year)
	if err != nil {
		return d, err
	}
	for i, k := range enforcement.AppealKinds {
		d.Counts[i].Kind = k
	}
	for _, a := range all {
		i := 0
		if a.Kind == enforcement.AppealLitigation {
			i = 1
		}
		d.Counts[i].Filed++
		switch {
		case a.Outcome == enforcement.OutcomePending:
			d.Counts[i].Pending++
		case a.Outcome.Corrected():
			d.Counts[i].Corrected++
			d.Counts[i].Decided++
		default:
			d.Counts[i].Decided++
		}
		if d.Kind == "" || string(a.Kind) == d.Kind {
			d.List = append(d.List, a)
		}
	}
	return d, nil
}

// handleEnfAppeals lists the 行政复议 and 行政诉讼 against the scope's
// decisions, with their outcomes and the corrected ones (纠错) flagged.
func (s *Server) handleEnfAppeals(w http.ResponseWriter, r *http.Request) {
	d, err := s.enfAppealSelection(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.CanRecord = httpx.User(r).Can(auth.PermEnforceManage)
	s.render(w, http.StatusOK, "enf_appeals", s.view(r, "复议诉讼", d))
}
