package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"fazhi/internal/app"
	"fazhi/internal/store"
)

// dbFlags is the flag set of a command that only needs the database.
func dbFlags(name string, stderr io.Writer) (*flag.FlagSet, *app.Config) {
	cfg := app.FromEnv()
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite file path or postgres:// URL (FAZHI_DB)")
	return fs, &cfg
}

// openStore opens the configured database without migrating, printing the
// reason to stderr when it cannot.
func openStore(ctx context.Context, cfg *app.Config, stderr io.Writer) (*store.DB, bool) {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return nil, false
	}
	return db, true
}
