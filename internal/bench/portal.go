package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"fazhi/internal/app"
	"fazhi/internal/demo"
	"fazhi/internal/store"
)

// PreparePortal fills a fresh database (cfg.DB) with the demo county and
// rows published decisions spread over its enforcing units and the last
// five years, as the case steps would have written them (one closed case
// and one publication each, a few withdrawn). It returns the unit ids.
func PreparePortal(ctx context.Context, cfg app.Config, rows int) ([]int64, error) {
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	seeder := &demo.Seeder{DB: a.DB, Org: a.Org, Auth: a.Auth}
	if _, err := seeder.Run(ctx); err != nil {
		return nil, err
	}
	units, err := departments(ctx, a)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Now().UTC()
	const batch = 500
	for done := 0; done < rows; done += batch {
		err := a.DB.InTx(ctx, func(tx *store.Tx) error {
			var cases, pubs strings.Builder
			var cargs, pargs []any
			n := min(batch, rows-done)
			for k := 0; k < n; k++ {
				i := done + k
				unit := units[rng.IntN(len(units))]
				day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(5*365)).Format(time.DateOnly)
				no := fmt.Sprintf("清罚〔%s〕%d号", day[:4], i+1)
				word := benchWords[rng.IntN(len(benchWords))]
				title := fmt.Sprintf("%s*%s案", benchSurnames[rng.IntN(len(benchSurnames))], word)
				body := fmt.Sprintf("当事人%s，经查%s，违反有关规定，依法决定罚款%d元。", title[:3], word, 200+rng.IntN(50000))
				withdrawn := ""
				if rng.IntN(200) == 0 {
					withdrawn = day
				}
				if k > 0 {
					cases.WriteString(",")
					pubs.WriteString(",")
				}
				cases.WriteString("(?, ?, 'ordinary', 'closed', ?, 'x', ?, 'penalty', ?, ?, ?)")
				cargs = append(cargs, unit, no, title, day, no, now, now)
				pubs.WriteString("((SELECT id FROM enf_cases WHERE case_no = ?), ?, 'penalty', ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				pargs = append(pargs, no, unit, title, body, no, day, day, day, rng.IntN(20) == 0, withdrawn, now)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO enf_cases (unit_id, case_no, procedure, state, title, party_name,
				decided_on, decision, decision_no, created_at, updated_at) VALUES `+cases.String(), cargs...); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO enf_publications (case_id, unit_id, category, title, body, decision_no,
				decided_on, due_on, published_on, late, withdrawn_on, created_at) VALUES `+pubs.String(), pargs...)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("generate publications: %w", err)
		}
	}
	if _, err := a.Web.Enforcement.RebuildPublicationTerms(ctx); err != nil {
		return nil, err
	}
	// A bulk load changes the tables' shape; the server analyses on start
	// (store.Migrate → Optimize), as after any restart.
	return units, nil
}

var (
	benchWords    = []string{"销售过期食品", "未明码标价", "擅自占道经营", "超标排放", "无证经营", "超限运输", "违法建设", "未落实安全生产责任"}
	benchSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"}
)

// PortalQuery is the i-th search of the load mix, drawn the way people use
// the page: a unit (70 %), a period (50 %), a keyword (30 %), a page 1–5,
// so caches cannot answer it.
func PortalQuery(base string, units []int64, i int) string {
	rng := rand.New(rand.NewPCG(uint64(i), 7))
	q := url.Values{}
	if rng.IntN(10) < 7 {
		q.Set("unit", fmt.Sprint(units[rng.IntN(len(units))]))
	}
	if rng.IntN(2) == 0 {
		y := 2022 + rng.IntN(5)
		m := 1 + rng.IntN(12)
		q.Set("from", fmt.Sprintf("%d-%02d-01", y, m))
		q.Set("to", fmt.Sprintf("%d-12-31", y))
	}
	if rng.IntN(10) < 3 {
		q.Set("q", benchWords[rng.IntN(len(benchWords))])
	}
	q.Set("page", fmt.Sprint(1+rng.IntN(5)))
	return strings.TrimSuffix(base, "/") + "/public/enforcement/decisions?" + q.Encode()
}

// PortalUnits reads the unit ids of a database PreparePortal filled (for a
// rerun on it): the departments, as PreparePortal drew from.
func PortalUnits(ctx context.Context, cfg app.Config) ([]int64, error) {
	a, err := app.Open(ctx, cfg, nil)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	return departments(ctx, a)
}

// departments are the demo county's departments, which hold the decisions.
func departments(ctx context.Context, a *app.App) ([]int64, error) {
	var units []int64
	r, err := a.DB.Read().QueryContext(ctx, `SELECT id FROM units WHERE level = 'department' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	for r.Next() {
		var id int64
		if err := r.Scan(&id); err != nil {
			return nil, err
		}
		units = append(units, id)
	}
	if len(units) == 0 {
		return nil, fmt.Errorf("no departments in the demo county")
	}
	return units, r.Err()
}
