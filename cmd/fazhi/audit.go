package main

import (
	"context"
	"fmt"
	"io"

	"fazhi/internal/audit"
)

func runAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: fazhi audit verify [--db D]")
		return 2
	}
	fs, cfg := dbFlags("audit verify", stderr)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ctx := context.Background()
	db, ok := openStore(ctx, cfg, stderr)
	if !ok {
		return 1
	}
	defer db.Close()
	res, err := audit.Verify(ctx, db)
	if err != nil {
		fmt.Fprintln(stderr, "fazhi: audit verify:", err)
		return 1
	}
	if res.Broken != nil {
		fmt.Fprintf(stderr, "audit chain BROKEN at row %d: %s (%d rows read)\n", res.Broken.Seq, res.Broken.Reason, res.Rows)
		return 1
	}
	fmt.Fprintf(stdout, "audit chain intact: %d rows verified\n", res.Rows)
	return 0
}
