package web

import "fazhi/internal/httpx"

// LedgerDeps are the services the ledger pages use.
type LedgerDeps struct{}

// ledgerRoutes are the ledger pages.
func (s *Server) ledgerRoutes() []httpx.Route { return nil }
