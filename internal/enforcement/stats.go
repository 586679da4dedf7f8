package enforcement

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"fazhi/internal/store"
)

// CaseFacts are the fields of a case that the 统计年报 counts. Whoever writes
// a case row (the case steps, the import, an appeal outcome) passes the
// case's facts before and after the change to applyStats in the same
// transaction, so the rollup tables always agree with the records.
// loadCaseFacts reads them from the row, which is the safest way to build
// them.
type CaseFacts struct {
	UnitID         int64
	Category       Category
	Procedure      Procedure
	State          State
	Decision       Decision
	FiledOn        string // ISO date; the year of 立案 counts filings
	DecidedOn      string // ISO date; the year of the decision counts decisions, fines, 听证
	FineFen        int64
	ConfiscatedFen int64
	Hearing        bool
	Major          bool
	Reviewed       bool // a 法制审核 was recorded
	Mobile         bool
	PenaltyText    string // 处罚内容: the kinds of penalty (警告, 吊销 …) are read from it
}

// applyStats moves one case's contribution in the rollups from before to
// after; nil before means a new case, nil after a removed one.
func (s *Service) applyStats(ctx context.Context, tx *store.Tx, before, after *CaseFacts) error {
	var minus, plus []CaseFacts
	if before != nil {
		minus = []CaseFacts{*before}
	}
	if after != nil {
		plus = []CaseFacts{*after}
	}
	return s.addStats(ctx, tx, minus, plus)
}

// addStats removes the contributions of minus and adds those of plus (bulk
// form for imports): the deltas are aggregated in memory first, then written
// with one upsert per rollup row, in key order so that concurrent writers
// on PostgreSQL lock rows in the same order.
func (s *Service) addStats(ctx context.Context, tx *store.Tx, minus, plus []CaseFacts) error {
	if rollupsOff.Load() {
		return nil
	}
	deltas := statDeltas(minus, plus)
	if len(deltas) == 0 {
		return nil
	}
	keys := make([]statKey, 0, len(deltas))
	for k := range deltas {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, statKey.compare)
	for _, k := range keys {
		c := deltas[k]
		args := append([]any{k.UnitID, k.Year, string(k.Category)}, c.args()...)
		if _, err := tx.ExecContext(ctx, upsertStats, args...); err != nil {
			return fmt.Errorf("enforcement statistics %d/%d/%s: %w", k.UnitID, k.Year, k.Category, err)
		}
	}
	return nil
}

// rollupsOff leaves the rollups alone. Only the write-cost benchmark sets
// it (stats_bench_write_test.go), to time the same case writes with and
// without their upsert; the consistency recount repairs what it skipped.
var rollupsOff atomic.Bool

// statKey is a rollup row's key.
type statKey struct {
	UnitID   int64
	Year     int
	Category Category
}

func (a statKey) compare(b statKey) int {
	return cmp.Or(cmp.Compare(a.UnitID, b.UnitID), cmp.Compare(a.Year, b.Year), cmp.Compare(a.Category, b.Category))
}

// The rollup columns, in table order. Counts indexes them.
const (
	cFiled = iota
	cFiledSimple
	cFiledMobile
	cDecided
	cDecPenalty
	cDecNoPenalty
	cDecTransfer
	cDecSimple
	cRevoked
	cWarning
	cFine
	cConfiscate
	cLicence
	cSuspend
	cDetention
	cOther
	cHearings
	cMajor
	cMajorReviewed
	cFineFen
	cConfiscatedFen
	nStatCols
)

var statCols = [nStatCols]string{"filed", "filed_simple", "filed_mobile", "decided", "dec_penalty",
	"dec_no_penalty", "dec_transfer", "dec_simple", "revoked", "k_warning", "k_fine", "k_confiscate", "k_licence",
	"k_suspend", "k_detention", "k_other", "hearings", "major", "major_reviewed", "fine_fen", "confiscated_fen"}

// Counts are one rollup row's figures (or a sum of rows).
type Counts [nStatCols]int64

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	for i := range c {
		c[i] += o[i]
	}
}

func (c *Counts) sub(o Counts) {
	for i := range c {
		c[i] -= o[i]
	}
}

func (c Counts) zero() bool { return c == Counts{} }

func (c *Counts) args() []any {
	out := make([]any, nStatCols)
	for i := range c {
		out[i] = c[i]
	}
	return out
}

func (c *Counts) ptrs() []any {
	out := make([]any, nStatCols)
	for i := range c {
		out[i] = &c[i]
	}
	return out
}

// upsertStats adds a delta row; "n = n + excluded.n" makes concurrent
// writers on PostgreSQL add up instead of overwriting each other.
var upsertStats = func() string {
	set := make([]string, nStatCols)
	for i, c := range statCols {
		set[i] = c + " = enf_stats." + c + " + excluded." + c
	}
	return `INSERT INTO enf_stats (unit_id, year, category, ` + strings.Join(statCols[:], ", ") + `) VALUES (?, ?, ?, ` +
		store.Placeholders(nStatCols) + `) ON CONFLICT (unit_id, year, category) DO UPDATE SET ` + strings.Join(set, ", ")
}()

// statDeltas aggregates the contributions of plus minus those of minus,
// dropping rows whose delta is zero.
func statDeltas(minus, plus []CaseFacts) map[statKey]Counts {
	out := map[statKey]Counts{}
	for sign, list := range [][]CaseFacts{minus, plus} {
		for _, f := range list {
			for _, d := range contributions(f) {
				c := out[d.key]
				if sign == 0 {
					c.sub(d.counts)
				} else {
					c.Add(d.counts)
				}
				out[d.key] = c
			}
		}
	}
	for k, c := range out {
		if c.zero() {
			delete(out, k)
		}
	}
	return out
}

type statDelta struct {
	key    statKey
	counts Counts
}

// contributions are what one case adds to the rollups: its filing in the
// year of 立案, its decision in the year of the decision. Decisions count
// whatever became of them later (revoked ones in 撤销 too); penalty kinds
// and amounts count only decisions still in force.
func contributions(f CaseFacts) []statDelta {
	cat := f.Category
	if cat == "" {
		cat = CatPenalty
	}
	var out []statDelta
	if y := yearOf(f.FiledOn); y > 0 {
		var c Counts
		c[cFiled] = 1
		c[cFiledSimple] = b2i(f.Procedure == ProcSimple)
		c[cFiledMobile] = b2i(f.Mobile)
		out = append(out, statDelta{statKey{f.UnitID, y, cat}, c})
	}
	if y := yearOf(f.DecidedOn); y > 0 {
		out = append(out, statDelta{statKey{f.UnitID, y, cat}, decisionCounts(f)})
	}
	return out
}

func decisionCounts(f CaseFacts) Counts {
	var c Counts
	revoked := f.Revoked()
	c[cDecided] = 1
	switch f.Decision {
	case DecPenalty, decisionRevoked:
		c[cDecPenalty] = 1
	case DecNoPenalty:
		c[cDecNoPenalty] = 1
	case DecTransfer:
		c[cDecTransfer] = 1
	}
	c[cDecSimple] = b2i(f.Procedure == ProcSimple)
	c[cRevoked] = b2i(revoked)
	c[cHearings] = b2i(f.Hearing)
	c[cMajor] = b2i(f.Major)
	c[cMajorReviewed] = b2i(f.Major && f.Reviewed)
	if c[cDecPenalty] == 1 && !revoked {
		for _, k := range PenaltyKindsOf(f.PenaltyText, f.FineFen, f.ConfiscatedFen) {
			c[kindCol[k]]++
		}
		c[cFineFen], c[cConfiscatedFen] = f.FineFen, f.ConfiscatedFen
	}
	return c
}

// decisionRevoked is the decision value some writers store once a decision
// is revoked (the state says so too).
const decisionRevoked Decision = "revoked"

// Revoked reports whether the case's decision was revoked.
func (f CaseFacts) Revoked() bool { return f.State == StateRevoked || f.Decision == decisionRevoked }

// yearOf is the year of an ISO date, 0 when there is none.
func yearOf(iso string) int {
	if len(iso) < 4 {
		return 0
	}
	y := 0
	for _, r := range iso[:4] {
		if r < '0' || r > '9' {
			return 0
		}
		y = y*10 + int(r-'0')
	}
	return y
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// caseFactsSelect reads a case's facts; "reviewed" is a 法制审核 that passed, as the
// case step, the import and the 统计年报 column 其中经法制审核 count it.
const caseFactsSelect = `SELECT c.unit_id, c.category, c.procedure, c.state, c.decision, c.filed_on, c.decided_on,
	c.fine_fen, c.confiscated_fen, c.hearing, c.major,
	EXISTS (SELECT 1 FROM enf_legal_reviews r WHERE r.case_id = c.id AND r.result = 'pass'), c.mobile, c.penalty_text FROM enf_cases c `

func scanCaseFacts(sc interface{ Scan(...any) error }) (CaseFacts, error) {
	var f CaseFacts
	var cat, proc, state, dec string
	err := sc.Scan(&f.UnitID, &cat, &proc, &state, &dec, &f.FiledOn, &f.DecidedOn, &f.FineFen, &f.ConfiscatedFen,
		&f.Hearing, &f.Major, &f.Reviewed, &f.Mobile, &f.PenaltyText)
	f.Category, f.Procedure, f.State, f.Decision = Category(cat), Procedure(proc), State(state), Decision(dec)
	return f, err
}

// loadCaseFacts reads a case's facts as stored, inside the writer's
// transaction: call it before and after changing the row and pass both to
// applyStats.
func (s *Service) loadCaseFacts(ctx context.Context, tx *store.Tx, caseID int64) (*CaseFacts, error) {
	f, err := scanCaseFacts(tx.QueryRowContext(ctx, caseFactsSelect+`WHERE c.id = ?`, caseID))
	if err != nil {
		return nil, fmt.Errorf("case %d facts: %w", caseID, err)
	}
	return &f, nil
}
