package enforcement_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/enforcement"
	"fazhi/internal/org"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// TestBenchStatsPostgres measures the 行政执法统计年报 over a province-sized
// deployment on PostgreSQL (docs/BENCHMARKS.md). It runs only when asked:
//
//	export FAZHI_TEST_PG=$(cat /tmp/pgurl)
//	FAZHI_BENCH_STATS_ROWS=10000000 FAZHI_BENCH_STATS_SCHEMA=bench_stats_10m \
//	  go test ./internal/enforcement -run TestBenchStatsPostgres -v -timeout 4h
//
// FAZHI_BENCH_STATS_SCHEMA names a schema that is kept and reused when it
// already holds the same data (so the timings can be repeated without
// refilling; DROP SCHEMA … CASCADE frees it); without it a fresh schema is
// filled and dropped. FAZHI_BENCH_STATS_INSPECTIONS sets the inspection
// records per case (default 10, the 200 000 户次 to 20 000 cases).
func TestBenchStatsPostgres(t *testing.T) {
	n, _ := strconv.ParseInt(os.Getenv("FAZHI_BENCH_STATS_ROWS"), 10, 64)
	base := os.Getenv("FAZHI_TEST_PG")
	if n <= 0 || base == "" {
		t.Skip("set FAZHI_BENCH_STATS_ROWS and FAZHI_TEST_PG to run the 统计年报 benchmark")
	}
	perCase := 10
	if v, err := strconv.Atoi(os.Getenv("FAZHI_BENCH_STATS_INSPECTIONS")); err == nil && v >= 0 {
		perCase = v
	}
	b := newBenchEnv(t, base, os.Getenv("FAZHI_BENCH_STATS_SCHEMA"))
	b.machine()
	if b.reuse(n, perCase) {
		// The rollups as the last run (or a migration's backfill) left them.
		b.load("recount of the reused schema")
		res, d := benchOnce(func() (enforcement.RebuildResult, error) { return b.svc.RebuildStats(b.ctx, nil) }, t)
		t.Logf("RebuildStats on the reused schema: %s — %s", d.Round(time.Millisecond), res.Summary())
	} else {
		b.fill(n, perCase)
	}
	b.counts()

	// The rollups after a bulk load: empty, brought up to date by the
	// consistency job (what an operator runs after loading records in SQL).
	b.exec(`DELETE FROM enf_stats`)
	b.exec(`DELETE FROM enf_inspection_stats`)
	b.load("rebuild after the bulk load")
	res, d := benchOnce(func() (enforcement.RebuildResult, error) { return b.svc.RebuildStats(b.ctx, nil) }, t)
	t.Logf("RebuildStats, rollups empty: %s — %d case rows and %d inspection rows expected, %d + %d written",
		d.Round(time.Millisecond), res.Rows, res.InspectionRows, len(res.Mismatches), len(res.InspectionMismatches))

	b.timeReports("AnnualReport", "rollups", 10, b.svc.AnnualReport)
	// A fair test: the rollups agree with the records, cell by cell.
	b.load("check rollups == records")
	c := &county{ctx: b.ctx, svc: b.svc, db: b.db}
	supCompareReports(t, c, b.root, benchMiddleYear)
	supCompareReports(t, c, b.county, benchMiddleYear)
	b.independentCounts(benchMiddleYear)
	b.timeReports("AnnualReportDirect", "records", 3, b.svc.AnnualReportDirect)
	b.load("recount")
	res, d = benchOnce(func() (enforcement.RebuildResult, error) { return b.svc.RebuildStats(b.ctx, nil) }, t)
	t.Logf("RebuildStats, consistency recount: %s — %s", d.Round(time.Millisecond), res.Summary())
	if len(res.Mismatches)+len(res.InspectionMismatches) != 0 {
		t.Errorf("recount after the rebuild found mismatches: %s", res.Summary())
	}

	b.writeCost()
	b.sizes()
}

// benchEnv is the benchmark's database and services.
type benchEnv struct {
	t            *testing.T
	ctx          context.Context
	db           *store.DB
	svc          *enforcement.Service
	orgs         *org.Service
	root, county int64
	clock        time.Time
}

// benchClock is the benchmark's today: the data runs 2021–2025, decisions
// of December filings into early 2026.
var benchClock = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)

func newBenchEnv(t *testing.T, base, schema string) *benchEnv {
	dsn := benchSchema(t, base, schema)
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "bench"})
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	key, _ := privacy.ParseKey(testKey)
	ciph, err := privacy.New("", key)
	if err != nil {
		t.Fatal(err)
	}
	files, err := attach.NewStore(db, t.TempDir(), 10<<20, l)
	if err != nil {
		t.Fatal(err)
	}
	b := &benchEnv{t: t, ctx: ctx, db: db, orgs: org.NewService(db, l), clock: benchClock}
	dl := deadline.NewService(db, l)
	dl.Now = func() time.Time { return b.clock }
	b.svc = enforcement.NewService(db, l, b.orgs, dl, files, ciph)
	b.svc.Now = func() time.Time { return b.clock }
	return b
}

// benchSchema returns a URL on a schema of its own: the named one (created
// when missing, kept), or a fresh one dropped when the test ends.
func benchSchema(t *testing.T, base, schema string) string {
	if schema == "" {
		dsn, drop := storetest.NewSchema(t, base)
		t.Cleanup(drop)
		return dsn
	}
	for _, r := range schema {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			t.Fatalf("FAZHI_BENCH_STATS_SCHEMA %q: lower-case letters, digits and _ only", schema)
		}
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA IF NOT EXISTS " + schema); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	t.Logf("schema %s (kept; DROP SCHEMA %s CASCADE frees it)", schema, schema)
	return u.String()
}

// timeReports times report for the province and for the county, the
// middle year: the first call, then the median and maximum of runs more
// (PostgreSQL plans the prepared statements generically after five).
func (b *benchEnv) timeReports(name, from string, runs int,
	report func(context.Context, int64, int) (enforcement.AnnualReport, error)) {
	for _, id := range []int64{b.root, b.county} {
		unit := b.unitName(id)
		b.load(name + " " + unit)
		first, med, maxd := benchRuns(b.t, runs, func() error { _, err := report(b.ctx, id, benchMiddleYear); return err })
		b.t.Logf("%s %s %d (%s): first %s, then median %s, max %s of %d", name, unit, benchMiddleYear, from, ms(first), ms(med), ms(maxd), runs)
	}
}

// reuse reports whether the schema already holds the same deployment.
func (b *benchEnv) reuse(n int64, perCase int) bool {
	var cases int64
	var per int
	err := b.db.W.QueryRowContext(b.ctx, `SELECT cases, inspections_per_case, root, county FROM bench_fill`).
		Scan(&cases, &per, &b.root, &b.county)
	if err == nil && cases == n && per == perCase {
		b.t.Logf("reusing the filled schema: %d cases, %d inspections per case", n, perCase)
		return true
	}
	if err == nil {
		b.t.Fatalf("the schema holds %d cases with %d inspections each; drop it or name another", cases, per)
	}
	var units int
	_ = b.db.W.QueryRowContext(b.ctx, `SELECT COUNT(*) FROM units`).Scan(&units)
	if units > 0 {
		b.t.Fatalf("the schema holds an unfinished fill (%d units); drop it first", units)
	}
	return false
}

// fill creates the deployment and generates the records.
func (b *benchEnv) fill(n int64, perCase int) {
	t := b.t
	conn, err := b.db.W.Conn(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	g := benchSQL{t: t, ctx: b.ctx, conn: conn}
	// Session settings for the load only (index builds sort in memory);
	// the measured queries run on other connections with the server's
	// configuration.
	g.exec("session", `SET maintenance_work_mem = '1GB'`)
	for _, stmt := range strings.Split(benchFunctions, ";\n") {
		g.exec("helpers", stmt)
	}
	t0 := time.Now()
	var units []benchUnit
	b.root, b.county, units = benchTree(t, b.ctx, b.orgs)
	t.Logf("org tree through org.Service: %d enforcing units in %s", len(units), time.Since(t0).Round(time.Millisecond))
	g.benchRegistry(units)
	var slots int
	_ = conn.QueryRowContext(b.ctx, `SELECT COUNT(*) FROM bench_slots`).Scan(&slots)

	t1 := time.Now()
	clock := b.clock.Format(time.DateOnly)
	g.bulk("enf_cases", func() { g.generate("cases", caseGenSQL, n, 1, slots) })
	t.Logf("cases: %d in %s", n, time.Since(t1).Round(time.Second))
	t2 := time.Now()
	g.exec("legal reviews", reviewGenSQL)
	g.exec("appeals", appealGenSQL, clock)
	g.exec("referrals", referralGenSQL)
	t.Logf("法制审核, 复议/诉讼, 两法衔接: %s", time.Since(t2).Round(time.Second))
	t3 := time.Now()
	if perCase > 0 {
		g.bulk("enf_inspections", func() { g.generate("inspections", inspectionGenSQL, n, perCase, slots) })
	}
	t.Logf("inspections: %d in %s", n*int64(perCase), time.Since(t3).Round(time.Second))
	t4 := time.Now()
	// Autovacuum would get there on its own; after a bulk load one runs it.
	for _, tab := range []string{"enf_cases", "enf_inspections", "enf_legal_reviews", "enf_appeals", "enf_referrals", "units",
		"enf_items"} {
		g.exec("vacuum", `VACUUM (ANALYZE) `+tab)
	}
	t.Logf("VACUUM ANALYZE: %s", time.Since(t4).Round(time.Second))
	g.exec("marker", `INSERT INTO bench_fill (cases, inspections_per_case, root, county, filled_at) VALUES ($1, $2, $3, $4, now())`,
		n, perCase, b.root, b.county)
}

// generate runs gen for every year's share of n cases (times per rows), in
// chunks of at most two million rows.
func (g benchSQL) generate(what, gen string, n int64, per int, slots int) {
	next := int64(1)
	for i, y := range benchYears {
		count := int64(float64(n)*y.Share) * int64(per)
		if i == len(benchYears)-1 {
			count = n*int64(per) - (next - 1)
		}
		start := time.Date(y.Year, 1, 1, 0, 0, 0, 0, time.UTC)
		days := int(start.AddDate(1, 0, 0).Sub(start).Hours() / 24)
		for off := int64(0); off < count; off += 2_000_000 {
			m := min(2_000_000, count-off)
			g.exec(fmt.Sprintf("%s %d", what, y.Year), gen, next+off, next+off+m-1, start.Format(time.DateOnly), days, off, count, slots)
		}
		next += count
	}
}

// bulk runs fill with the table's secondary indexes and constraints
// dropped, then recreates them from their own definitions (the usual bulk
// load; the schema ends exactly as the migrations made it).
func (g benchSQL) bulk(table string, fill func()) {
	type def struct{ name, sql string }
	query := func(q string) []def {
		rows, err := g.conn.QueryContext(g.ctx, q, table)
		if err != nil {
			g.t.Fatal(err)
		}
		defer rows.Close()
		var out []def
		for rows.Next() {
			var d def
			if err := rows.Scan(&d.name, &d.sql); err != nil {
				g.t.Fatal(err)
			}
			out = append(out, d)
		}
		return out
	}
	cons := query(`SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
		WHERE conrelid = $1::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname`)
	idx := query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1
		AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass) ORDER BY indexname`)
	for _, c := range cons {
		g.exec("drop "+c.name, `ALTER TABLE `+table+` DROP CONSTRAINT `+c.name)
	}
	for _, i := range idx {
		g.exec("drop "+i.name, `DROP INDEX `+i.name)
	}
	fill()
	t0 := time.Now()
	for _, i := range idx {
		g.exec("index "+i.name, i.sql)
	}
	for _, c := range cons {
		g.exec("constraint "+c.name, `ALTER TABLE `+table+` ADD CONSTRAINT `+c.name+` `+c.sql)
	}
	g.t.Logf("  %s: %d indexes and %d constraints rebuilt in %s", table, len(idx), len(cons), time.Since(t0).Round(time.Second))
}

func (b *benchEnv) exec(q string, args ...any) {
	b.t.Helper()
	if _, err := b.db.W.ExecContext(b.ctx, q, args...); err != nil {
		b.t.Fatalf("%s: %v", q, err)
	}
}

func (b *benchEnv) count(q string, args ...any) int64 {
	b.t.Helper()
	var n int64
	if err := b.db.W.QueryRowContext(b.ctx, q, args...).Scan(&n); err != nil {
		b.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (b *benchEnv) unitName(id int64) string {
	u, err := b.orgs.Get(b.ctx, id)
	if err != nil {
		b.t.Fatal(err)
	}
	return u.Name
}

// load logs the load average before a measurement (other work shares the
// machine).
func (b *benchEnv) load(what string) {
	la, _ := os.ReadFile("/proc/loadavg")
	b.t.Logf("load average before %s: %s", what, strings.Join(strings.Fields(string(la))[:3], " "))
}

// machine logs the machine and the server's settings.
func (b *benchEnv) machine() {
	cpu := ""
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(info), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
				break
			}
		}
	}
	mem := ""
	if info, err := os.ReadFile("/proc/meminfo"); err == nil {
		mem = strings.Join(strings.Fields(strings.SplitN(string(info), "\n", 2)[0])[1:], " ")
	}
	b.t.Logf("machine: %d CPU (%s), %s RAM, %s", runtime.NumCPU(), cpu, mem, runtime.Version())
	var version string
	_ = b.db.W.QueryRowContext(b.ctx, `SELECT version()`).Scan(&version)
	var set []string
	for _, name := range []string{"shared_buffers", "work_mem", "effective_cache_size", "maintenance_work_mem",
		"max_parallel_workers_per_gather", "random_page_cost", "jit", "fsync", "synchronous_commit", "full_page_writes", "lc_collate"} {
		var v string
		_ = b.db.W.QueryRowContext(b.ctx, `SELECT current_setting($1)`, name).Scan(&v)
		set = append(set, name+"="+v)
	}
	b.t.Logf("server: %s; %s", version, strings.Join(set, ", "))
}

// counts logs what the schema holds.
func (b *benchEnv) counts() {
	var parts []string
	for _, tab := range []string{"units", "enf_items", "enf_cases", "enf_legal_reviews", "enf_appeals", "enf_referrals", "enf_inspections"} {
		var n int64
		_ = b.db.W.QueryRowContext(b.ctx, `SELECT reltuples::bigint FROM pg_class WHERE oid = $1::regclass`, tab).Scan(&n)
		parts = append(parts, fmt.Sprintf("%s ≈%d", tab, n))
	}
	b.t.Logf("data: %s", strings.Join(parts, ", "))
	years := b.count(`SELECT COUNT(*) FROM enf_cases WHERE filed_on >= $1 AND filed_on < $2`,
		fmt.Sprintf("%d-01-01", benchMiddleYear), fmt.Sprintf("%d-01-01", benchMiddleYear+1))
	b.t.Logf("cases filed in %d: %d", benchMiddleYear, years)
}

// independentCounts checks a few report totals against plain SQL counts.
func (b *benchEnv) independentCounts(year int) {
	rep, err := b.svc.AnnualReport(b.ctx, b.root, year)
	if err != nil {
		b.t.Fatal(err)
	}
	from, to := fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-01-01", year+1)
	sum := rep.Total.Sum()
	checks := []struct {
		what string
		got  int64
		q    string
	}{
		{"立案", sum[enforcement.SupFiled], `SELECT COUNT(*) FROM enf_cases WHERE filed_on >= $1 AND filed_on < $2`},
		{"处罚决定", rep.Total.Cat[enforcement.CatPenalty][enforcement.SupDecPenalty], `SELECT COUNT(*) FROM enf_cases
			WHERE category = 'penalty' AND decision IN ('penalty', 'revoked') AND decided_on >= $1 AND decided_on < $2`},
		{"罚款", rep.Total.Cat[enforcement.CatPenalty][enforcement.SupFineFen], `SELECT COALESCE(SUM(fine_fen), 0) FROM enf_cases
			WHERE category = 'penalty' AND decision = 'penalty' AND state <> 'revoked' AND decided_on >= $1 AND decided_on < $2`},
		{"检查户次", rep.Total.Visits, `SELECT COALESCE(SUM(visits), 0) FROM enf_inspections WHERE inspected_on >= $1 AND inspected_on < $2`},
		{"复议", rep.Total.Appeals[0].Filed, `SELECT COUNT(*) FROM enf_appeals WHERE kind = 'reconsideration' AND filed_on >= $1 AND filed_on < $2`},
	}
	var line []string
	for _, c := range checks {
		want := b.count(c.q, from, to)
		if c.got != want || want == 0 {
			b.t.Errorf("%d %s: report %d, records %d", year, c.what, c.got, want)
		}
		line = append(line, fmt.Sprintf("%s %d", c.what, want))
	}
	b.t.Logf("report totals %d agree with the records: %s", year, strings.Join(line, ", "))
}

// sizes logs the tables' sizes with their indexes.
func (b *benchEnv) sizes() {
	var parts []string
	var total int64
	for _, tab := range []string{"enf_cases", "enf_inspections", "enf_legal_reviews", "enf_appeals", "enf_referrals", "enf_stats",
		"enf_inspection_stats", "units"} {
		n := b.count(`SELECT pg_total_relation_size($1::regclass)`, tab)
		total += n
		parts = append(parts, fmt.Sprintf("%s %s", tab, mb(n)))
	}
	rows := b.count(`SELECT COUNT(*) FROM enf_stats`)
	b.t.Logf("sizes (pg_total_relation_size): %s; together %s; enf_stats holds %d rows", strings.Join(parts, ", "), mb(total), rows)
}

func mb(n int64) string {
	if n >= 10<<30 {
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// benchRuns times fn once (the first call: caches empty) and then runs
// more times, returning the first, the median and the maximum of the rest.
func benchRuns(t *testing.T, runs int, fn func() error) (first, med, maxd time.Duration) {
	t.Helper()
	var ds []time.Duration
	for i := 0; i <= runs; i++ {
		t0 := time.Now()
		if err := fn(); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
	}
	rest := slices.Clone(ds[1:])
	slices.Sort(rest)
	return ds[0], rest[len(rest)/2], rest[len(rest)-1]
}

func benchOnce[T any](fn func() (T, error), t *testing.T) (T, time.Duration) {
	t.Helper()
	t0 := time.Now()
	v, err := fn()
	if err != nil {
		t.Fatal(err)
	}
	return v, time.Since(t0)
}
