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
	"testing"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// TestBenchImportCases measures the case import against a plain batched
// INSERT of the same rows (docs/BENCHMARKS.md). It runs only when asked:
//
//	FAZHI_BENCH_IMPORT_ROWS=1000000 go test ./internal/enforcement -run TestBenchImportCases -v -timeout 30m
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

	// Baseline: the same number of rows through the import's own INSERT
	// statement, values prepared in memory, one transaction.
	base := impSetup(t, storetest.SQLite(t))
	items, _ := base.svc.CurrentItems(ctx, base.scjgj)
	now := time.Now().UTC()
	const chunk = 500
	t0 := time.Now()
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
	plain := time.Since(t0)

	// The import: read, check every row (units, items, dates, money,
	// 身份证号, duplicates), seal personal data, write all or nothing.
	c := impSetup(t, storetest.SQLite(t))
	in, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	t1 := time.Now()
	_, got, err := c.svc.ImportDirect(c.ctx, enforcement.ImportCases, c.gov, "cases.csv", in, benchNoProgress{})
	if err != nil || got != n {
		t.Fatalf("import: %d rows, %v", got, err)
	}
	imp := time.Since(t1)
	t.Logf("machine: %d CPU, %s", runtime.NumCPU(), runtime.Version())
	t.Logf("file: %d rows, %.1f MB CSV", n, float64(st.Size())/1e6)
	t.Logf("plain batched INSERT (%d rows per statement, one transaction): %s, %.0f rows/s", chunk, plain.Round(time.Millisecond), float64(n)/plain.Seconds())
	t.Logf("import (parse + check + seal + write, one transaction): %s, %.0f rows/s", imp.Round(time.Millisecond), float64(n)/imp.Seconds())
	t.Logf("import / plain: %.2f×", imp.Seconds()/plain.Seconds())
}

type benchNoProgress struct{}

func (benchNoProgress) Set(int, int, string) {}
