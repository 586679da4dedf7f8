package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"

	"fazhi/internal/app"
	"fazhi/internal/demo"
)

func runDemo(args []string, stdout, stderr io.Writer) int {
	cfg := app.FromEnv()
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "keep the demo database in this SQLite file (default: a fresh temporary one)")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (FAZHI_ADDR); a busy port falls back to a free one")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *dbPath == "" {
		dir, err := os.MkdirTemp("", "fazhi-demo-")
		if err != nil {
			fmt.Fprintln(stderr, "fazhi:", err)
			return 1
		}
		*dbPath = filepath.Join(dir, "demo.db")
		cfg.DataDir = filepath.Join(dir, "data")
	} else {
		cfg.DataDir = filepath.Join(filepath.Dir(*dbPath), "demo-data")
	}
	cfg.DB = *dbPath
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := app.Open(ctx, cfg, newLogger(stderr))
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	defer a.Close()
	logins, err := seedDemo(ctx, a)
	if err != nil {
		fmt.Fprintln(stderr, "fazhi: demo data:", err)
		return 1
	}
	if ln, err := net.Listen("tcp", cfg.Addr); err == nil {
		ln.Close()
	} else {
		a.Cfg.Addr = "127.0.0.1:0"
	}
	return serveApp(ctx, a, stdout, stderr, func(url string) {
		printDemo(stdout, url, a.DB.Describe(), logins)
	})
}

func seedDemo(ctx context.Context, a *app.App) ([]demo.Login, error) {
	seeded, err := demo.Seeded(ctx, a.DB)
	if err != nil || seeded {
		return nil, err
	}
	s := &demo.Seeder{DB: a.DB, Org: a.Org, Auth: a.Auth}
	logins, err := s.Run(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.Deadlines(ctx, a.Deadlines); err != nil {
		return nil, err
	}
	if err := s.Plan(ctx, a.Web.Plans); err != nil {
		return nil, err
	}
	if err := s.Ledger(ctx, a.Web.Ledger); err != nil {
		return nil, err
	}
	if err := s.Indicators(ctx, a.Web.Indicator); err != nil {
		return nil, err
	}
	if err := s.Supervise(ctx, a.Web.Plans, a.Web.Tasks); err != nil {
		return nil, err
	}
	if err := s.EnforcementRegistry(ctx, a.Web.Enforcement); err != nil {
		return nil, err
	}
	if err := s.EnforcementCases(ctx, a.Web.Enforcement); err != nil {
		return nil, err
	}
	if err := s.EnforcementSupervision(ctx, a.Web.Enforcement); err != nil {
		return nil, err
	}
	if err := s.EnforcementReviews(ctx, a.Web.Enforcement); err != nil {
		return nil, err
	}
	// Last: the annual reports are drafted from everything seeded before.
	return logins, s.Reports(ctx, a.Web.Reports)
}

func printDemo(w io.Writer, url, db string, logins []demo.Login) {
	fmt.Fprintf(w, "\n清溪县演示环境 (fictional demo county) — %s\n", db)
	fmt.Fprintf(w, "\n  Open: %s\n\n", url)
	if len(logins) == 0 {
		fmt.Fprintln(w, "  (existing demo database: logins as printed when it was created; password "+demo.Password+")")
		return
	}
	fmt.Fprintf(w, "  %s%s%s%s\n", pad("USERNAME", 16), pad("ROLE", 16), pad("NAME", 8), "UNIT")
	for _, l := range logins[:8] {
		fmt.Fprintf(w, "  %s%s%s%s\n", pad(l.Username, 16), pad(l.Role.Label(), 16), pad(l.Name, 8), l.Unit)
	}
	fmt.Fprintf(w, "\n  Password for every demo account: %s   (%d accounts in all: fazhi user list --db …)\n", demo.Password, len(logins))
	fmt.Fprintln(w, "  Press Ctrl+C to stop.")
}

// pad fills s to width terminal columns, counting CJK characters as two
// (tabwriter counts runes, which misaligns Chinese columns).
func pad(s string, width int) string {
	w := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0xFFEF {
			w += 2
		} else {
			w++
		}
	}
	return s + strings.Repeat(" ", max(width-w, 1))
}
