package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/httpx"
)

// regionForm is the regional holiday form as typed.
type regionForm struct {
	Code, Name, Source, Days string
}

type regionRow struct {
	deadline.RegionHolidays
	DaysText string
}

type calendarRegionsData struct {
	Tabs    []calTab
	List    []regionRow
	Regions []valueLabel
	Form    regionForm
	CanEdit bool
}

func (s *Server) handleCalendarRegions(w http.ResponseWriter, r *http.Request) {
	f := regionForm{Code: r.URL.Query().Get("code")}
	s.regionsPage(w, r, http.StatusOK, nil, f)
}

// regionsPage lists the regions with holidays of their own and the form to
// set them; a region named by ?code= is loaded into the form.
func (s *Server) regionsPage(w http.ResponseWriter, r *http.Request, status int, err error, f regionForm) {
	list, lerr := s.Deadlines.Regions(r.Context())
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	regions, lerr := s.Org.ListRegions(r.Context())
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	d := calendarRegionsData{Tabs: s.calTabs(r, "/calendar/regions"), Form: f,
		CanEdit: httpx.User(r).Can(auth.PermCalendarEdit)}
	for _, rh := range list {
		row := regionRow{RegionHolidays: rh, DaysText: deadline.FormatRegionDays(rh.Days)}
		d.List = append(d.List, row)
		if err == nil && rh.Code == f.Code {
			d.Form = regionForm{Code: rh.Code, Name: rh.Name, Source: rh.Source, Days: row.DaysText}
		}
	}
	for _, rg := range regions {
		d.Regions = append(d.Regions, valueLabel{rg.Code, rg.Name + "（" + rg.Code + "）"})
		if d.Form.Code == rg.Code && d.Form.Name == "" {
			d.Form.Name = rg.Name
		}
	}
	v := s.view(r, "地方节假日", d)
	if err != nil {
		v.Error = httpx.Classify(err).Message
	}
	s.render(w, status, "calendar_regions", v)
}
