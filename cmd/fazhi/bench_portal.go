package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"fazhi/internal/app"
	"fazhi/internal/bench"
)

// runBenchPortal measures the public 公示 search under a constant request
// rate: it fills a fresh SQLite database with the demo county and --rows
// published decisions, starts `fazhi serve` on it as a separate process, and
// drives it open-loop from this one (see internal/bench/openloop.go).
func runBenchPortal(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench-portal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rows := fs.Int("rows", 200000, "published decisions to generate")
	rate := fs.Int("rate", 500, "requests per second")
	dur := fs.Duration("duration", 30*time.Second, "length of the measured run")
	warm := fs.Duration("warmup", 5*time.Second, "unmeasured run before it, at the same rate")
	keep := fs.String("keep", "", "keep the generated database in this directory (for a look afterwards)")
	reuse := fs.Bool("reuse", false, "with --keep: use the database already there instead of generating one")
	path := fs.String("path", "", "load this fixed path instead of the search mix (e.g. /healthz, to measure the tool itself)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "fazhi-bench-portal-")
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	if *keep != "" {
		dir = *keep
		_ = os.MkdirAll(dir, 0o750)
	} else {
		defer os.RemoveAll(dir)
	}
	cfg := app.FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "portal.db"), filepath.Join(dir, "data")
	_ = os.MkdirAll(cfg.DataDir, 0o750)
	t0 := time.Now()
	var units []int64
	if *reuse && *keep != "" {
		units = make([]int64, 0, 40)
		for i := int64(1); i <= 40; i++ {
			units = append(units, i)
		}
	} else {
		units, err = bench.PreparePortal(ctx, cfg, *rows)
	}
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	fmt.Fprintf(stdout, "dataset: %d published decisions over %d units (generated in %s)\n", *rows, len(units), time.Since(t0).Round(time.Second))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	addr := ln.Addr().String()
	ln.Close()
	self, _ := os.Executable()
	srv := exec.Command(self, "serve", "--db", cfg.DB, "--addr", addr, "--data-dir", cfg.DataDir)
	srv.Stdout, srv.Stderr = io.Discard, stderr
	if err := srv.Start(); err != nil {
		fmt.Fprintln(stderr, "fazhi: start server:", err)
		return 1
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	base := "http://" + addr
	for i := 0; ; i++ {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			fmt.Fprintln(stderr, "fazhi: server did not start")
			return 1
		}
		time.Sleep(100 * time.Millisecond)
	}
	url := func(i int) string { return bench.PortalQuery(base, units, i) }
	if *path != "" {
		url = func(int) string { return base + *path }
	}
	if *warm > 0 {
		bench.OpenLoop(ctx, *rate, *warm, func(i int) string { return url(i + 1_000_000) })
	}
	r := bench.OpenLoop(ctx, *rate, *dur, url)
	fmt.Fprintf(stdout, "machine: %s/%s, %d CPU (server and load generator share them)\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Fprintf(stdout, "public search /public/enforcement/decisions, open loop at %.0f req/s for %s\n", r.Rate, r.Duration.Round(time.Millisecond))
	fmt.Fprintf(stdout, "sent %d, 200 OK %d, errors %d, achieved %.1f req/s\n", r.Sent, r.OK, r.Errors, r.Achieved)
	fmt.Fprintf(stdout, "latency p50 %s  p95 %s  p99 %s  max %s\n", r.P50.Round(10*time.Microsecond),
		r.P95.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Max.Round(10*time.Microsecond))
	if r.Errors > 0 {
		fmt.Fprintf(stdout, "status codes: %v\n", r.StatusCodes)
	}
	return 0
}
