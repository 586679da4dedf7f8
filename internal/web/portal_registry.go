package web

import (
	"net/http"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// handlePortalSubjects lists the active 执法主体 (of one unit or all).
func (s *Server) handlePortalSubjects(w http.ResponseWriter, r *http.Request) {
	pick, err := s.portalUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.Enforcement.Subjects(r.Context(), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var list []enforcement.Subject
	for _, sj := range all {
		if sj.Active && (pick.UnitID == 0 || sj.UnitID == pick.UnitID) {
			list = append(list, sj)
		}
	}
	s.render(w, http.StatusOK, "public_enf_subjects", s.view(r, "执法主体公示", map[string]any{"Pick": pick, "Subjects": list}))
}

// publicOfficer is what the portal shows of an officer: never his 身份证号
// or phone, only what his certificate shows to the public.
type publicOfficer struct {
	Name, UnitName, CertNo, CertAuthority, LawArea, ValidUntil, Status string
}

// handlePortalOfficers lists the officers of a unit holding a certificate
// (注销 ones are not shown).
func (s *Server) handlePortalOfficers(w http.ResponseWriter, r *http.Request) {
	pick, err := s.portalUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var list []publicOfficer
	if pick.UnitID != 0 {
		all, err := s.Enforcement.Officers(r.Context(), enforcement.OfficerFilter{UnitID: pick.UnitID, Query: r.URL.Query().Get("q")})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		today := time.Now().In(cst).Format(time.DateOnly)
		for _, o := range all {
			if o.Status == enforcement.OfficerRevoked {
				continue
			}
			status := o.Status.Label()
			if ok, _ := o.CanEnforceOn(today); !ok && o.Status == enforcement.OfficerActive {
				status = "证件已过期"
			}
			list = append(list, publicOfficer{Name: o.Name, UnitName: o.UnitName, CertNo: o.CertNo, CertAuthority: o.CertAuthority,
				LawArea: o.LawArea, ValidUntil: o.ValidUntil, Status: status})
		}
	}
	s.render(w, http.StatusOK, "public_enf_officers", s.view(r, "执法人员公示",
		map[string]any{"Pick": pick, "Officers": list, "Q": r.URL.Query().Get("q")}))
}

// handlePortalItems lists the items of a unit's published 权责清单.
func (s *Server) handlePortalItems(w http.ResponseWriter, r *http.Request) {
	pick, err := s.portalUnit(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var items []enforcement.Item
	if pick.UnitID != 0 {
		if items, err = s.Enforcement.CurrentItems(r.Context(), pick.UnitID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, http.StatusOK, "public_enf_items", s.view(r, "执法事项与裁量基准", map[string]any{"Pick": pick, "Items": items}))
}

// handlePortalItem shows one item of a published list with its 裁量基准;
// items of drafts or superseded versions are not public.
func (s *Server) handlePortalItem(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	it, err := s.Enforcement.Item(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l, err := s.Enforcement.ListVersion(r.Context(), it.ListID)
	if err != nil || l.Status != enforcement.ListPublished {
		s.fail(w, r, httpx.ErrNotFound)
		return
	}
	s.render(w, http.StatusOK, "public_enf_item", s.view(r, it.Name, map[string]any{"Item": it, "List": l}))
}
