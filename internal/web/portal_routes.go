package web

import (
	"html/template"
	"net/http"
	"strconv"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// portalRoutes are the public 行政执法公示 pages (GET only, no login: 事前公示
// of subjects, officers, items with 裁量基准 and the procedure; 事后公示 of
// decisions with a search) and the supervisors' page of publications with
// their timeliness.
func (s *Server) portalRoutes() []httpx.Route {
	pub := func(pattern string, h http.HandlerFunc) httpx.Route {
		return httpx.Route{Method: "GET", Pattern: pattern, Public: true, Handler: h}
	}
	return []httpx.Route{
		pub("/public/enforcement", s.handlePortalIndex),
		pub("/public/enforcement/subjects", s.handlePortalSubjects),
		pub("/public/enforcement/officers", s.handlePortalOfficers),
		pub("/public/enforcement/items", s.handlePortalItems),
		pub("/public/enforcement/items/{id}", s.handlePortalItem),
		pub("/public/enforcement/procedure", s.handlePortalProcedure),
		pub("/public/enforcement/decisions", s.handlePortalDecisions),
		pub("/public/enforcement/decisions/{id}", s.handlePortalDecision),
		{Method: "GET", Pattern: "/enforcement/publications", Perm: auth.PermEnforceView, Handler: s.handlePublications},
		{Method: "GET", Pattern: "/enforcement/publications/export.xlsx", Perm: auth.PermEnforceView, Handler: s.handlePublicationsExport},
	}
}

// portalUnit is the unit picked on a public page (0: none), checked against
// the units that have something public.
type portalUnitPick struct {
	Units  []enforcement.PublicUnit
	UnitID int64
	Name   string
}

// Options are the unit <option>s with the picked one selected.
func (p portalUnitPick) Options() template.HTML {
	return selectOptions(len(p.Units), func(i int) (int64, string) { return p.Units[i].ID, p.Units[i].Name }, p.UnitID)
}

func (s *Server) portalUnit(r *http.Request) (portalUnitPick, error) {
	units, err := s.Enforcement.PublicUnits(r.Context())
	if err != nil {
		return portalUnitPick{}, err
	}
	p := portalUnitPick{Units: units}
	id, _ := strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	for _, u := range units {
		if u.ID == id {
			p.UnitID, p.Name = u.ID, u.Name
		}
	}
	if p.UnitID == 0 && id > 0 {
		// The list is cached for half a minute; a unit that has just
		// published is still shown when asked for by id.
		if un, err := s.Org.Get(r.Context(), id); err == nil && un.Active {
			p.UnitID, p.Name = un.ID, un.Name
			p.Units = append(p.Units, enforcement.PublicUnit{ID: un.ID, Name: un.Name})
		}
	}
	return p, nil
}

// handlePortalIndex is the 行政执法公示 start page.
func (s *Server) handlePortalIndex(w http.ResponseWriter, r *http.Request) {
	pick, err := s.portalUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	latest, total, err := s.Enforcement.Publications(r.Context(), enforcement.PublicationFilter{Public: true, PerPage: 10})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "public_enf_index", s.view(r, "行政执法公示",
		map[string]any{"Pick": pick, "Latest": latest, "Total": total}))
}

// handlePortalProcedure describes the 行政处罚 procedure and the 三项制度.
func (s *Server) handlePortalProcedure(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "public_enf_procedure", s.view(r, "行政执法流程", nil))
}
