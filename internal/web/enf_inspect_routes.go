package web

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

// enfInspectRoutes are the 行政检查 pages: records counted in 户次.
func (s *Server) enfInspectRoutes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Pattern: "/enforcement/inspections", Perm: auth.PermEnforceView, Handler: s.handleInspections},
		{Method: "POST", Pattern: "/enforcement/inspections", Perm: auth.PermCaseHandle, Handler: s.handleInspectionCreate},
		{Method: "GET", Pattern: "/enforcement/inspections/export.xlsx", Perm: auth.PermEnforceView, Handler: s.handleInspectionsExport},
	}
}

type inspectionsData struct {
	List      []enforcement.Inspection
	Totals    enforcement.InspectionTotals
	Year      int
	Units     []unitChoice
	UnitID    int64
	Items     []enforcement.Item
	Results   []string
	Form      enforcement.InspectionInput
	CanRecord bool
	Query     string
}

// inspectionFilter reads the list filter (year, unit) within the user's scope.
func inspectionFilter(r *http.Request) enforcement.InspectionFilter {
	f := enforcement.InspectionFilter{Scope: httpx.User(r).ScopePath, Year: time.Now().In(cst).Year()}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		f.Year = y
	}
	f.UnitID, _ = strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	return f
}

// handleInspections lists the scope's inspections of a year with their
// 户次 and 掌上执法 share, and the form to record one.
func (s *Server) handleInspections(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	s.inspectionsPage(w, r, http.StatusOK, enforcement.InspectionInput{UnitID: u.UnitID, Visits: 1,
		InspectedOn: time.Now().In(cst).Format(time.DateOnly), Result: enforcement.InspectionResults[0], Mobile: true}, "")
}

func (s *Server) inspectionsPage(w http.ResponseWriter, r *http.Request, status int, form enforcement.InspectionInput, msg string) {
	f := inspectionFilter(r)
	list, totals, err := s.Enforcement.Inspections(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.unitChoices(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := inspectionsData{List: list, Totals: totals, Year: f.Year, Units: units, UnitID: f.UnitID,
		Results: enforcement.InspectionResults, Form: form, CanRecord: httpx.User(r).Can(auth.PermCaseHandle), Query: r.URL.RawQuery}
	if d.CanRecord && form.UnitID != 0 {
		if d.Items, err = s.Enforcement.CurrentItems(r.Context(), form.UnitID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v := s.view(r, "行政检查", d)
	v.Error = msg
	s.render(w, status, "enf_inspections", v)
}

// handleInspectionCreate records an inspection of a unit in the user's scope.
func (s *Server) handleInspectionCreate(w http.ResponseWriter, r *http.Request) {
	visits, _ := strconv.Atoi(r.PostFormValue("visits"))
	in := enforcement.InspectionInput{UnitID: formID(r, "unit_id"), ItemID: formID(r, "item_id"), InspectedOn: r.PostFormValue("inspected_on"),
		Target: r.PostFormValue("target"), Visits: visits, Mobile: enfFormBool(r, "mobile"), Result: r.PostFormValue("result")}
	err := s.checkUnitInScope(r, in.UnitID)
	if err == nil {
		_, err = s.Enforcement.RecordInspection(r.Context(), in)
	}
	if err != nil {
		if ae := s.formError(w, r, err); ae != nil {
			s.inspectionsPage(w, r, ae.Status, in, ae.Message)
		}
		return
	}
	flashRedirect(w, r, "/enforcement/inspections", "已登记行政检查："+strconv.Itoa(in.Visits)+"户次")
}

// handleInspectionsExport downloads the selection (up to 100 000 rows).
func (s *Server) handleInspectionsExport(w http.ResponseWriter, r *http.Request) {
	f := inspectionFilter(r)
	f.Limit = 100000
	list, totals, err := s.Enforcement.Inspections(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t := xlsx.Table{Sheet: "行政检查", Headers: []string{"检查日期", "检查单位", "执法事项", "检查对象", "户次", "掌上执法", "检查结果"},
		Widths: []float64{12, 28, 36, 30, 8, 10, 14}}
	for _, x := range list {
		mobile := "否"
		if x.Mobile {
			mobile = "是"
		}
		t.Rows = append(t.Rows, []any{x.InspectedOn, x.UnitName, x.ItemName, x.Target, x.Visits, mobile, x.Result})
	}
	t.Rows = append(t.Rows, []any{"合计", "", "", strconv.Itoa(totals.Records) + "条记录", totals.Visits, strconv.Itoa(totals.MobileVisits) + "户次", ""})
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "行政检查-"+strconv.Itoa(f.Year)+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
