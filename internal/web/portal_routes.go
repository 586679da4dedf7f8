package web

import "fazhi/internal/httpx"

// portalRoutes are the public 公示 portal pages (no login).
func (s *Server) portalRoutes() []httpx.Route { return nil }
