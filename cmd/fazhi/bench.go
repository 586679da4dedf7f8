package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"fazhi/internal/bench"
)

func runBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o bench.Options
	fs.DurationVar(&o.Duration, "duration", 5*time.Second, "duration of each HTTP load run")
	fs.IntVar(&o.Concurrency, "concurrency", 8, "concurrent HTTP clients (loopback only)")
	fs.IntVar(&o.Writes, "writes", 3000, "transactions per write run")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if o.Duration <= 0 || o.Duration > 2*time.Minute || o.Concurrency < 1 || o.Concurrency > 256 || o.Writes < 1 {
		fmt.Fprintln(stderr, "fazhi bench: --duration must be in (0, 2m], --concurrency in [1, 256], --writes ≥ 1")
		return 2
	}
	rep, err := bench.Run(context.Background(), o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "fazhi bench:", err)
		return 1
	}
	rep.Print(stdout, o)
	return 0
}
