package web

import "fazhi/internal/httpx"

// PlanDeps are the services the plan pages use.
type PlanDeps struct{}

// planRoutes are the plan import and plan pages.
func (s *Server) planRoutes() []httpx.Route { return nil }
