package web

import (
	"fazhi/internal/auth"
	"fazhi/internal/httpx"
	"fazhi/internal/ledger"
	"fazhi/internal/metric"
)

// LedgerDeps are the services the ledger and metric pages use.
type LedgerDeps struct {
	Ledger  *ledger.Service
	Metrics *metric.Registry
}

// MetricRegistry returns the application's metric registry, creating it on
// first use, so capabilities wired in any order register into the same one.
func (d *LedgerDeps) MetricRegistry() *metric.Registry {
	if d.Metrics == nil {
		d.Metrics = metric.New()
	}
	return d.Metrics
}

// maxLedgerUpload caps an uploaded ledger workbook.
const maxLedgerUpload = 10 << 20

// ledgerRoutes are the yearly ledger (台账) and the metric registry pages.
// Without the ledger service there are none.
func (s *Server) ledgerRoutes() []httpx.Route {
	if s.Ledger == nil {
		return nil
	}
	view, edit := auth.PermLedgerView, auth.PermLedgerEdit
	return []httpx.Route{
		{Method: "GET", Pattern: "/ledger", Perm: view, Handler: s.handleLedger},
		{Method: "POST", Pattern: "/ledger", Perm: edit, Handler: s.handleLedgerSave},
		{Method: "GET", Pattern: "/ledger/export.xlsx", Perm: view, Handler: s.handleLedgerExport},
		{Method: "POST", Pattern: "/ledger/import", Perm: edit, Handler: s.handleLedgerImport},
		{Method: "GET", Pattern: "/metrics", Perm: view, Handler: s.handleMetrics},
	}
}
