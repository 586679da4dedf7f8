package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/app"
)

// BenchmarkPortalSearch serves the public search mix in-process (no
// network, no load generator) on a database bench-portal kept:
//
//	go run ./cmd/fazhi bench-portal --keep /tmp/pb   # once
//	FAZHI_BENCH_PORTAL_DIR=/tmp/pb go test ./internal/bench -run X -bench PortalSearch -cpuprofile cpu.out
//
// The sub-benchmarks split the mix by its kind of query, to see which
// costs what.
func BenchmarkPortalSearch(b *testing.B) {
	dir := os.Getenv("FAZHI_BENCH_PORTAL_DIR")
	if dir == "" {
		b.Skip("FAZHI_BENCH_PORTAL_DIR is not set")
	}
	ctx := context.Background()
	cfg := app.FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "portal.db"), filepath.Join(dir, "data")
	units, err := PortalUnits(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	h := a.Handler()
	kinds := map[string]func(q url.Values) bool{
		"mix":       func(url.Values) bool { return true },
		"keyword":   func(q url.Values) bool { return q.Has("q") },
		"unit":      func(q url.Values) bool { return q.Has("unit") && !q.Has("q") },
		"nounit":    func(q url.Values) bool { return !q.Has("unit") && !q.Has("q") },
		"kw-nounit": func(q url.Values) bool { return !q.Has("unit") && q.Has("q") },
	}
	for _, name := range []string{"mix", "unit", "nounit", "keyword", "kw-nounit"} {
		var paths []string
		for i := 0; len(paths) < 2000; i++ {
			p := PortalQuery("", units, i)
			u, _ := url.Parse(p)
			if kinds[name](u.Query()) {
				paths = append(paths, p)
			}
		}
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				req := httptest.NewRequest("GET", paths[i%len(paths)], nil)
				i++
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "decision-table") {
					b.Fatal(w.Code, paths[i%len(paths)])
				}
			}
		})
	}
}
