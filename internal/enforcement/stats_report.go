package enforcement

import (
	"context"
	"fmt"
	"strings"

	"fazhi/internal/org"
	"fazhi/internal/store"
)

// Figures are one unit's (or a subtree's) figures of the 统计年报.
type Figures struct {
	Cat          map[Category]Counts // case figures by category, from the rollups
	Visits       int64               // 检查户次
	VisitsMobile int64               // of which 掌上执法
	Referrals    int64               // 两法衔接 移送
	Appeals      [2]AppealFigures    // 行政复议, 行政诉讼 (AppealKinds order)
}

// AppealFigures count the 复议 or 诉讼 of a year: filed in it, and decided
// in it by outcome.
type AppealFigures struct {
	Filed     int64
	ByOutcome map[Outcome]int64
}

// Decided is the number decided in the year.
func (a AppealFigures) Decided() int64 {
	var n int64
	for _, v := range a.ByOutcome {
		n += v
	}
	return n
}

// Upheld counts 维持 and 驳回.
func (a AppealFigures) Upheld() int64 {
	return a.ByOutcome[OutcomeUpheld] + a.ByOutcome[OutcomeDismissed]
}

// Corrected counts the outcomes that correct the decision.
func (a AppealFigures) Corrected() int64 {
	var n int64
	for o, v := range a.ByOutcome {
		if o.Corrected() {
			n += v
		}
	}
	return n
}

// Other counts 调解, 撤回 and other endings.
func (a AppealFigures) Other() int64 { return a.Decided() - a.Upheld() - a.Corrected() }

// Sum adds the figures of every category.
func (f Figures) Sum() Counts {
	var c Counts
	for _, v := range f.Cat {
		c.Add(v)
	}
	return c
}

// Add adds o to f.
func (f *Figures) Add(o Figures) {
	if f.Cat == nil {
		f.Cat = map[Category]Counts{}
	}
	for k, v := range o.Cat {
		c := f.Cat[k]
		c.Add(v)
		f.Cat[k] = c
	}
	f.Visits += o.Visits
	f.VisitsMobile += o.VisitsMobile
	f.Referrals += o.Referrals
	for i := range f.Appeals {
		f.Appeals[i].Filed += o.Appeals[i].Filed
		for k, v := range o.Appeals[i].ByOutcome {
			if f.Appeals[i].ByOutcome == nil {
				f.Appeals[i].ByOutcome = map[Outcome]int64{}
			}
			f.Appeals[i].ByOutcome[k] += v
		}
	}
}

// Empty reports whether nothing was recorded.
func (f Figures) Empty() bool {
	return f.Sum().zero() && f.Visits == 0 && f.Referrals == 0 && f.Appeals[0].Filed == 0 && f.Appeals[1].Filed == 0 &&
		f.Appeals[0].Decided() == 0 && f.Appeals[1].Decided() == 0
}

// ReportRow is one unit of the report: its own figures and those of its
// whole subtree.
type ReportRow struct {
	UnitID int64
	Name   string
	Path   string
	Depth  int // 0 for the report's root
	Own    Figures
	Sub    Figures // own and descendants'
	HasSub bool    // a descendant has figures (so Sub differs from Own)
}

// AnnualReport is the 行政执法统计年报 of a unit's subtree for a year.
type AnnualReport struct {
	Year     int
	RootID   int64
	RootName string
	Rows     []ReportRow // units with figures (and the root), in tree order
	Total    Figures
}

// AnnualReport builds the 统计年报 from the rollup tables: the path the page,
// the export and the metrics use.
func (s *Service) AnnualReport(ctx context.Context, rootID int64, year int) (AnnualReport, error) {
	return s.annualReport(ctx, rootID, year, false)
}

// AnnualReportDirect builds the same report by counting enf_cases and
// enf_inspections (for the consistency tests and the benchmark's
// comparison).
func (s *Service) AnnualReportDirect(ctx context.Context, rootID int64, year int) (AnnualReport, error) {
	return s.annualReport(ctx, rootID, year, true)
}

func (s *Service) annualReport(ctx context.Context, rootID int64, year int, direct bool) (AnnualReport, error) {
	if year < 1949 || year > 9998 {
		return AnnualReport{}, invalid("统计年度“%d”无效", year)
	}
	units, err := s.Org.List(ctx, org.ListFilter{RootID: rootID})
	if err != nil {
		return AnnualReport{}, err
	}
	if len(units) == 0 {
		return AnnualReport{}, notFound("单位不存在")
	}
	root := units[0]
	q := s.DB.Read()
	from, to := yearBounds(year)
	var rows map[statKey]Counts
	var visits map[inspKey]InspCounts
	if direct {
		rows, err = casesAggregate(ctx, q, from, to, root.Path)
		if err == nil {
			visits, err = inspectionRecords(ctx, q, from, to, root.Path)
		}
	} else {
		rows, err = rollupRows(ctx, q, year, root.Path)
		if err == nil {
			visits, err = inspectionRollups(ctx, q, year, root.Path)
		}
	}
	if err != nil {
		return AnnualReport{}, err
	}
	own := map[int64]*Figures{}
	fig := func(id int64) *Figures {
		if own[id] == nil {
			own[id] = &Figures{Cat: map[Category]Counts{}}
		}
		return own[id]
	}
	for k, c := range rows {
		f := fig(k.UnitID)
		v := f.Cat[k.Category]
		v.Add(c)
		f.Cat[k.Category] = v
	}
	for k, v := range visits {
		fig(k.UnitID).Visits, fig(k.UnitID).VisitsMobile = v.Visits, v.Mobile
	}
	if err := reportExtras(ctx, q, root.Path, year, fig); err != nil {
		return AnnualReport{}, err
	}
	return assembleReport(root, units, year, own), nil
}

// assembleReport sums each unit's figures into its ancestors' subtrees and
// keeps the units that have any (the root always).
func assembleReport(root org.Unit, units []org.Unit, year int, own map[int64]*Figures) AnnualReport {
	rep := AnnualReport{Year: year, RootID: root.ID, RootName: root.Name}
	sub := make([]Figures, len(units))
	for i, u := range units {
		if f := own[u.ID]; f != nil {
			sub[i].Add(*f)
		}
	}
	// units are in tree order: a unit's descendants follow it, so adding
	// from the end up into each unit's nearest ancestor in the list works.
	index := map[int64]int{}
	for i, u := range units {
		index[u.ID] = i
	}
	for i := len(units) - 1; i > 0; i-- {
		if p, ok := index[units[i].ParentID]; ok {
			sub[p].Add(sub[i])
		}
	}
	base := units[0].Depth()
	for i, u := range units {
		var o Figures
		if f := own[u.ID]; f != nil {
			o = *f
		}
		if i > 0 && sub[i].Empty() {
			continue
		}
		rep.Rows = append(rep.Rows, ReportRow{UnitID: u.ID, Name: u.Name, Path: u.Path, Depth: u.Depth() - base,
			Own: o, Sub: sub[i], HasSub: !sameFigures(o, sub[i])})
	}
	rep.Total = sub[0]
	return rep
}

func sameFigures(a, b Figures) bool {
	if a.Sum() != b.Sum() || a.Visits != b.Visits || a.Referrals != b.Referrals {
		return false
	}
	for i := range a.Appeals {
		if a.Appeals[i].Filed != b.Appeals[i].Filed || a.Appeals[i].Decided() != b.Appeals[i].Decided() {
			return false
		}
	}
	return true
}

// reportExtras adds what has no rollup: 两法衔接 and 复议/诉讼 (a few
// per thousand cases), each one grouped query over an index.
func reportExtras(ctx context.Context, q store.Querier, path string, year int, fig func(int64) *Figures) error {
	from, to := yearBounds(year)
	in := ` AND unit_id IN (SELECT id FROM units WHERE path LIKE ?)`
	args := []any{from, to, path + "%"}
	err := eachRow(ctx, q, `SELECT unit_id, COUNT(*) FROM enf_referrals WHERE referred_on >= ? AND referred_on < ?`+in+
		` GROUP BY unit_id`, args, func(sc func(...any) error) error {
		var id, n int64
		err := sc(&id, &n)
		fig(id).Referrals = n
		return err
	})
	if err != nil {
		return fmt.Errorf("referrals: %w", err)
	}
	return appealExtras(ctx, q, args, in, fig)
}

func appealExtras(ctx context.Context, q store.Querier, args []any, in string, fig func(int64) *Figures) error {
	kindIndex := func(k string) int {
		if AppealKind(k) == AppealLitigation {
			return 1
		}
		return 0
	}
	err := eachRow(ctx, q, `SELECT unit_id, kind, COUNT(*) FROM enf_appeals WHERE filed_on >= ? AND filed_on < ?`+in+
		` GROUP BY unit_id, kind`, args, func(sc func(...any) error) error {
		var id, n int64
		var kind string
		err := sc(&id, &kind, &n)
		fig(id).Appeals[kindIndex(kind)].Filed = n
		return err
	})
	if err != nil {
		return fmt.Errorf("appeals filed: %w", err)
	}
	err = eachRow(ctx, q, `SELECT unit_id, kind, outcome, COUNT(*) FROM enf_appeals WHERE decided_on >= ? AND decided_on < ?
		AND outcome <> ''`+in+` GROUP BY unit_id, kind, outcome`, args, func(sc func(...any) error) error {
		var id, n int64
		var kind, outcome string
		if err := sc(&id, &kind, &outcome, &n); err != nil {
			return err
		}
		a := &fig(id).Appeals[kindIndex(kind)]
		if a.ByOutcome == nil {
			a.ByOutcome = map[Outcome]int64{}
		}
		a.ByOutcome[Outcome(outcome)] += n
		return nil
	})
	if err != nil {
		return fmt.Errorf("appeals decided: %w", err)
	}
	return nil
}

// eachRow runs a query and hands each row's Scan to fn.
func eachRow(ctx context.Context, q store.Querier, query string, args []any, fn func(func(...any) error) error) error {
	rows, err := q.QueryContext(ctx, strings.TrimSpace(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
