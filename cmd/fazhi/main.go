// Command fazhi is the whole 法治政府建设 platform in one binary: the web
// server and its administration commands. main only dispatches; the work is
// in internal/.
package main

import (
	"fmt"
	"io"
	"os"
)

type command struct {
	name, usage, help string
	run               func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "serve [--db D] [--addr A] [--data-dir P]", "run the web server (migrations are applied on start)", runServe},
		{"demo", "demo [--db PATH] [--addr A]", "create the demo county 清溪县 in a fresh database, serve it, print the URL and logins", runDemo},
		{"migrate", "migrate [--db D]", "apply pending database migrations and print the schema version", runMigrate},
		{"user", "user create|passwd|unlock|list …", "manage accounts from the command line", runUser},
		{"audit", "audit verify [--db D]", "verify the audit log's hash chain; exits 1 naming the first broken row", runAudit},
		{"backup", "backup --out FILE [--db D]", "consistent online copy of the SQLite database (prints the pg_dump command for PostgreSQL)", runBackup},
		{"calendar", "calendar export|add|import-notice …", "working-day calendar and statutory deadlines", runCalendar},
		{"plan", "plan parse FILE [--format json]", "parse a 实施方案 text (TXT or DOCX) into tasks", runPlan},
		{"bench", "bench [--duration 5s] [--concurrency 8]", "measure the server end to end on loopback (see docs/BENCHMARKS.md)", runBench},
		{"bench-portal", "bench-portal [--rows 200000] [--rate 500] [--duration 30s]", "load the public 公示 search at a constant rate (see docs/BENCHMARKS.md)", runBenchPortal},
		{"version", "version", "print the version", runVersion},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "fazhi: unknown command %q (run \"fazhi help\")\n", args[0])
	return 2
}
