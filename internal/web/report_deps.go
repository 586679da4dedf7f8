package web

import (
	"net/http"

	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/report"
)

// ReportDeps are the services the annual report pages use.
type ReportDeps struct {
	Reports *report.Service
}

// reportRoutes are the annual report pages (drafting, the sections with
// their history, 报送 and 公开, exports, the region's dates) and the public
// report portal. Without the service there are none.
func (s *Server) reportRoutes() []httpx.Route {
	if s.Reports == nil {
		return nil
	}
	view, edit, publish := auth.PermReportView, auth.PermReportEdit, auth.PermReportPublish
	pub := func(pattern string, h http.HandlerFunc) httpx.Route {
		return httpx.Route{Method: "GET", Pattern: pattern, Public: true, Handler: h}
	}
	return []httpx.Route{
		{Method: "GET", Pattern: "/reports", Perm: view, Handler: s.handleReports},
		{Method: "POST", Pattern: "/reports", Perm: edit, Handler: s.handleReportCreate},
		{Method: "GET", Pattern: "/reports/settings", Perm: publish, Handler: s.handleReportSettings},
		{Method: "POST", Pattern: "/reports/settings", Perm: publish, Handler: s.handleReportSettingSave},
		{Method: "GET", Pattern: "/reports/{id}", Perm: view, Handler: s.handleReport},
		{Method: "GET", Pattern: "/reports/{id}/export/{format}", Perm: view, Handler: s.handleReportExport},
		{Method: "POST", Pattern: "/reports/{id}/meta", Perm: edit, Handler: s.handleReportMeta},
		{Method: "POST", Pattern: "/reports/{id}/dates", Perm: edit, Handler: s.handleReportDates},
		{Method: "POST", Pattern: "/reports/{id}/refresh", Perm: edit, Handler: s.handleReportRefresh},
		{Method: "POST", Pattern: "/reports/{id}/submit", Perm: edit, Handler: s.handleReportSubmit},
		{Method: "POST", Pattern: "/reports/{id}/publish", Perm: publish, Handler: s.handleReportPublish},
		{Method: "POST", Pattern: "/reports/{id}/withdraw", Perm: publish, Handler: s.handleReportWithdraw},
		{Method: "GET", Pattern: "/reports/{id}/sections/{key}", Perm: edit, Handler: s.handleReportSection},
		{Method: "POST", Pattern: "/reports/{id}/sections/{key}", Perm: edit, Handler: s.handleReportSectionSave},
		{Method: "POST", Pattern: "/reports/{id}/sections/{key}/redraft", Perm: edit, Handler: s.handleReportRedraft},
		{Method: "GET", Pattern: "/reports/{id}/sections/{key}/history", Perm: view, Handler: s.handleReportHistory},
		{Method: "POST", Pattern: "/reports/{id}/sections/{key}/restore", Perm: edit, Handler: s.handleReportRestore},
		pub("/public/reports", s.handlePublicReports),
		pub("/public/reports/{id}", s.handlePublicReport),
		pub("/public/reports/{id}/export/{format}", s.handlePublicReportExport),
	}
}

// reportInScope loads the report of the path; a report outside the user's
// scope is not found (its existence is not disclosed).
func (s *Server) reportInScope(r *http.Request) (report.Report, error) {
	id, err := pathID(r)
	if err != nil {
		return report.Report{}, err
	}
	rep, err := s.Reports.Get(r.Context(), id)
	if err != nil {
		return rep, err
	}
	if !httpx.User(r).InScope(rep.UnitPath) {
		return rep, httpx.ErrNotFound
	}
	return rep, nil
}

// reportPath is a report's page, with an optional anchor or sub-path.
func reportPath(id int64, rest string) string { return "/reports/" + itoa(id) + rest }

// reportToday is today's date in China as an ISO date, by the report
// service's clock.
func (s *Server) reportToday() string { return s.Reports.Now().In(cst).Format("2006-01-02") }
