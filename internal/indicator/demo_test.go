package indicator_test

import (
	"context"
	"path/filepath"
	"testing"

	"fazhi/internal/app"
	"fazhi/internal/auth"
	"fazhi/internal/demo"
)

// TestDemoIndicators seeds the demo county with its ledger and checks that
// the demo tree imports against the app's metric registry and its round ranks.
func TestDemoIndicators(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the demo county")
	}
	auth.CheapHashingForTests()
	ctx := context.Background()
	dir := t.TempDir()
	cfg := app.FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "t.db"), filepath.Join(dir, "data")
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	s := &demo.Seeder{DB: a.DB, Org: a.Org, Auth: a.Auth}
	if _, err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Ledger(ctx, a.Web.Ledger); err != nil {
		t.Fatal(err)
	}
	if err := s.Indicators(ctx, a.Web.Indicator); err != nil {
		t.Fatal(err)
	}
	if err := s.Indicators(ctx, a.Web.Indicator); err != nil { // idempotent
		t.Fatal(err)
	}
	rounds, err := a.Web.Indicator.Rounds(ctx)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds: %v %v", rounds, err)
	}
	res, err := a.Web.Indicator.Results(ctx, rounds[0].ID)
	if err != nil || len(res.Standings) < 10 || len(res.Tops) != 3 {
		t.Fatalf("results: %d %v", len(res.Standings), err)
	}
	top := res.Standings[0]
	if top.Rank != 1 || top.Total <= 0 || top.Total > 100 {
		t.Errorf("top standing %+v", top)
	}
	t.Logf("top: %s %.2f; last: %s %.2f", top.UnitName, top.Total, res.Standings[len(res.Standings)-1].UnitName, res.Standings[len(res.Standings)-1].Total)
}
