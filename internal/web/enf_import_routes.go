package web

import "fazhi/internal/httpx"

// enfImportRoutes are the case and officer import pages.
func (s *Server) enfImportRoutes() []httpx.Route { return nil }
