package enforcement

import (
	"context"

	"fazhi/internal/store"
)

// CaseFacts are the fields of a case that the 统计年报 counts. Whoever writes
// a case row (the case steps, the import, an appeal outcome) passes the
// case's facts before and after the change to applyStats in the same
// transaction, so the rollup tables always agree with the records.
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
// form for imports: aggregate first, then one upsert per rollup row).
func (s *Service) addStats(ctx context.Context, tx *store.Tx, minus, plus []CaseFacts) error {
	return nil // the rollup tables arrive with the statistics part
}
