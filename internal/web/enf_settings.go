package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

type enfSettingsData struct {
	Region   string // the region of the user's scope unit
	Name     string
	Settings []enfSettingBlock
	CanEdit  bool
}

// enfSettingBlock is one setting: its definition, the value that applies in
// the user's region, and what each level of the region chain sets.
type enfSettingBlock struct {
	Def       enforcement.SettingDef
	Effective enforcement.SettingValue
	Levels    []enfSettingLevel
}

type enfSettingLevel struct {
	Code, Name string
	Set        bool
	Value      int
	Note       string
}

// enfScopeRegion is the division code of the user's scope unit (or its
// nearest ancestor's): the settings apply there.
func (s *Server) enfScopeRegion(r *http.Request) (string, error) {
	u := httpx.User(r)
	unit := u.ScopeUnitID
	if unit == 0 {
		unit = u.UnitID
	}
	return s.Enforcement.Deadlines.RegionOfUnit(r.Context(), unit)
}

// handleEnfSettings shows the regional enforcement settings (training hours,
// 公示 limits) with their basis, level by level; the 法治办 changes them.
func (s *Server) handleEnfSettings(w http.ResponseWriter, r *http.Request) {
	region, err := s.enfScopeRegion(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := enfSettingsData{Region: region, CanEdit: httpx.User(r).Has(auth.RoleLegalOffice)}
	chain := enforcement.RegionChain(region)
	names := map[string]string{}
	for _, rc := range chain {
		names[rc] = rc
		if reg, err := s.Org.GetRegion(r.Context(), rc); err == nil {
			names[rc] = reg.Name
		}
	}
	d.Name = names[region]
	for _, def := range enforcement.SettingDefs {
		b := enfSettingBlock{Def: def}
		if b.Effective, err = s.Enforcement.Setting(r.Context(), region, def.Key); err != nil {
			s.fail(w, r, err)
			return
		}
		for _, rc := range chain {
			v, err := s.Enforcement.Setting(r.Context(), rc, def.Key)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			lv := enfSettingLevel{Code: rc, Name: names[rc]}
			if v.FromRegion == rc {
				lv.Set, lv.Value, lv.Note = true, v.Value, v.Note
			}
			b.Levels = append(b.Levels, lv)
		}
		d.Settings = append(d.Settings, b)
	}
	s.render(w, http.StatusOK, "enf_settings", s.view(r, "执法工作设置", d))
}

// handleEnfSettingSave sets one setting for a region of the user's chain,
// with the local rule it follows. Only the 法治办 may.
func (s *Server) handleEnfSettingSave(w http.ResponseWriter, r *http.Request) {
	key, rc := r.PostFormValue("key"), strings.TrimSpace(r.PostFormValue("region"))
	def, ok := enforcement.SettingDefOf(key)
	if !ok {
		s.fail(w, r, httpx.Invalid("请选择设置项"))
		return
	}
	value, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("value")))
	if err != nil {
		s.fail(w, r, httpx.Invalid(def.Name+"应为整数"))
		return
	}
	region, err := s.enfScopeRegion(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !httpx.User(r).Has(auth.RoleLegalOffice) || !slices.Contains(enforcement.RegionChain(region), rc) {
		s.fail(w, r, &httpx.AppError{Status: http.StatusForbidden, Code: "forbidden",
			Message: "只有法治办可以修改本地区及上级地区的执法工作设置"})
		return
	}
	if err := s.Enforcement.SetSetting(r.Context(), rc, key, value, r.PostFormValue("note")); err != nil {
		s.fail(w, r, err)
		return
	}
	flashRedirect(w, r, "/enforcement/settings#set-"+key, def.Name+"已设置为"+strconv.Itoa(value)+def.Unit)
}
