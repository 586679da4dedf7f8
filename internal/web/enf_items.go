package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfItemsData struct {
	UnitID    int64
	UnitName  string
	Units     []unitChoice
	Current   *enforcement.List
	Items     []enforcement.Item
	Versions  []enforcement.List
	Draft     *enforcement.List
	Lists     []enforcement.List // published versions of every unit in scope
	MultiUnit bool
	Overview  bool // no unit chosen and a wider scope: the units' lists come first
	CanManage bool
}

// handleEnfItems shows a unit's current 权责清单 with its 裁量基准, its
// versions and the way into editing (a draft); with a wider scope, the
// current versions of every unit too.
func (s *Server) handleEnfItems(w http.ResponseWriter, r *http.Request) {
	unit, err := s.enfUnitParam(r, r.URL.Query().Get("unit"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	d := enfItemsData{UnitID: unit, CanManage: u.Can(auth.PermEnforceManage)}
	ctx := r.Context()
	un, err := s.Org.Get(ctx, unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.UnitName = un.Name
	if d.Units, err = s.unitChoices(r); err != nil {
		s.fail(w, r, err)
		return
	}
	d.MultiUnit = len(d.Units) > 1
	// A supervisor (scope wider than the own unit) starts from the units' lists.
	d.Overview = r.URL.Query().Get("unit") == "" && u.ScopeUnitID != 0 && u.ScopeUnitID != u.UnitID
	if d.Versions, err = s.Enforcement.ListVersions(ctx, unit); err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range d.Versions {
		switch d.Versions[i].Status {
		case enforcement.ListPublished:
			d.Current = &d.Versions[i]
		case enforcement.ListDraft:
			d.Draft = &d.Versions[i]
		}
	}
	if d.Current != nil {
		if d.Items, err = s.Enforcement.VersionItems(ctx, d.Current.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if d.MultiUnit {
		if d.Lists, err = s.Enforcement.CurrentLists(ctx, u.ScopePath); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, http.StatusOK, "enf_items", s.view(r, "权责清单", d))
}

// handleEnfListDraft starts editing a unit's list: a draft copied from the
// current version (or the existing draft).
func (s *Server) handleEnfListDraft(w http.ResponseWriter, r *http.Request) {
	unit := formID(r, "unit_id")
	if unit == 0 {
		s.fail(w, r, httpx.Invalid("请选择单位"))
		return
	}
	if err := s.checkUnitInScope(r, unit); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := s.Enforcement.NewListDraft(r.Context(), unit, r.PostFormValue("note"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/lists/"+itoa(id), "草稿已建立：修改事项和裁量基准后发布即生效")
}
