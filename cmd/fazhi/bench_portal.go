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
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"fazhi/internal/app"
	"fazhi/internal/bench"
)

// runBenchPortal measures the public 公示 search under a constant request
// rate: it fills a fresh SQLite database with the demo county and --rows
// published decisions, starts `fazhi serve` on it as a separate process, and
// drives it open-loop from this one (see internal/bench/openloop.go). It
// reports the CPU time the server and the load generator each used, so the
// share of the two cores each takes is known.
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
	prof := fs.String("server-cpuprofile", "", "write a CPU profile of the server process over the measured run to this file")
	wrkScript := fs.String("wrk-script", "", "write a wrk Lua script with the same query mix to this file and exit (with --keep and --reuse: for that database)")
	wrkArgs := fs.String("wrk", "", `instead of the Go open loop, run wrk with these arguments and the mix's script, e.g. "-t1 -c50 -d30s -- 100" (after --: a pause in ms per request and connection)`)
	child := fs.Bool("serve-child", false, "internal: serve the database in --keep, profiling the CPU into --server-cpuprofile")
	addrFlag := fs.String("addr", "", "internal (with --serve-child): listen address")
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
		os.Remove(dir)
		dir = *keep
		_ = os.MkdirAll(dir, 0o750)
	} else {
		defer os.RemoveAll(dir)
	}
	cfg := app.FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "portal.db"), filepath.Join(dir, "data")
	_ = os.MkdirAll(cfg.DataDir, 0o750)
	if *child {
		cfg.Addr = *addrFlag
		return serveProfiled(cfg, *prof, stdout, stderr)
	}
	t0 := time.Now()
	var units []int64
	if *reuse && *keep != "" {
		units, err = bench.PortalUnits(ctx, cfg)
	} else {
		units, err = bench.PreparePortal(ctx, cfg, *rows)
	}
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	if *wrkScript != "" {
		if err := os.WriteFile(*wrkScript, []byte(bench.WrkScript(units)), 0o640); err != nil {
			fmt.Fprintln(stderr, "fazhi:", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s\n", *wrkScript)
		return 0
	}
	fmt.Fprintf(stdout, "dataset: %d published decisions over %d units (ready in %s)\n", *rows, len(units), time.Since(t0).Round(time.Second))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	addr := ln.Addr().String()
	ln.Close()
	self, _ := os.Executable()
	srv := exec.Command(self, "serve", "--db", cfg.DB, "--addr", addr, "--data-dir", cfg.DataDir)
	if *prof != "" {
		srv = exec.Command(self, "bench-portal", "--serve-child", "--keep", dir, "--addr", addr, "--server-cpuprofile", *prof)
	}
	srv.Stdout, srv.Stderr = io.Discard, stderr
	if err := srv.Start(); err != nil {
		fmt.Fprintln(stderr, "fazhi: start server:", err)
		return 1
	}
	stopped := false
	stopServer := func() {
		if !stopped {
			stopped = true
			_ = srv.Process.Signal(syscall.SIGTERM)
			_ = srv.Wait()
		}
	}
	defer stopServer()
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
	if *prof != "" {
		// The child profiles from SIGUSR1 to SIGTERM: the measured run only.
		_ = srv.Process.Signal(syscall.SIGUSR1)
	}
	if *wrkArgs != "" {
		return runWrk(srv.Process.Pid, dir, base, units, *wrkArgs, stdout, stderr)
	}
	srvCPU0, selfCPU0 := processCPU(srv.Process.Pid), selfCPU()
	r := bench.OpenLoop(ctx, *rate, *dur, url)
	srvCPU, selfCPUUsed := processCPU(srv.Process.Pid)-srvCPU0, selfCPU()-selfCPU0
	stopServer()
	fmt.Fprintf(stdout, "machine: %s/%s, %d CPU (server and load generator share them)\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Fprintf(stdout, "public search /public/enforcement/decisions, open loop at %.0f req/s for %s\n", r.Rate, r.Duration.Round(time.Millisecond))
	fmt.Fprintf(stdout, "sent %d, 200 OK %d, errors %d, achieved %.1f req/s\n", r.Sent, r.OK, r.Errors, r.Achieved)
	fmt.Fprintf(stdout, "latency p50 %s  p95 %s  p99 %s  max %s\n", r.P50.Round(10*time.Microsecond),
		r.P95.Round(10*time.Microsecond), r.P99.Round(10*time.Microsecond), r.Max.Round(10*time.Microsecond))
	if r.Sent > 0 && srvCPU > 0 {
		secs := r.Duration.Seconds()
		fmt.Fprintf(stdout, "CPU: server %.2f ms/request (%.0f %% of one core), load generator %.2f ms/request (%.0f %% of one core)\n",
			float64(srvCPU.Microseconds())/1000/float64(r.Sent), 100*srvCPU.Seconds()/secs,
			float64(selfCPUUsed.Microseconds())/1000/float64(r.Sent), 100*selfCPUUsed.Seconds()/secs)
	}
	if r.Errors > 0 {
		fmt.Fprintf(stdout, "status codes: %v\n", r.StatusCodes)
	}
	if *prof != "" {
		fmt.Fprintf(stdout, "server CPU profile: %s (go tool pprof %s %s)\n", *prof, self, *prof)
	}
	return 0
}

// serveProfiled is `fazhi serve` on cfg with a CPU profile taken between
// SIGUSR1 (the measured run starts) and SIGTERM.
func serveProfiled(cfg app.Config, profile string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := app.Open(ctx, cfg, newLogger(stderr))
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	defer a.Close()
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			fmt.Fprintln(stderr, "fazhi:", err)
			return 1
		}
		defer f.Close()
		usr1 := make(chan os.Signal, 1)
		signal.Notify(usr1, syscall.SIGUSR1)
		go func() {
			<-usr1
			_ = pprof.StartCPUProfile(f)
		}()
		defer pprof.StopCPUProfile()
	}
	return serveApp(ctx, a, stdout, stderr, nil)
}

// processCPU is the user+system CPU time a process has used so far (Linux
// /proc; 0 where it cannot be read).
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
	s := string(b)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ')' {
			s = s[i+2:]
			break
		}
	}
	var state string
	var f [10]int64
	var utime, stime int64
	if _, err := fmt.Sscan(s, &state, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9], &utime, &stime); err != nil {
		return 0
	}
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ is 100 on Linux
}

// selfCPU is this process's user+system CPU time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runWrk drives the server with wrk (closed loop: each connection sends its
// next request when the previous one is answered, after the pause) and
// prints wrk's figures with the CPU each side used.
func runWrk(pid int, dir, base string, units []int64, args string, stdout, stderr io.Writer) int {
	script := filepath.Join(dir, "portal.lua")
	if err := os.WriteFile(script, []byte(bench.WrkScript(units)), 0o640); err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	opts, extra, _ := strings.Cut(args, "--")
	argv := append(strings.Fields(opts), "-s", script, base)
	if extra = strings.TrimSpace(extra); extra != "" {
		argv = append(argv, append([]string{"--"}, strings.Fields(extra)...)...)
	}
	cmd := exec.Command("wrk", argv...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	srv0 := processCPU(pid)
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(stderr, "fazhi: wrk:", err)
		return 1
	}
	secs := time.Since(t0).Seconds()
	srvCPU := processCPU(pid) - srv0
	var wrkCPU time.Duration
	if ps := cmd.ProcessState; ps != nil {
		wrkCPU = ps.UserTime() + ps.SystemTime()
	}
	fmt.Fprintf(stdout, "wrk %s\nCPU: server %.0f %% of one core, wrk %.0f %% of one core\n", strings.Join(argv, " "),
		100*srvCPU.Seconds()/secs, 100*wrkCPU.Seconds()/secs)
	return 0
}
