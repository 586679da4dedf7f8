package web

import (
	"net/http"

	"fazhi/internal/httpx"
	"fazhi/internal/org"
	"fazhi/internal/report"
)

// reportRegion is a region of the scope with the report dates in force.
type reportRegion struct {
	Code, Name string
	Settings   []report.DateSetting // 报送, 公开
}

type reportSettingsData struct {
	National []report.DateSetting // the rule catalogue's dates
	Regions  []reportRegion
	Keys     []struct{ Key, Label string }
	Form     reportSettingForm
	Year     int // an example year for the due dates
}

type reportSettingForm struct {
	Region, Key, MonthDay, Note string
}

var reportSettingKeys = []struct{ Key, Label string }{
	{report.SetSubmitBy, "报送党委和上级政府"},
	{report.SetPublishBy, "向社会公开"},
}

// handleReportSettings shows the report dates in force in each region of
// the scope (the national rules unless a region set its own) and the form
// to set a region's date.
func (s *Server) handleReportSettings(w http.ResponseWriter, r *http.Request) {
	s.reportSettingsPage(w, r, http.StatusOK, "", reportSettingForm{})
}

func (s *Server) reportSettingsPage(w http.ResponseWriter, r *http.Request, status int, msg string, form reportSettingForm) {
	regions, err := s.scopeRegions(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range regions {
		for _, k := range reportSettingKeys {
			set, err := s.Reports.Setting(r.Context(), regions[i].Code, k.Key)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			regions[i].Settings = append(regions[i].Settings, set)
		}
	}
	var national []report.DateSetting
	for _, k := range reportSettingKeys {
		set, err := s.Reports.Setting(r.Context(), "", k.Key)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		national = append(national, set)
	}
	if form.Region == "" && len(regions) > 0 {
		form.Region = regions[0].Code
	}
	d := reportSettingsData{National: national, Regions: regions, Keys: reportSettingKeys, Form: form, Year: s.Reports.Now().In(cst).Year() - 1}
	v := s.view(r, "年度报告期限设置", d)
	v.Error = msg
	s.render(w, status, "report_settings", v)
}

// scopeRegions lists the regions of the user's scope: the scope unit's
// own (or inherited) region first, then those of the units under it.
func (s *Server) scopeRegions(r *http.Request) ([]reportRegion, error) {
	u := httpx.User(r)
	var codes []string
	seen := map[string]bool{}
	add := func(code string) {
		if len(code) >= 6 && !seen[code] {
			seen[code] = true
			codes = append(codes, code)
		}
	}
	if s.Deadlines != nil {
		code, err := s.Deadlines.RegionOfUnit(r.Context(), u.ScopeUnitID)
		if err != nil {
			return nil, err
		}
		add(code)
	}
	units, err := s.Org.List(r.Context(), org.ListFilter{RootID: u.ScopeUnitID, Status: org.ActiveOnly})
	if err != nil {
		return nil, err
	}
	for _, un := range units {
		add(un.RegionCode)
	}
	out := make([]reportRegion, 0, len(codes))
	for _, c := range codes {
		name := c
		if reg, err := s.Org.GetRegion(r.Context(), c); err == nil {
			name = reg.Name
		}
		out = append(out, reportRegion{Code: c, Name: name})
	}
	return out, nil
}
