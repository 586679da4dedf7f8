package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfListData struct {
	List      enforcement.List
	Items     []enforcement.Item
	Current   *enforcement.List // the published version, to compare a draft with
	CanEdit   bool              // a draft and the user may manage
	CanManage bool
	Levels    []enforcement.Level
}

// enfListInScope loads the version of the path, refusing one outside the
// user's scope.
func (s *Server) enfListInScope(w http.ResponseWriter, r *http.Request) (enforcement.List, bool) {
	id, err := pathID(r)
	var l enforcement.List
	if err == nil {
		l, err = s.Enforcement.ListVersion(r.Context(), id)
	}
	if err == nil {
		err = enfInScope(r, l.UnitPath, l.UnitName)
	}
	if err != nil {
		s.fail(w, r, err)
		return l, false
	}
	return l, true
}

// handleEnfList shows one version with every item and 裁量基准 row; a draft
// is edited here.
func (s *Server) handleEnfList(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	items, err := s.Enforcement.VersionItems(r.Context(), l.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	d := enfListData{List: l, Items: items, CanManage: u.Can(auth.PermEnforceManage), Levels: enforcement.Levels}
	d.CanEdit = d.CanManage && l.Status == enforcement.ListDraft
	versions, err := s.Enforcement.ListVersions(r.Context(), l.UnitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range versions {
		if versions[i].Status == enforcement.ListPublished && versions[i].ID != l.ID {
			d.Current = &versions[i]
		}
	}
	s.render(w, http.StatusOK, "enf_list", s.view(r, l.UnitName+"权责清单 第"+itoa(l.Version)+"版", d))
}

// handleEnfListPublish publishes a draft; the previous version is superseded.
func (s *Server) handleEnfListPublish(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	if err := s.Enforcement.PublishList(r.Context(), l.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/items?unit="+itoa(l.UnitID), "第"+itoa(l.Version)+"版已发布，成为现行权责清单")
}

// handleEnfListDiscard deletes a draft.
func (s *Server) handleEnfListDiscard(w http.ResponseWriter, r *http.Request) {
	l, ok := s.enfListInScope(w, r)
	if !ok {
		return
	}
	if err := s.Enforcement.DiscardDraft(r.Context(), l.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/items?unit="+itoa(l.UnitID), "第"+itoa(l.Version)+"版草稿已删除")
}
