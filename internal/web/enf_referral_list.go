package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfReferralsData struct {
	Year      int
	Status    string
	Statuses  []enforcement.ReferralStatus
	Counts    map[enforcement.ReferralStatus]int
	All       int
	List      []enforcement.Referral
	CanRecord bool
	ScopeName string
}

// enfReferralSelection reads the year and status filter and lists the
// scope's referrals of that year.
func (s *Server) enfReferralSelection(r *http.Request) (enfReferralsData, error) {
	u := httpx.User(r)
	d := enfReferralsData{Status: r.URL.Query().Get("status"), Statuses: enforcement.ReferralStatuses,
		Counts: map[enforcement.ReferralStatus]int{}, ScopeName: u.ScopeName}
	var err error
	if d.Year, err = s.enfYear(r); err != nil {
		return d, err
	}
	all, err := s.Enforcement.Referrals(r.Context(), u.ScopePath, d.Year)
	if err != nil {
		return d, err
	}
	d.All = len(all)
	for _, x := range all {
		d.Counts[x.Status]++
		if d.Status == "" || string(x.Status) == d.Status {
			d.List = append(d.List, x)
		}
	}
	return d, nil
}

// handleEnfReferrals lists the 两法衔接 referrals of the user's scope made in
// a year, with their status and the case they came from.
func (s *Server) handleEnfReferrals(w http.ResponseWriter, r *http.Request) {
	d, err := s.enfReferralSelection(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.CanRecord = httpx.User(r).Can(auth.PermCaseHandle)
	s.render(w, http.StatusOK, "enf_referrals", s.view(r, "两法衔接", d))
}
