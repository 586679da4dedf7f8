package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fazhi/internal/app"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	cfg := app.FromEnv()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := app.Open(ctx, cfg, newLogger(stderr))
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	defer a.Close()
	return serveApp(ctx, a, stdout, stderr, nil)
}

func newLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// serveApp listens on the configured address and serves until ctx ends.
// ready, when set, is called with the base URL once the socket is open.
func serveApp(ctx context.Context, a *app.App, stdout, stderr io.Writer, ready func(url string)) int {
	ln, err := net.Listen("tcp", a.Cfg.Addr)
	if err != nil {
		fmt.Fprintf(stderr, "fazhi: cannot listen on %s: %v\n", a.Cfg.Addr, err)
		return 1
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	scheme := "http"
	if a.Cfg.TLSCert != "" {
		scheme = "https"
	}
	url := fmt.Sprintf("%s://%s/", scheme, ln.Addr().String())
	if ready != nil {
		ready(url)
	} else {
		fmt.Fprintf(stdout, "fazhi %s serving %s on %s\n", app.Version, a.DB.Describe(), url)
	}
	a.StartBackground(ctx)
	errc := make(chan error, 1)
	go func() {
		if a.Cfg.TLSCert != "" {
			errc <- srv.ServeTLS(ln, a.Cfg.TLSCert, a.Cfg.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(stderr, "fazhi:", err)
			return 1
		}
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		a.Shutdown(sctx)
	}
	return 0
}
