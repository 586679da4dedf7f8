package enforcement_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// The public search finds exactly the decisions a plain reading of the rule
// gives — not withdrawn, in the unit and period, title or 文号 containing the
// keyword and holding every term of it — newest first, whether the keyword's
// terms are common (more than 2 000 postings: the date order drives the
// search) or rare (the term index drives it), page after page.
func TestSearchPublicMatchesTheRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj, zf := c.units["清溪县市场监督管理局"], c.units["清溪县综合行政执法局"]
		type pub struct {
			id             int64
			unit           int64
			title, no, day string
			withdrawn      bool
		}
		var all []pub
		special := []pub{
			{unit: scj, title: "王五销售案", no: "清市监罚〔2024〕7号", day: "2024-06-01"},
			{unit: scj, title: "李*未明码标价案", no: "清市监罚〔2026〕101号", day: "2026-01-05"},
			{unit: zf, title: "ABC公司违法建设案", no: "清综执罚〔2026〕12号", day: "2026-02-01"},
			{unit: zf, title: "赵*销售过期食品案", no: "清综执罚〔2025〕3号", day: "2025-05-05", withdrawn: true},
			{unit: zf, title: "孙*销售过期食品案", no: "清综执罚〔2025〕4号", day: "2025-05-05"},
		}
		start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i < 2050; i++ { // enough for 销售, 过期 … to be common terms
			unit := scj
			if i%3 == 0 {
				unit = zf
			}
			all = append(all, pub{unit: unit, title: "张*销售过期食品案", no: fmt.Sprintf("清罚〔2025〕%d号", 1000+i),
				day: start.AddDate(0, 0, i%1000).Format(time.DateOnly)})
		}
		all = append(all, special...)
		now := time.Now().UTC()
		err := db.InTx(c.ctx, func(tx *store.Tx) error {
			for i := range all {
				p := &all[i]
				caseID, err := tx.InsertID(c.ctx, `INSERT INTO enf_cases (unit_id, case_no, procedure, state, title, party_name,
					decided_on, decision, decision_no, created_at, updated_at) VALUES (?, ?, 'ordinary', 'closed', ?, 'x', ?, 'penalty', ?, ?, ?)`,
					p.unit, p.no, p.title, p.day, p.no, now, now)
				if err != nil {
					return err
				}
				withdrawn := ""
				if p.withdrawn {
					withdrawn = p.day
				}
				if p.id, err = tx.InsertID(c.ctx, `INSERT INTO enf_publications (case_id, unit_id, category, title, body, decision_no,
					decided_on, due_on, published_on, late, withdrawn_on, created_at) VALUES (?, ?, 'penalty', ?, '', ?, ?, ?, ?, ?, ?, ?)`,
					caseID, p.unit, p.title, p.no, p.day, p.day, p.day, false, withdrawn, now); err != nil {
					return err
				}
				if err := c.svc.IndexPublication(c.ctx, tx, p.id, p.title, p.no); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		rule := func(f enforcement.PublicationFilter) []int64 {
			var want []pub
			for _, p := range all {
				text := p.title + " " + p.no
				ok := !p.withdrawn && (f.UnitID == 0 || p.unit == f.UnitID) && (f.From == "" || p.day >= f.From) &&
					(f.To == "" || p.day <= f.To) && (strings.Contains(p.title, f.Query) || strings.Contains(p.no, f.Query))
				for _, term := range enforcement.PublicationTerms(f.Query) {
					ok = ok && slices.Contains(enforcement.PublicationTerms(text), term)
				}
				if ok {
					want = append(want, p)
				}
			}
			slices.SortFunc(want, func(a, b pub) int {
				if a.day != b.day {
					return strings.Compare(b.day, a.day)
				}
				return int(b.id - a.id)
			})
			ids := make([]int64, len(want))
			for i, p := range want {
				ids[i] = p.id
			}
			return ids
		}
		for _, f := range []enforcement.PublicationFilter{
			{Query: "销售过期食品"}, // common terms: walks the dates
			{Query: "过期", UnitID: zf, From: "2023-03-01", To: "2023-06-30"},
			{Query: "王五"}, // a rare pair
			{Query: "五"},  // a lone character inside a longer run: not a term of 王五销售案
			{Query: "王"},  // likewise

			{Query: "2026〕12"}, // letters/digits runs
			{Query: "202"},     // part of a run: not a term
			{Query: "ABC公司"},
			{Query: "销售食品"},      // terms present, not adjacent
			{Query: "%"},         // literal
			{Query: "清罚〔2025〕1"}, // common pair and run, a rare one
			{UnitID: scj, From: "2025-01-01"},
		} {
			var got []int64
			for page := 1; ; page++ {
				f.Page, f.PerPage = page, 100
				list, more, err := c.svc.SearchPublic(c.ctx, f)
				if err != nil {
					t.Fatalf("%+v: %v", f, err)
				}
				for _, p := range list {
					got = append(got, p.ID)
				}
				if !more {
					break
				}
			}
			if want := rule(f); !slices.Equal(got, want) {
				t.Errorf("q=%q unit=%d %s–%s: %d decisions, want %d (first %v, want %v)", f.Query, f.UnitID, f.From, f.To,
					len(got), len(want), got[:min(3, len(got))], want[:min(3, len(want))])
			}
		}
	})
}
