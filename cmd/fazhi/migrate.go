package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"fazhi/internal/app"
	"fazhi/internal/store"
)

func runMigrate(args []string, stdout, stderr io.Writer) int {
	cfg := app.FromEnv()
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DB, "db", cfg.DB, "SQLite file path or postgres:// URL (FAZHI_DB)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	cur, latest, err := db.SchemaVersion(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "fazhi:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: schema version %d (latest %d)\n", db.Describe(), cur, latest)
	return 0
}
