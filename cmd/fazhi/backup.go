package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"fazhi/internal/store"
)

func runBackup(args []string, stdout, stderr io.Writer) int {
	fs, cfg := dbFlags("backup", stderr)
	out := fs.String("out", "", "backup file to write (must not exist)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if store.IsPostgresURL(cfg.DB) {
		fmt.Fprintln(stdout, "PostgreSQL is backed up with its own tools, for example:")
		fmt.Fprintf(stdout, "  pg_dump --format=custom --file=fazhi-$(date +%%Y%%m%%d).dump '%s'\n", cfg.DB)
		fmt.Fprintln(stdout, "Back up FAZHI_DATA_DIR (attachments) alongside it.")
		return 0
	}
	if *out == "" {
		fmt.Fprintln(stderr, "usage: fazhi backup --out FILE [--db D]")
		return 2
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(stderr, "fazhi: %s already exists; choose a new file name\n", *out)
		return 1
	}
	ctx := context.Background()
	db, ok := openStore(ctx, cfg, stderr)
	if !ok {
		return 1
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		fmt.Fprintln(stderr, "fazhi: backup:", err)
		return 1
	}
	fmt.Fprintf(stdout, "backup written to %s (attachments in %s are not included; copy that directory too)\n", *out, cfg.DataDir)
	return 0
}
