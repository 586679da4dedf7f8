package web

import "fazhi/internal/httpx"

// IndicatorDeps are the services the indicator and assessment pages use.
type IndicatorDeps struct{}

// indicatorRoutes are the indicator and assessment pages.
func (s *Server) indicatorRoutes() []httpx.Route { return nil }
