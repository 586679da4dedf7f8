package web

import "fazhi/internal/httpx"

// SuperviseDeps are the services the supervise pages use.
type SuperviseDeps struct{}

// superviseRoutes are the supervise pages.
func (s *Server) superviseRoutes() []httpx.Route { return nil }
