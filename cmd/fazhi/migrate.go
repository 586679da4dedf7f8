package main

import (
	"context"
	"fmt"
	"io"
)

func runMigrate(args []string, stdout, stderr io.Writer) int {
	fs, cfg := dbFlags("migrate", stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	db, ok := openStore(ctx, cfg, stderr)
	if !ok {
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
