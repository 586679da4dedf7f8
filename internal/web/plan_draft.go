package web

import (
	"fmt"
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/plan"
)

type planDraftData struct {
	*plan.Review
	Counts       map[plan.MatchState]int
	Pending      []planPendingName // the mapping form's rows
	Groups       []plan.Group
	Units        []plan.UnitRef
	CanAddUnit   bool
	FramingCount int
}

// planPendingName is one row of the mapping form: an unmatched name, or one
// matched fuzzily or by hand, which the user may still change.
type planPendingName struct {
	Index    int
	Res      plan.Resolution
	Selected string // the option value chosen now: "unit:12", "group:3", "ignore" or ""
}

// handlePlanDraft shows the review page of a draft.
func (s *Server) handlePlanDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.planDraftPage(w, r, id, http.StatusOK, "")
}

func (s *Server) planDraftPage(w http.ResponseWriter, r *http.Request, id int64, status int, errMsg string) {
	rv, err := s.Plans.Review(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	dir, err := s.Plans.Directory(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := planDraftData{Review: rv, Counts: rv.Counts(), Groups: dir.Groups(), Units: dir.Units(),
		CanAddUnit: httpx.User(r).Can(auth.PermUnitManage), FramingCount: rv.Draft.Parsed.FramingCount()}
	for i, res := range rv.Names {
		if res.State == plan.StateUnmatched || res.State == plan.StateFuzzy || res.Manual {
			d.Pending = append(d.Pending, planPendingName{Index: i, Res: res, Selected: selectedOption(res)})
		}
	}
	v := s.view(r, "核对方案："+rv.Draft.Title, d)
	v.Error = errMsg
	s.render(w, status, "plan_draft", v)
}

// selectedOption is the mapping form's current choice for a name. An
// unmatched name starts at "no choice", never at a suggestion, so that a
// careless save cannot map 市委办公室 to the 县政府办公室.
func selectedOption(res plan.Resolution) string {
	switch {
	case res.State == plan.StateIgnored:
		return "ignore"
	case res.State == plan.StateGroup:
		return fmt.Sprintf("group:%d", res.GroupID)
	case res.State != plan.StateUnmatched && len(res.Units) == 1:
		return fmt.Sprintf("unit:%d", res.Units[0].ID)
	}
	return ""
}

// Count is how many names are in state, for the summary line.
func (d planDraftData) Count(state string) int { return d.Counts[plan.MatchState(state)] }
