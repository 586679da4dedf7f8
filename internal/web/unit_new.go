package web

import (
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/httpx"
	"fazhi/internal/org"
)

type unitFormData struct {
	Unit     org.Unit
	Fields   org.UnitFields
	ParentID int64
	Units    []unitChoice
	Levels   []org.Option
	OrgTypes []org.Option
	ErrField string
}

func unitFieldsFrom(r *http.Request) org.UnitFields {
	sort, _ := strconv.Atoi(r.PostFormValue("sort_order"))
	var aliases []string
	for _, a := range strings.FieldsFunc(r.PostFormValue("aliases"), func(c rune) bool { return c == '\n' || c == '、' || c == ',' || c == '，' }) {
		if a = strings.TrimSpace(a); a != "" {
			aliases = append(aliases, a)
		}
	}
	return org.UnitFields{Name: r.PostFormValue("name"), ShortName: r.PostFormValue("short_name"), Aliases: aliases,
		Level: org.Level(r.PostFormValue("level")), OrgType: org.OrgType(r.PostFormValue("org_type")),
		CreditCode: r.PostFormValue("credit_code"), RegionCode: r.PostFormValue("region_code"), SortOrder: sort,
		Note: r.PostFormValue("note")}
}

func (s *Server) unitNewPage(w http.ResponseWriter, r *http.Request, status int, d unitFormData, err error) {
	units, uerr := s.unitChoices(r)
	if uerr != nil {
		s.fail(w, r, uerr)
		return
	}
	d.Units, d.Levels, d.OrgTypes = units, org.LevelOptions(), org.OrgTypeOptions()
	v := s.view(r, "新建单位", d)
	if err != nil {
		v.Error = httpx.Classify(err).Message
		if oe, ok := err.(*org.Error); ok {
			d.ErrField = oe.Field
		}
	}
	s.render(w, status, "unit_new", v)
}

func (s *Server) handleUnitNewForm(w http.ResponseWriter, r *http.Request) {
	parent, _ := strconv.ParseInt(r.URL.Query().Get("parent"), 10, 64)
	s.unitNewPage(w, r, http.StatusOK, unitFormData{ParentID: parent,
		Fields: org.UnitFields{Level: org.LevelDepartment, OrgType: org.OrgAdminOrgan}}, nil)
}

func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request) {
	d := unitFormData{Fields: unitFieldsFrom(r), ParentID: formID(r, "parent_id")}
	// New units go under a unit of the user's scope; only a user whose scope
	// is a root may create another root (parent 0 is refused otherwise).
	if d.ParentID == 0 {
		d.ParentID = -1
	}
	if err := s.checkUnitInScope(r, max(d.ParentID, 0)); err != nil || d.ParentID < 0 {
		if err == nil {
			err = httpx.Invalid("请选择上级单位")
		}
		s.unitNewPage(w, r, httpx.Classify(err).Status, d, err)
		return
	}
	u, err := s.Org.Create(r.Context(), d.ParentID, d.Fields)
	if err != nil {
		if httpx.Classify(err).Status >= 500 {
			s.fail(w, r, err)
			return
		}
		s.unitNewPage(w, r, httpx.Classify(err).Status, d, err)
		return
	}
	flashRedirect(w, r, "/admin/units/"+itoa(u.ID), "单位“"+u.Name+"”已创建")
}
