package web

import (
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

// caseRoutes are the case pages: list, 立案, the case with its timeline and
// the next steps, publication.
func (s *Server) caseRoutes() []httpx.Route {
	view, handle := auth.PermEnforceView, auth.PermCaseHandle
	return []httpx.Route{
		{Method: "GET", Pattern: "/cases", Perm: view, Handler: s.handleCases},
		{Method: "GET", Pattern: "/cases/export.xlsx", Perm: view, Handler: s.handleCasesExport},
		{Method: "GET", Pattern: "/cases/new", Perm: handle, Handler: s.handleCaseNew},
		{Method: "POST", Pattern: "/cases", Perm: handle, Handler: s.handleCaseCreate},
		{Method: "GET", Pattern: "/cases/{id}", Perm: view, Handler: s.handleCase},
		{Method: "POST", Pattern: "/cases/{id}/steps", Perm: view, Handler: s.handleCaseStep},
		{Method: "POST", Pattern: "/cases/{id}/publish", Perm: handle, Handler: s.handleCasePublish},
		{Method: "POST", Pattern: "/cases/{id}/documents", Perm: handle, Handler: s.handleCaseDocIssue},
		{Method: "GET", Pattern: "/cases/{id}/documents/{doc}", Perm: view, Handler: s.handleCaseDocDownload},
		{Method: "POST", Pattern: "/cases/{id}/evidence", Perm: handle, Handler: s.handleCaseEvidence},
		{Method: "GET", Pattern: "/cases/{id}/file.pdf", Perm: view, Handler: s.handleCaseFile},
	}
}
