package web

import (
	"net/http"
	"net/url"
	"strconv"

	"fazhi/internal/enforcement"
)

// decisionSearch reads the search form; the error is shown on the page.
func decisionSearch(r *http.Request) (enforcement.PublicationFilter, error) {
	q := r.URL.Query()
	f := enforcement.PublicationFilter{Query: q.Get("q"), PerPage: 20}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.ItemID, _ = strconv.ParseInt(q.Get("item"), 10, 64)
	var err error
	f.From, f.To, err = enforcement.ParseSearchDates(q.Get("from"), q.Get("to"))
	return f, err
}

// handlePortalDecisions is the public search of published decisions (never
// withdrawn ones) by unit, period, item and keyword.
func (s *Server) handlePortalDecisions(w http.ResponseWriter, r *http.Request) {
	pick, err := s.portalUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, ferr := decisionSearch(r)
	f.UnitID, f.Public = pick.UnitID, true
	d := map[string]any{"Pick": pick, "Q": r.URL.Query()}
	status := http.StatusOK
	if ferr != nil {
		status = http.StatusBadRequest
	} else {
		list, more, err := s.Enforcement.SearchPublic(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d["List"], d["Pager"] = list, publicPager(max(f.Page, 1), more, r.URL.Query())
		if pick.UnitID != 0 {
			items, err := s.Enforcement.CurrentItems(r.Context(), pick.UnitID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			d["Items"], d["ItemID"] = items, f.ItemID
		}
	}
	v := s.view(r, "执法决定公示", d)
	if ferr != nil {
		v.Error = ferr.Error()
	}
	s.render(w, status, "public_enf_decisions", v)
}

// handlePortalDecision shows one published decision; a withdrawn one says
// so, with the date and reason, instead of its content.
func (s *Server) handlePortalDecision(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.Enforcement.PublicationByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "public_enf_decision", s.view(r, p.Title, p))
}

// publicPager links the neighbouring pages of a search that is not counted.
type publicPagerData struct {
	Page       int
	Prev, Next string
}

func publicPager(page int, more bool, q url.Values) publicPagerData {
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", itoa(n))
		return "?" + v.Encode()
	}
	p := publicPagerData{Page: page}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if more {
		p.Next = link(page + 1)
	}
	return p
}
