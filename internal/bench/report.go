package bench

import (
	"fmt"
	"io"
	"time"
)

// Print writes the report as the Markdown table kept in docs/BENCHMARKS.md,
// with the ratios the targets are stated in.
func (r Report) Print(w io.Writer, o Options) {
	fmt.Fprintf(w, "Run %s on %s; %d concurrent clients, %s per HTTP run, %d writes per write run; SQLite.\n\n",
		r.When.Format("2006-01-02 15:04"), r.Machine, o.Concurrency, o.Duration, o.Writes)
	fmt.Fprintln(w, "| HTTP | requests | req/s | p50 | p99 | body bytes |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, h := range r.HTTP {
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %d |\n", h.Name, h.Requests, h.RPS, ms(h.P50), ms(h.P99), h.Bytes)
	}
	if len(r.HTTP) == 3 && r.HTTP[2].RPS > 0 {
		fmt.Fprintf(w, "\nAPI list throughput = %.0f %% of the bare handler (target ≥ 30 %%).\n", 100*r.HTTP[1].RPS/r.HTTP[2].RPS)
	}
	fmt.Fprintln(w, "\n| writes | count | writes/s |")
	fmt.Fprintln(w, "|---|---:|---:|")
	for _, x := range r.Writes {
		fmt.Fprintf(w, "| %s | %d | %.0f |\n", x.Name, x.Writes, x.PerSecond)
	}
	if len(r.Writes) == 2 && r.Writes[0].PerSecond > 0 {
		fmt.Fprintf(w, "\nAudited writes = %.0f %% of plain inserts (target ≥ 50 %%).\n", 100*r.Writes[1].PerSecond/r.Writes[0].PerSecond)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
