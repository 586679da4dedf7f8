package web

import (
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
)

// enfImportRoutes are the case and officer import pages: upload, the
// check's preview with every error, confirmation, and the batch history.
func (s *Server) enfImportRoutes() []httpx.Route {
	p := auth.PermEnforceImport
	return []httpx.Route{
		{Method: "GET", Pattern: "/enforcement/imports", Perm: p, Handler: s.handleEnfImports},
		{Method: "POST", Pattern: "/enforcement/imports", Perm: p, Handler: s.handleEnfImportUpload},
		{Method: "GET", Pattern: "/enforcement/imports/template.xlsx", Perm: p, Handler: s.handleEnfImportTemplate},
		{Method: "GET", Pattern: "/enforcement/imports/{id}", Perm: p, Handler: s.handleEnfImport},
		{Method: "GET", Pattern: "/enforcement/imports/{id}/errors.xlsx", Perm: p, Handler: s.handleEnfImportErrors},
		{Method: "POST", Pattern: "/enforcement/imports/{id}/confirm", Perm: p, Handler: s.handleEnfImportConfirm},
		{Method: "POST", Pattern: "/enforcement/imports/{id}/discard", Perm: p, Handler: s.handleEnfImportDiscard},
	}
}
