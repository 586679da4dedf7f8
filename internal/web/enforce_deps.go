package web

import (
	"fazhi/internal/enforcement"
	"fazhi/internal/httpx"
)

// EnforceDeps are the services the enforcement pages use.
type EnforceDeps struct {
	Enforcement *enforcement.Service
}

// enforceRoutes gathers the enforcement pages, each part in its own file.
// Without the enforcement service there are none.
func (s *Server) enforceRoutes() []httpx.Route {
	if s.Enforcement == nil {
		return nil
	}
	var out []httpx.Route
	for _, part := range [][]httpx.Route{s.enfRegistryRoutes(), s.caseRoutes(), s.portalRoutes(),
		s.enfSuperviseRoutes(), s.enfImportRoutes(), s.enfInspectRoutes(), s.enfAnnualRoutes(), s.enfReviewRoutes()} {
		out = append(out, part...)
	}
	return out
}
