package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"fazhi/internal/auth"
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
	"fazhi/internal/xlsx"
)

type enfOfficersData struct {
	F          enfOfficerQuery
	Units      []unitChoice
	Statuses   []enforcement.OfficerStatus
	Officers   []enfOfficerRow
	Met        int // officers whose year's hours reach the requirement
	Expiring   []enforcement.CertExpiry
	Window     int
	Rates      []enforcement.CertRate
	Total      enforcement.CertRate
	Definition string
	Source     string
	Today      string
	CanManage  bool
	ScopeName  string
	ExportURL  string
}

type enfOfficerRow struct {
	enforcement.Officer
	Training enforcement.TrainingStatus
	Expired  bool
}

type enfOfficerQuery struct {
	Unit   int64
	Status string
	Q      string
	Year   int
}

func (s *Server) enfOfficerQuery(r *http.Request) (enfOfficerQuery, error) {
	q := r.URL.Query()
	f := enfOfficerQuery{Status: q.Get("status"), Q: strings.TrimSpace(q.Get("q"))}
	if v := q.Get("unit"); v != "" {
		id, err := s.enfUnitParam(r, v)
		if err != nil {
			return f, err
		}
		f.Unit = id
	}
	f.Year, _ = strconv.Atoi(s.enfToday()[:4])
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2000 || y > f.Year+1 {
			return f, httpx.Invalid("年度参数不正确")
		}
		f.Year = y
	}
	return f, nil
}

func (f enfOfficerQuery) filter(scope string) enforcement.OfficerFilter {
	return enforcement.OfficerFilter{Scope: scope, UnitID: f.Unit, Status: enforcement.OfficerStatus(f.Status), Query: f.Q}
}

func (f enfOfficerQuery) encode() string {
	v := make([]string, 0, 4)
	if f.Unit != 0 {
		v = append(v, "unit="+itoa(f.Unit))
	}
	if f.Status != "" {
		v = append(v, "status="+urlQueryEscape(f.Status))
	}
	if f.Q != "" {
		v = append(v, "q="+urlQueryEscape(f.Q))
	}
	v = append(v, "year="+itoa(f.Year))
	return strings.Join(v, "&")
}

// handleEnfOfficers lists the officers of the user's scope with their
// year's training against the requirement, the certificates about to
// expire, and 持证率 per unit.
func (s *Server) handleEnfOfficers(w http.ResponseWriter, r *http.Request) {
	u := httpx.User(r)
	f, err := s.enfOfficerQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, err := s.enfOfficerRows(r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := enfOfficersData{F: f, Officers: rows, Window: enforcement.ExpiryWindowDays, Today: s.enfToday(),
		Statuses:   []enforcement.OfficerStatus{enforcement.OfficerActive, enforcement.OfficerSuspended, enforcement.OfficerRevoked},
		Definition: enforcement.CertRateDefinition, Source: enforcement.CertRateSource,
		CanManage: u.Can(auth.PermEnforceManage), ScopeName: u.ScopeName, ExportURL: "/enforcement/officers/export.xlsx?" + f.encode()}
	if d.Units, err = s.unitChoices(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Expiring, err = s.Enforcement.ExpiringCerts(r.Context(), u.ScopePath, enforcement.ExpiryWindowDays); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Rates, err = s.Enforcement.CertRates(r.Context(), u.ScopePath, d.Today); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Total = enforcement.CertRateTotal(d.Rates)
	for _, o := range rows {
		if o.Training.Met() {
			d.Met++
		}
	}
	s.render(w, http.StatusOK, "enf_officers", s.view(r, "执法人员", d))
}

func (s *Server) enfOfficerRows(r *http.Request, f enfOfficerQuery) ([]enfOfficerRow, error) {
	officers, err := s.Enforcement.Officers(r.Context(), f.filter(httpx.User(r).ScopePath))
	if err != nil {
		return nil, err
	}
	st, err := s.Enforcement.TrainingStatuses(r.Context(), officers, f.Year)
	if err != nil {
		return nil, err
	}
	today := s.enfToday()
	out := make([]enfOfficerRow, len(officers))
	for i, o := range officers {
		out[i] = enfOfficerRow{Officer: o, Training: st[o.ID], Expired: o.ValidUntil != "" && o.ValidUntil < today}
	}
	return out, nil
}

// handleEnfOfficersExport sends the filtered list as XLSX, 身份证号 and
// phone masked whoever asks.
func (s *Server) handleEnfOfficersExport(w http.ResponseWriter, r *http.Request) {
	f, err := s.enfOfficerQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, err := s.enfOfficerRows(r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	y := itoa(f.Year)
	t := xlsx.Table{Sheet: "执法人员", Headers: []string{"单位", "执法主体", "姓名", "性别", "身份证号", "联系电话", "职务",
		"执法证号", "发证机关", "执法类别/区域", "发证日期", "有效期至", "状态", "状态说明", y + "年学时", "学时要求", "是否达标"},
		Widths: []float64{26, 26, 10, 6, 22, 16, 12, 18, 22, 24, 12, 12, 8, 20, 10, 10, 10}}
	for _, o := range rows {
		t.Rows = append(t.Rows, []any{o.UnitName, o.SubjectName, o.Name, o.Sex, o.IDMasked, o.PhoneMasked, o.Position,
			o.CertNo, o.CertAuthority, o.LawArea, o.IssuedOn, o.ValidUntil, o.Status.Label(), o.StatusNote,
			o.Training.Hours, o.Training.Required.Value, o.Training.Label()})
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "执法人员.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
