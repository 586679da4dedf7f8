// Package web serves the Chinese browser UI: routes, middleware, one file per
// page or action, embedded templates and static files. It never writes SQL:
// it calls the capability packages.
package web

import (
	"log/slog"
	"net/http"
	"sort"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/jobs"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// Deps are the services the UI calls.
type Deps struct {
	DB         *store.DB
	Auth       *auth.Service
	Audit      *audit.Logger
	Org        *org.Service
	Attach     *attach.Store
	Jobs       *jobs.Runner
	JobKinds   []JobKind // maintenance jobs a user may start
	Log        *slog.Logger
	Version    string
	TrustProxy bool // take the client address from X-Forwarded-For
	CalendarDeps
	PlanDeps
	SuperviseDeps
	LedgerDeps
	IndicatorDeps
	ReportDeps
	EnforceDeps
	// Extra routes mounted by other packages (the JSON API), covered by the
	// same permission checks and the same route matrix test.
	Extra []httpx.Route
}

// Server is the web application.
type Server struct {
	Deps
	tmpl   *templates
	routes []httpx.Route
}

// New builds the server and its route table.
func New(d Deps) (*Server, error) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	t, err := loadTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{Deps: d, tmpl: t}
	s.routes = s.pageRoutes()
	for _, more := range [][]httpx.Route{s.calendarRoutes(), s.planRoutes(), s.superviseRoutes(), s.ledgerRoutes(), s.indicatorRoutes(), s.reportRoutes(), s.enforceRoutes(), d.Extra} {
		s.routes = append(s.routes, more...)
	}
	return s, nil
}

// Routes returns the full route table (UI and mounted API).
func (s *Server) Routes() []httpx.Route {
	out := append([]httpx.Route(nil), s.routes...)
	sort.Slice(out, func(i, j int) bool { return out[i].Key() < out[j].Key() })
	return out
}

// pageRoutes is the UI's route table: every route names its permission.
func (s *Server) pageRoutes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Pattern: "/static/", Public: true, Handler: s.handleStatic},
		{Method: "GET", Pattern: "/healthz", Public: true, Handler: s.handleHealth},
		{Method: "GET", Pattern: "/public", Public: true, Handler: s.handlePublicIndex},
		{Method: "GET", Pattern: "/login", Public: true, Handler: s.handleLoginForm},
		{Method: "POST", Pattern: "/login", Public: true, Handler: s.handleLogin},
		{Method: "POST", Pattern: "/logout", Perm: auth.PermHome, Handler: s.handleLogout},
		{Method: "GET", Pattern: "/{$}", Perm: auth.PermHome, Handler: s.handleHome},
		{Method: "GET", Pattern: "/password", Perm: auth.PermHome, Handler: s.handlePasswordForm},
		{Method: "POST", Pattern: "/password", Perm: auth.PermHome, Handler: s.handlePassword},
		{Method: "GET", Pattern: "/tokens", Perm: auth.PermHome, Handler: s.handleTokens},
		{Method: "POST", Pattern: "/tokens", Perm: auth.PermHome, Handler: s.handleTokenCreate},
		{Method: "POST", Pattern: "/tokens/{id}/revoke", Perm: auth.PermHome, Handler: s.handleTokenRevoke},

		{Method: "GET", Pattern: "/admin/units", Perm: auth.PermUnitView, Handler: s.handleUnits},
		{Method: "GET", Pattern: "/admin/units/export.xlsx", Perm: auth.PermUnitView, Handler: s.handleUnitsExport},
		{Method: "GET", Pattern: "/admin/units/new", Perm: auth.PermUnitManage, Handler: s.handleUnitNewForm},
		{Method: "POST", Pattern: "/admin/units", Perm: auth.PermUnitManage, Handler: s.handleUnitCreate},
		{Method: "GET", Pattern: "/admin/units/{id}", Perm: auth.PermUnitView, Handler: s.handleUnit},
		{Method: "POST", Pattern: "/admin/units/{id}", Perm: auth.PermUnitManage, Handler: s.handleUnitUpdate},
		{Method: "POST", Pattern: "/admin/units/{id}/move", Perm: auth.PermUnitManage, Handler: s.handleUnitMove},
		{Method: "POST", Pattern: "/admin/units/{id}/merge", Perm: auth.PermUnitManage, Handler: s.handleUnitMerge},
		{Method: "POST", Pattern: "/admin/units/{id}/active", Perm: auth.PermUnitManage, Handler: s.handleUnitActive},

		{Method: "GET", Pattern: "/admin/users", Perm: auth.PermUserView, Handler: s.handleUsers},
		{Method: "GET", Pattern: "/admin/users/export.xlsx", Perm: auth.PermUserView, Handler: s.handleUsersExport},
		{Method: "GET", Pattern: "/admin/users/new", Perm: auth.PermUserManage, Handler: s.handleUserNewForm},
		{Method: "POST", Pattern: "/admin/users", Perm: auth.PermUserManage, Handler: s.handleUserCreate},
		{Method: "GET", Pattern: "/admin/users/{id}", Perm: auth.PermUserView, Handler: s.handleUserEditForm},
		{Method: "POST", Pattern: "/admin/users/{id}", Perm: auth.PermUserManage, Handler: s.handleUserUpdate},
		{Method: "POST", Pattern: "/admin/users/{id}/password", Perm: auth.PermUserManage, Handler: s.handleUserResetPassword},
		{Method: "POST", Pattern: "/admin/users/{id}/roles", Perm: auth.PermRoleAssign, Handler: s.handleUserRoles},
		{Method: "POST", Pattern: "/admin/users/{id}/unlock", Perm: auth.PermRoleAssign, Handler: s.handleUserUnlock},

		{Method: "GET", Pattern: "/attachments", Perm: auth.PermAttachView, Handler: s.handleAttachments},
		{Method: "POST", Pattern: "/attachments", Perm: auth.PermAttachUpload, Handler: s.handleAttachmentUpload},
		{Method: "GET", Pattern: "/attachments/{id}", Perm: auth.PermAttachView, Handler: s.handleAttachmentDownload},
		{Method: "POST", Pattern: "/attachments/{id}/verify", Perm: auth.PermAttachView, Handler: s.handleAttachmentVerify},
		{Method: "POST", Pattern: "/attachments/{id}/delete", Perm: auth.PermAttachUpload, Handler: s.handleAttachmentDelete},

		{Method: "GET", Pattern: "/jobs", Perm: auth.PermJobView, Handler: s.handleJobs},
		{Method: "POST", Pattern: "/jobs", Perm: auth.PermJobRun, Handler: s.handleJobStart},
		{Method: "GET", Pattern: "/jobs/{id}", Perm: auth.PermJobView, Handler: s.handleJob},

		{Method: "GET", Pattern: "/audit", Perm: auth.PermAuditView, Handler: s.handleAudit},
		{Method: "GET", Pattern: "/audit/export.xlsx", Perm: auth.PermAuditView, Handler: s.handleAuditExport},
		{Method: "POST", Pattern: "/audit/verify", Perm: auth.PermAuditView, Handler: s.handleAuditVerify},
	}
}

// Handler returns the whole application with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Key(), s.guard(rt))
	}
	mux.Handle("/", s.withSession(http.HandlerFunc(s.handleNotFound)))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.handleCrossOrigin))
	return s.recoverer(securityHeaders(cop.Handler(mux)))
}
