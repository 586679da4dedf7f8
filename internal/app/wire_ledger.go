package app

import "fazhi/internal/web"

// wireLedger builds the ledger services and hands them to the web UI.
func (a *App) wireLedger(d *web.Deps) error { return nil }
