package web

import "fazhi/internal/httpx"

// enfSuperviseRoutes are the 案卷评查, 两法衔接, complaints and 统计年报 pages.
func (s *Server) enfSuperviseRoutes() []httpx.Route { return nil }
