package web

import (
	"net/http"

	"fazhi/internal/attach"
	"fazhi/internal/httpx"
	"fazhi/internal/supervise"
)

type roundDetailData struct {
	supervise.RoundDetail
	Units      []unitChoice // units of the scope, for the target form
	Tasks      []taskChoice // plan tasks under supervision, for the target form
	TargetUnit []unitChoice // the round's units, owners of 整改 items
	Severities []string
	Today      string
	Allowed    string
}

type taskChoice struct {
	ID    int64
	Label string
}

// handleRound shows a round: its units and tasks, the findings with their
// 整改 items (status, due dates, evidence) and the 法治办's forms.
func (s *Server) handleRound(w http.ResponseWriter, r *http.Request) {
	s.roundPage(w, r, http.StatusOK, "")
}

func (s *Server) roundPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rd, err := s.Tasks.Round(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := roundDetailData{RoundDetail: rd, Severities: supervise.Severities, Allowed: attach.AllowedTypesText,
		Today: s.Tasks.Now().In(cst).Format("2006-01-02")}
	if !rd.Closed {
		if d.Units, err = s.unitChoices(r); err != nil {
			s.fail(w, r, err)
			return
		}
		if d.Tasks, err = s.taskChoices(r); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	seen := map[int64]bool{}
	for _, t := range rd.Targets {
		if !seen[t.UnitID] {
			seen[t.UnitID] = true
			d.TargetUnit = append(d.TargetUnit, unitChoice{ID: t.UnitID, Label: t.UnitName})
		}
	}
	v := s.view(r, rd.Title, d)
	v.Error = msg
	s.render(w, status, "round_detail", v)
}

// taskChoices lists the supervised plan tasks of the user's scope, once each.
func (s *Server) taskChoices(r *http.Request) ([]taskChoice, error) {
	as, err := s.Tasks.List(r.Context(), supervise.Filter{Scope: httpx.User(r).ScopePath})
	if err != nil {
		return nil, err
	}
	var out []taskChoice
	seen := map[int64]bool{}
	for _, a := range as {
		if !seen[a.TaskID] {
			seen[a.TaskID] = true
			out = append(out, taskChoice{ID: a.TaskID, Label: a.TaskMarker + a.TaskTitle + "（" + a.PlanTitle + "）"})
		}
	}
	return out, nil
}
