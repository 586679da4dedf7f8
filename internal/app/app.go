package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"fazhi/internal/api"
	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/jobs"
	"fazhi/internal/org"
	"fazhi/internal/store"
	"fazhi/internal/web"
)

// Version is set at build time (-ldflags "-X fazhi/internal/app.Version=…").
var Version = "dev"

// App is a running fazhi: database, services and web handler.
type App struct {
	Cfg    Config
	DB     *store.DB
	Audit  *audit.Logger
	Auth   *auth.Service
	Org    *org.Service
	Attach *attach.Store
	Jobs   *jobs.Runner
	// Deadlines is the calendar and deadline monitor (set by wireCalendar).
	Deadlines *deadline.Service
	Web       *web.Server
	Log       *slog.Logger
}

// Open connects to the configured database, applies migrations and builds
// the services. Errors are worded for the operator (English, one line).
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	logger, err := audit.NewLogger(cfg.AuditHash)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// A missing data directory is created; one that exists but cannot be
	// written is an error (attach.NewStore says which).
	if cfg.DataDir != "" {
		if _, err := os.Stat(cfg.DataDir); os.IsNotExist(err) {
			if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
				db.Close()
				return nil, fmt.Errorf("cannot create data directory %s: %w", cfg.DataDir, err)
			}
		}
	}
	att, err := attach.NewStore(db, cfg.DataDir, cfg.MaxUpload, logger)
	if err != nil {
		db.Close()
		return nil, err
	}
	a := &App{Cfg: cfg, Attach: att, Jobs: jobs.NewRunner(db, log), DB: db, Audit: logger, Auth: auth.NewService(db, logger), Org: org.NewService(db, logger), Log: log}
	a.registerJobs()
	if n, err := a.Jobs.Recover(ctx); err != nil {
		db.Close()
		return nil, err
	} else if n > 0 {
		log.Warn("jobs left by the previous process marked interrupted", "count", n)
	}
	if err := a.build(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) build() error {
	api := &api.API{DB: a.DB, Auth: a.Auth, Org: a.Org, Audit: a.Audit, Jobs: a.Jobs}
	d := web.Deps{DB: a.DB, Auth: a.Auth, Audit: a.Audit, Org: a.Org, Attach: a.Attach, Jobs: a.Jobs, JobKinds: jobKinds(), Log: a.Log, Version: Version,
		TrustProxy: a.Cfg.TrustProxy, Extra: api.Routes()}
	if err := a.wireCalendar(&d); err != nil {
		return err
	}
	for _, wire := range []func(*web.Deps) error{a.wirePlan, a.wireSupervise, a.wireLedger, a.wireIndicator, a.wireReport, a.wireEnforcement} {
		if err := wire(&d); err != nil {
			return err
		}
	}
	w, err := web.New(d)
	if err != nil {
		return fmt.Errorf("build web UI: %w", err)
	}
	a.Web = w
	return nil
}

// Handler is the HTTP handler of the whole application.
func (a *App) Handler() http.Handler { return a.Web.Handler() }

// Close stops the jobs and releases the database.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	a.Shutdown(ctx)
	return a.DB.Close()
}

// Shutdown stops background work before the process exits: running jobs
// are cancelled, and those that do not end in time are marked interrupted.
func (a *App) Shutdown(ctx context.Context) {
	if err := a.Jobs.Shutdown(ctx); err != nil {
		a.Log.Warn("jobs did not stop in time", "err", err)
	}
}

func jobKinds() []web.JobKind {
	out := make([]web.JobKind, len(JobKinds))
	for i, k := range JobKinds {
		out[i] = web.JobKind{Kind: k.Kind, Title: k.Title, Help: k.Help}
	}
	return out
}

// remindEvery is how often the deadline monitor refreshes home-page
// reminders; Remind is idempotent, so the first run after midnight moves
// items to "due soon" or "overdue" for the new day.
const remindEvery = time.Hour

// StartBackground runs the periodic work of a serving process until ctx ends.
func (a *App) StartBackground(ctx context.Context) {
	go func() {
		t := time.NewTicker(remindEvery)
		defer t.Stop()
		for {
			if _, err := a.Deadlines.Remind(ctx, a.Deadlines.Today()); err != nil && ctx.Err() == nil {
				a.Log.Error("deadline reminders", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}
