package enforcement

import (
	"context"

	"fazhi/internal/store"
)

// Test hooks: the external tests write cases the way the case writers do,
// through the unexported statistics hook.

func (s *Service) SupApplyStats(ctx context.Context, tx *store.Tx, before, after *CaseFacts) error {
	return s.applyStats(ctx, tx, before, after)
}

func (s *Service) SupAddStats(ctx context.Context, tx *store.Tx, minus, plus []CaseFacts) error {
	return s.addStats(ctx, tx, minus, plus)
}

func (s *Service) SupLoadCaseFacts(ctx context.Context, tx *store.Tx, id int64) (*CaseFacts, error) {
	return s.loadCaseFacts(ctx, tx, id)
}

// SupRollupsOff switches the rollup upsert off (true) or on, for the
// write-cost benchmark only.
func SupRollupsOff(off bool) { rollupsOff.Store(off) }

// SupContributions exposes the per-case contribution rule.
func SupContributions(f CaseFacts) map[int]Counts {
	out := map[int]Counts{}
	for _, d := range contributions(f) {
		out[d.key.Year] = d.counts
	}
	return out
}

// Column indexes for tests.
const (
	SupFiled, SupDecPenalty, SupRevoked, SupFine, SupFineFen = cFiled, cDecPenalty, cRevoked, cFine, cFineFen
	SupWarning, SupOther, SupMajorReviewed, SupFiledMobile   = cWarning, cOther, cMajorReviewed, cFiledMobile
)

// SupColDecTransfer is the rollup column of 移送 decisions.
const SupColDecTransfer = cDecTransfer
