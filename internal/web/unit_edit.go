package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/org"
)

// loadUnitInScope fetches the unit of the path; units outside the user's
// scope are reported as not found.
func (s *Server) loadUnitInScope(r *http.Request) (org.Unit, error) {
	id, err := pathID(r)
	if err != nil {
		return org.Unit{}, err
	}
	u, err := s.Org.Get(r.Context(), id)
	if err != nil {
		return org.Unit{}, err
	}
	if !httpx.User(r).InScope(u.Path) {
		return org.Unit{}, httpx.ErrNotFound
	}
	return u, nil
}

type unitPageData struct {
	unitFormData
	Parent    org.Unit
	History   []org.Event
	CanManage bool
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	u, lerr := s.loadUnitInScope(r)
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	d := unitPageData{unitFormData: unitFormData{Unit: u, Levels: org.LevelOptions(), OrgTypes: org.OrgTypeOptions()},
		CanManage: httpx.User(r).Can(auth.PermUnitManage)}
	if u.ParentID != 0 {
		d.Parent, _ = s.Org.Get(r.Context(), u.ParentID)
	}
	var herr error
	if d.History, herr = s.Org.History(r.Context(), u.ID); herr != nil {
		s.fail(w, r, herr)
		return
	}
	if d.Units, herr = s.unitChoices(r); herr != nil {
		s.fail(w, r, herr)
		return
	}
	v := s.view(r, u.Name, d)
	if err != nil {
		v.Error = httpx.Classify(err).Message
	}
	s.render(w, status, "unit", v)
}

func (s *Server) handleUnit(w http.ResponseWriter, r *http.Request) {
	s.unitPage(w, r, http.StatusOK, nil)
}

// unitAction runs one change on the unit of the path and reports the result
// on the unit's page.
func (s *Server) unitAction(w http.ResponseWriter, r *http.Request, do func(org.Unit) (string, error)) {
	u, err := s.loadUnitInScope(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg, err := do(u)
	if err != nil {
		ae := s.formError(w, r, err)
		if ae == nil {
			return
		}
		s.unitPage(w, r, ae.Status, err)
		return
	}
	flashRedirect(w, r, "/admin/units/"+itoa(u.ID), msg)
}

func (s *Server) handleUnitUpdate(w http.ResponseWriter, r *http.Request) {
	s.unitAction(w, r, func(u org.Unit) (string, error) {
		_, err := s.Org.Update(r.Context(), u.ID, unitFieldsFrom(r))
		return "单位信息已保存", err
	})
}

func (s *Server) handleUnitMove(w http.ResponseWriter, r *http.Request) {
	s.unitAction(w, r, func(u org.Unit) (string, error) {
		to := formID(r, "parent_id")
		if err := s.checkUnitInScope(r, to); err != nil {
			return "", err
		}
		_, err := s.Org.Move(r.Context(), u.ID, to, r.PostFormValue("note"))
		return "单位已调整隶属关系", err
	})
}

func (s *Server) handleUnitMerge(w http.ResponseWriter, r *http.Request) {
	s.unitAction(w, r, func(u org.Unit) (string, error) {
		into := formID(r, "into_id")
		if into == 0 {
			return "", httpx.Invalid("请选择合并到的单位")
		}
		if err := s.checkUnitInScope(r, into); err != nil {
			return "", err
		}
		_, err := s.Org.Merge(r.Context(), u.ID, into, r.PostFormValue("note"))
		return "单位已合并，原单位保留历史记录", err
	})
}

func (s *Server) handleUnitActive(w http.ResponseWriter, r *http.Request) {
	s.unitAction(w, r, func(u org.Unit) (string, error) {
		if r.PostFormValue("active") == "1" {
			_, err := s.Org.Activate(r.Context(), u.ID, r.PostFormValue("note"))
			return "单位已恢复启用", err
		}
		_, err := s.Org.Deactivate(r.Context(), u.ID, r.PostFormValue("note"))
		return "单位已停用", err
	})
}
