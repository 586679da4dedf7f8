package web

import "fazhi/internal/httpx"

// caseRoutes are the case pages: list, new, steps, evidence, 文书, 案卷 PDF, inspections.
func (s *Server) caseRoutes() []httpx.Route { return nil }
