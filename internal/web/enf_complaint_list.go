package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// enfComplaintStates are the list's status filter: the stored statuses and
// 逾期 (open past the due date).
var enfComplaintStates = []struct{ Key, Label string }{
	{"open", "未办结"}, {"overdue", "已逾期"}, {string(enforcement.ComplaintClosed), "已办结"},
}

type enfComplaintsData struct {
	Year        int
	State       string
	States      []struct{ Key, Label string }
	List        []enforcement.Complaint
	All         int
	Open        int
	Overdue     int
	Closed      int
	Late        int
	CanRegister bool
	ScopeName   string
}

func enfComplaintMatches(c enforcement.Complaint, state string) bool {
	switch state {
	case "open":
		return c.Status != enforcement.ComplaintClosed
	case "overdue":
		return c.Overdue
	case string(enforcement.ComplaintClosed):
		return c.Status == enforcement.ComplaintClosed
	}
	return true
}

// enfComplaintSelection lists the complaints about units of the scope
// received in the chosen year, counted by where they stand.
func (s *Server) enfComplaintSelection(r *http.Request) (enfComplaintsData, error) {
	u := httpx.User(r)
	d := enfComplaintsData{State: r.URL.Query().Get("state"), States: enfComplaintStates, ScopeName: u.ScopeName}
	var err error
	if d.Year, err = s.enfYear(r); err != nil {
		return d, err
	}
	all, err := s.Enforcement.Complaints(r.Context(), u.ScopePath, d.Year)
	if err != nil {
		return d, err
	}
	d.All = len(all)
	for _, c := range all {
		switch {
		case c.Status == enforcement.ComplaintClosed:
			d.Closed++
		case c.Overdue:
			d.Overdue++
		}
		if c.Late {
			d.Late++
		}
		if enfComplaintMatches(c, d.State) {
			d.List = append(d.List, c)
		}
	}
	d.Open = d.All - d.Closed
	return d, nil
}

// handleEnfComplaints lists the complaints about enforcement in the user's
// scope: complainant masked, reply due date with its basis, overdue ones
// flagged.
func (s *Server) handleEnfComplaints(w http.ResponseWriter, r *http.Request) {
	d, err := s.enfComplaintSelection(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.CanRegister = httpx.User(r).Can(auth.PermComplaintHandle)
	s.render(w, http.StatusOK, "enf_complaints", s.view(r, "执法投诉", d))
}
