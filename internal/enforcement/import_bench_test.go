package enforcement_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// TestBenchImportCases measures the case import against plain batched
// INSERTs of the same rows (docs/BENCHMARKS.md). It runs only when asked:
//
//	FAZHI_BENCH_IMPORT_ROWS=1000000 go test ./internal/enforcement -run TestBenchImportCases -v -timeout 30m
//
// (FAZHI_BENCH_IMPORT_ONLY=1 runs the import alone, for a CPU profile.)
//
// Three runs, each on a fresh SQLite database with the same county:
//   - import: the real path (read the CSV, check every row, seal, write
//     cases, officers, 法制审核 records, events and the 统计年报 rollups, one
//     transaction);
//   - plain, every row: exactly the rows the import wrote — read back from
//     its database beforehand, so the values are the import's own (sealed
//     身份证号, ids, timestamps) — inserted table by table with multi-row
//     INSERTs of up to 500 rows, values in memory, one transaction;
//   - plain, case rows only: the enf_cases rows alone through the import's
//     own INSERT statement (the figure kept before: it leaves out the other
//     tables the import writes).
func TestBenchImportCases(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("FAZHI_BENCH_IMPORT_ROWS"))
	if n <= 0 {
		t.Skip("set FAZHI_BENCH_IMPORT_ROWS to run the import benchmark")
	}
	ctx := context.Background()
	// The file: the same valid rows the import tests use, numbered 1…n.
	file := filepath.Join(t.TempDir(), "cases.csv")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	headers, _ := enforcement.ImportTemplateRows(enforcement.ImportCases)
	w := csv.NewWriter(bufio.NewWriterSize(f, 1<<20))
	_ = w.Write(headers)
	line := make([]string, len(headers))
	for i := 0; i < n; i++ {
		r := impCaseRow(i)
		for j, h := range headers {
			line[j] = r[h]
		}
		_ = w.Write(line)
	}
	w.Flush()
	if err := f.Close(); err != nil || w.Error() != nil {
		t.Fatal(err, w.Error())
	}
	st, _ := os.Stat(file)

	// The import: read, check every row (units, items, dates, money,
	// 身份证号, duplicates), seal personal data, write all or nothing.
	c := impSetup(t, storetest.SQLite(t))
	in, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	t1 := time.Now()
	batch, got, err := c.svc.ImportDirect(c.ctx, enforcement.ImportCases, c.gov, "cases.csv", in, benchNoProgress{})
	if err != nil || got != n {
		t.Fatalf("import: %d rows, %v", got, err)
	}
	imp := time.Since(t1)
	if os.Getenv("FAZHI_BENCH_IMPORT_ONLY") != "" { // for profiling the import: go test -cpuprofile …
		t.Logf("import: %s, %.0f rows/s", imp.Round(time.Millisecond), float64(n)/imp.Seconds())
		return
	}

	// What the import wrote, table by table, read back (untimed).
	cases := `case_id IN (SELECT id FROM enf_cases WHERE batch_id = ?)`
	written := []benchTable{
		readTable(t, c.db, "enf_import_batches", "id = ?", batch),
		readTable(t, c.db, "enf_cases", "batch_id = ?", batch),
		readTable(t, c.db, "enf_case_officers", cases, batch),
		readTable(t, c.db, "enf_legal_reviews", cases, batch),
		readTable(t, c.db, "enf_case_events", cases, batch),
		readTable(t, c.db, "enf_stats", "1 = 1"),
	}
	total := 0
	var parts []string
	for _, tb := range written {
		total += len(tb.rows)
		parts = append(parts, fmt.Sprintf("%s %d", tb.name, len(tb.rows)))
	}

	// Plain, every row the import wrote.
	all := impSetup(t, storetest.SQLite(t))
	if k := impCount(t, all.db, `SELECT COUNT(*) FROM enf_stats`); k != 0 {
		t.Fatalf("fresh database has %d rollup rows", k)
	}
	t2 := time.Now()
	err = all.db.InTx(ctx, func(tx *store.Tx) error {
		for _, tb := range written {
			if err := tb.insert(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	plainAll := time.Since(t2)
	for _, tb := range written {
		if a, b := impCount(t, c.db, `SELECT COUNT(*) FROM `+tb.name), impCount(t, all.db, `SELECT COUNT(*) FROM `+tb.name); a != b {
			t.Fatalf("%s: import has %d rows, plain copy %d", tb.name, a, b)
		}
	}

	// Plain, the case rows only, through the import's own INSERT.
	base := impSetup(t, storetest.SQLite(t))
	items, _ := base.svc.CurrentItems(ctx, base.scjgj)
	now := time.Now().UTC()
	const chunk = 500
	t3 := time.Now()
	err = base.db.InTx(ctx, func(tx *store.Tx) error {
		args := make([]any, 0, chunk*36)
		for i := 0; i < n; i += chunk {
			m := min(chunk, n-i)
			args = args[:0]
			for k := 0; k < m; k++ {
				j := i + k
				args = append(args, base.scjgj, nil, items[j%len(items)].ID, "penalty", fmt.Sprintf("基准〔2025〕%d号", j+1),
					"ordinary", "closed", "销售过期食品", "检查发现", "org", fmt.Sprintf("清溪县某某超市%d号店", j), "sealed", "index", "",
					"", "", false, false, true, "", "2025-03-03", "2025-04-01", "penalty", "", 500050, 12000, "警告，罚款", false,
					"2025-04-02", "2025-04-20", "2025-05-06", nil, nil, "bench", now, now)
			}
			if _, err := tx.ExecContext(ctx, enforcement.CaseInsertSQL(m), args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	plainCases := time.Since(t3)

	rate := func(rows int, d time.Duration) string {
		return fmt.Sprintf("%s, %.0f rows/s", d.Round(time.Millisecond), float64(rows)/d.Seconds())
	}
	t.Logf("machine: %d CPU, %s", runtime.NumCPU(), runtime.Version())
	t.Logf("file: %d rows, %.1f MB CSV", n, float64(st.Size())/1e6)
	t.Logf("rows the import wrote: %d (%s)", total, strings.Join(parts, ", "))
	t.Logf("import (parse + check + seal + write, one transaction): %s (case rows/s)", rate(n, imp))
	t.Logf("plain batched INSERT of every row the import wrote (one transaction): %s (case rows/s); %.0f rows/s of all tables",
		rate(n, plainAll), float64(total)/plainAll.Seconds())
	t.Logf("plain batched INSERT of the case rows only (%d per statement): %s", chunk, rate(n, plainCases))
	t.Logf("import / plain (every row): %.2f×", imp.Seconds()/plainAll.Seconds())
	t.Logf("import / plain (case rows only): %.2f×", imp.Seconds()/plainCases.Seconds())
}

// benchTable is rows of a table as read back, every column.
type benchTable struct {
	name string
	cols []string
	rows [][]any
}

func readTable(t *testing.T, db *store.DB, name, where string, args ...any) benchTable {
	t.Helper()
	rows, err := db.Read().QueryContext(context.Background(), `SELECT * FROM `+name+` WHERE `+where, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tb := benchTable{name: name}
	if tb.cols, err = rows.Columns(); err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		vals := make([]any, len(tb.cols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		tb.rows = append(tb.rows, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return tb
}

// insert writes the rows with multi-row INSERTs of up to 500 rows (fewer
// when the columns would pass SQLite's 32 766 parameters).
func (tb benchTable) insert(ctx context.Context, tx *store.Tx) error {
	per := min(500, 32766/len(tb.cols))
	stmt := func(k int) string {
		row := "(" + store.Placeholders(len(tb.cols)) + ")"
		return "INSERT INTO " + tb.name + " (" + strings.Join(tb.cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", k), ", ")
	}
	full := stmt(per)
	args := make([]any, 0, per*len(tb.cols))
	for i := 0; i < len(tb.rows); i += per {
		part := tb.rows[i:min(i+per, len(tb.rows))]
		args = args[:0]
		for _, r := range part {
			args = append(args, r...)
		}
		q := full
		if len(part) != per {
			q = stmt(len(part))
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%s: %w", tb.name, err)
		}
	}
	return nil
}

type benchNoProgress struct{}

func (benchNoProgress) Set(int, int, string) {}
