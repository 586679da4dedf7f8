package web

import "fazhi/internal/httpx"

// enfRegistryRoutes are the 执法主体, 执法人员, 学时, 权责清单 and 裁量基准 pages.
func (s *Server) enfRegistryRoutes() []httpx.Route { return nil }
