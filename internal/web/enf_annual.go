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

// enfAnnualRoutes are the 行政执法统计年报 page and its XLSX.
func (s *Server) enfAnnualRoutes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Pattern: "/enforcement/stats", Perm: auth.PermEnforceStats, Handler: s.handleEnfAnnual},
		{Method: "GET", Pattern: "/enforcement/stats/export.xlsx", Perm: auth.PermEnforceStats, Handler: s.handleEnfAnnualExport},
	}
}

func (s *Server) enfAnnualReport(r *http.Request) (enforcement.RecordReport, error) {
	year := time.Now().In(cst).Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		year = y
	}
	return s.Enforcement.RecordStats(r.Context(), httpx.User(r).ScopePath, year)
}

// handleEnfAnnual shows the scope's 统计年报 by unit and category.
func (s *Server) handleEnfAnnual(w http.ResponseWriter, r *http.Request) {
	rep, err := s.enfAnnualReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "enf_annual", s.view(r, "行政执法统计年报", map[string]any{"Rep": rep, "Scope": httpx.User(r).ScopeName}))
}

// annualHeaders is the column layout of the 统计年报 table.
var annualHeaders = []string{"填报单位", "执法类别", "立案（件）", "作出处罚决定（件）", "其中简易程序", "不予处罚（件）", "移送（件）",
	"听证（次）", "重大执法决定（件）", "其中经法制审核", "决定被撤销（件）", "罚没金额（万元）", "检查户次", "其中掌上执法户次"}

func annualCells(r enforcement.RecordRow) []any {
	cat := r.Category.Label()
	if r.UnitName == "合计" {
		cat = ""
	}
	return []any{r.UnitName, cat, r.Filed, r.Penalties, r.Simple, r.NoPenalty, r.Transferred, r.Hearings, r.Major, r.Reviewed,
		r.Revoked, r.Fines(), r.Inspections, r.MobileVisits}
}

// handleEnfAnnualExport downloads the 统计年报 laid out like the yearly
// statistics table: title, 填报单位 and 统计年度, one row per unit and
// category, the total.
func (s *Server) handleEnfAnnualExport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.enfAnnualReport(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := httpx.User(r)
	t := xlsx.Table{Sheet: "行政执法统计年报", Headers: annualHeaders,
		Widths: []float64{28, 12, 10, 14, 12, 12, 10, 10, 14, 14, 14, 14, 10, 14}}
	t.Rows = append(t.Rows, []any{"行政执法统计年报（" + strconv.Itoa(rep.Year) + "年度）"}, []any{"填报单位：" + u.ScopeName,
		"统计年度：" + strconv.Itoa(rep.Year), "", "", "", "", "", "", "", "", "", "", "制表日期：" + time.Now().In(cst).Format("2006年1月2日")})
	for _, row := range rep.Rows {
		t.Rows = append(t.Rows, annualCells(row))
	}
	t.Rows = append(t.Rows, annualCells(rep.Total))
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, t); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, "行政执法统计年报-"+strconv.Itoa(rep.Year)+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
