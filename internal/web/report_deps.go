package web

import "fazhi/internal/httpx"

// ReportDeps are the services the annual report pages use.
type ReportDeps struct{}

// reportRoutes are the annual report pages and the public report portal.
func (s *Server) reportRoutes() []httpx.Route { return nil }
