package ledger

import (
	"context"
	"fmt"
	"time"

	"fazhi/internal/audit"
)

// Revision is one save of a unit's yearly ledger, read back from the audit
// log (which is where the ledger keeps its history).
type Revision struct {
	At       time.Time
	Username string
	Changes  []audit.Change
}

// maxRevisions bounds the history shown with a form.
const maxRevisions = 50

// History lists the latest saves of a unit's ledger for year, newest first.
func (s *Service) History(ctx context.Context, unitID int64, year int) ([]Revision, error) {
	id := objectID(unitID, year)
	rows, _, err := audit.Search(ctx, s.DB, audit.Filter{Action: ActionSave, ObjectType: "ledger", Text: id, Limit: maxRevisions})
	if err != nil {
		return nil, fmt.Errorf("ledger history: %w", err)
	}
	var out []Revision
	for _, r := range rows {
		if r.ObjectID == id { // the text filter also matches 112/2025 for 12/2025
			out = append(out, Revision{At: r.At, Username: r.Username, Changes: audit.ParseChanges(r.Changes)})
		}
	}
	return out, nil
}

func objectID(unitID int64, year int) string { return fmt.Sprintf("%d/%d", unitID, year) }
