package web

import "fazhi/internal/httpx"

// CalendarDeps are the calendar and deadline services the calendar pages use.
type CalendarDeps struct{}

// calendarRoutes are the calendar pages: month view, deadline calculator,
// holiday notice import.
func (s *Server) calendarRoutes() []httpx.Route { return nil }
