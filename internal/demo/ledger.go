package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"

	"fazhi/internal/audit"
	"fazhi/internal/ledger"
	"fazhi/internal/org"
)

// LedgerYear is the year of the demo county's ledger.
const LedgerYear = 2025

// span is a range of plausible yearly figures for a county unit.
type span struct{ lo, hi int }

// Fictional figures by kind of unit: ranges drawn deterministically per unit
// and field (not the seeds' real figures).
var (
	govFigures = map[string]string{
		"counsel.coverage": "100", "enforce.mobile_rate": "97.6", "enforce.random_rate": "100",
		"enforce.disposal_rate": "95.2", "enforce.subjects": "3", "decision.catalogued": "5",
		"decision.reviewed": "5", "decision.evaluated": "1", "training.gov_study": "6",
	}
	justiceFigures = map[string]string{
		"review.received": "41", "review.closed": "38", "review.corrected": "4", "review.mediated": "9",
		"enforce.case_reviews": "120", "enforce.excellent_cases": "8", "enforce.supervision_notices": "3",
		"normdoc.cleaned": "96", "normdoc.clean_kept": "71", "normdoc.clean_repealed": "22", "normdoc.clean_amended": "3",
		"counsel.public_lawyer": "12",
	}
	deptSpans = map[string]span{
		"counsel.dept": {1, 2}, "counsel.public_lawyer": {0, 2}, "enforce.officers": {6, 60},
		"enforce.inspections": {120, 1600}, "enforce.penalties": {3, 140}, "enforce.coercion": {0, 9},
		"enforce.licences": {0, 420}, "litigation.cases": {0, 4}, "normdoc.issued": {0, 3},
		"contract.reviewed": {2, 16}, "proposal.npc": {1, 9}, "proposal.cppcc": {2, 11},
		"open.proactive": {120, 900}, "open.requests": {0, 6}, "training.lectures": {1, 6},
		"training.campaigns": {2, 12}, "training.exam_takers": {1, 5}, "advice.procuratorial": {0, 2},
	}
	townSpans = map[string]span{
		"counsel.town": {1, 2}, "counsel.village": {6, 15}, "enforce.officers": {8, 24},
		"enforce.inspections": {90, 420}, "enforce.penalties": {10, 90}, "dispute.received": {300, 1500},
		"dispute.committees": {8, 16}, "dispute.mediators": {30, 80}, "dispute.mediated": {80, 300},
		"contract.reviewed": {3, 12}, "open.proactive": {80, 300}, "normdoc.issued": {0, 2},
		"training.lectures": {2, 8}, "training.campaigns": {4, 16}, "litigation.cases": {0, 2},
	}
)

// Ledger fills the demo county's 2025 ledger for the government, every
// department and every township. It does nothing when figures exist.
func (s *Seeder) Ledger(ctx context.Context, svc *ledger.Service) error {
	ctx = audit.WithActor(ctx, s.planActor(ctx))
	units, err := svc.Org.List(ctx, org.ListFilter{Status: org.ActiveOnly})
	if err != nil || len(units) == 0 {
		return err
	}
	if have, err := svc.Sheets(ctx, units[0].ID, LedgerYear); err != nil || len(have) > 0 {
		return err
	}
	var batches []ledger.Batch
	for _, u := range units {
		var values map[string]string
		switch {
		case u.Level == org.LevelGovernment:
			values = govFigures
		case u.Level == org.LevelDepartment:
			values = drawFigures(u.Name, deptSpans)
			if u.Name == "清溪县司法局" {
				for k, v := range justiceFigures {
					values[k] = v
				}
			}
		case u.Level == org.LevelTownship || u.Level == org.LevelSubdistrict:
			values = drawFigures(u.Name, townSpans)
		default:
			continue
		}
		notes := map[string]string{}
		for k := range values {
			notes[k] = "演示数据"
		}
		batches = append(batches, ledger.Batch{UnitID: u.ID, Values: values, Notes: notes})
	}
	if err := svc.SaveAll(ctx, LedgerYear, batches); err != nil {
		return fmt.Errorf("demo ledger: %w", err)
	}
	return nil
}

// drawFigures picks each figure from its span by a hash of unit and field,
// then derives the figures that depend on others so every rule holds.
func drawFigures(unit string, spans map[string]span) map[string]string {
	n := map[string]int{}
	for k, sp := range spans {
		n[k] = draw(unit+"/"+k, sp)
	}
	if c := n["litigation.cases"]; c > 0 {
		n["litigation.head_appeared"] = c - draw(unit+"/appear", span{0, min(c, 1)})
		n["litigation.lost"] = 0
		if draw(unit+"/lost", span{0, 5}) == 0 { // about one unit in six loses a case
			n["litigation.lost"] = 1
		}
	}
	if d := n["normdoc.issued"]; d > 0 {
		n["normdoc.reviewed"], n["normdoc.filed"] = d, d
	}
	if c := n["contract.reviewed"]; c > 0 {
		n["contract.filed"] = c - draw(unit+"/cfiled", span{0, min(c, 2)})
	}
	n["open.answered"] = n["open.requests"]
	if p := n["advice.procuratorial"]; p > 0 {
		n["advice.procuratorial_replied"] = p
	}
	if r := n["dispute.received"]; r > 0 {
		n["dispute.resolved"] = r * draw(unit+"/resolved", span{955, 995}) / 1000
	}
	out := map[string]string{}
	for k, v := range n {
		out[k] = strconv.Itoa(v)
	}
	if o := n["enforce.officers"]; o > 0 {
		out["training.hours"] = strconv.Itoa(o * draw(unit+"/hours", span{40, 62}))
	}
	if p := n["enforce.penalties"]; p > 0 {
		out["enforce.fines"] = strconv.FormatFloat(float64(p*draw(unit+"/fines", span{3000, 12000}))/10000, 'f', 2, 64)
	}
	return out
}

func draw(seed string, sp span) int {
	h := fnv.New64a()
	h.Write([]byte(seed))
	return sp.lo + int(h.Sum64()%uint64(sp.hi-sp.lo+1))
}
