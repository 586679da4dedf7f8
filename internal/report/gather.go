package report

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"fazhi/internal/metric"
	"fazhi/internal/org"
	"fazhi/internal/supervise"
)

// nativePages are the pages where a capability shows the records behind
// its figures; a capability not listed links to the metric directory.
var nativePages = map[string]string{
	"行政执法": "/enforcement/stats",
	"规划督办": "/supervise/dashboard",
}

// NativeLink is the page of the records behind a capability's figure.
func NativeLink(owner string, year int) string {
	if p, ok := nativePages[owner]; ok {
		return fmt.Sprintf("%s?year=%d", p, year)
	}
	return fmt.Sprintf("/metrics?year=%d", year)
}

// LedgerLink is where a 台账 figure was entered: the form of the one unit
// that entered it, or the subtree's table of the field's group when
// several units did.
func LedgerLink(key, group string, year int, contributors []int64) string {
	if len(contributors) == 1 {
		return fmt.Sprintf("/ledger?unit=%d&year=%d#field-%s", contributors[0], year, key)
	}
	return fmt.Sprintf("/ledger?view=totals&year=%d&group=%s#field-%s", year, url.QueryEscape(group), key)
}

// snapshot reads every registered metric for the unit's subtree and year,
// with its source and link, in registry order.
func (s *Service) snapshot(ctx context.Context, u org.Unit, year int) (Figures, []string, error) {
	contrib, err := s.ledgerContributors(ctx, u, year)
	if err != nil {
		return nil, nil, err
	}
	figs, order := Figures{}, []string{}
	if s.Metrics == nil {
		return figs, order, nil
	}
	for _, info := range s.Metrics.List() {
		v, err := s.Metrics.Value(ctx, info.Key, u.ID, metric.Year(year))
		if err != nil {
			return nil, nil, fmt.Errorf("figure %s: %w", info.Key, err)
		}
		f := Figure{Key: info.Key, Name: info.Name, Unit: info.Unit, Group: info.Group, Known: v.Known,
			Number: v.Number, Source: v.From, Note: v.Note}
		if v.Known {
			f.Native = !strings.Contains(v.From, metric.LedgerFrom)
			f.Link = figureLink(info, f, year, contrib)
		}
		figs[info.Key] = f
		order = append(order, info.Key)
	}
	return figs, order, nil
}

func figureLink(info metric.Info, f Figure, year int, contrib map[string][]int64) string {
	if f.Native {
		owner := info.Native
		if owner == "" {
			owner = f.Source
		}
		return NativeLink(owner, year)
	}
	field := info.Key
	if info.Ratio != nil { // a rate computed from 台账 figures: where its numerator was entered
		field = info.Ratio.Num
	}
	return LedgerLink(info.Key, info.Group, year, contrib[field])
}

// ledgerContributors lists, per ledger field, the units of the subtree
// that entered it (the root alone for figures that are not summed).
func (s *Service) ledgerContributors(ctx context.Context, u org.Unit, year int) (map[string][]int64, error) {
	out := map[string][]int64{}
	if s.Ledger == nil {
		return out, nil
	}
	sheets, err := s.Ledger.Sheets(ctx, u.ID, year)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(sheets))
	for id := range sheets {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		for k := range sheets[id].Entries {
			out[k] = append(out[k], id)
		}
	}
	return out, nil
}

// input gathers what drafting needs for the unit's subtree and year.
func (s *Service) input(ctx context.Context, u org.Unit, year int, figs Figures, order []string) (Input, error) {
	in := Input{UnitName: u.Name, Year: year, Figures: figs, Order: order}
	var err error
	if s.Tasks != nil {
		if in.Progress, err = s.progress(ctx, u, year); err != nil {
			return in, err
		}
		if in.Overdue, in.Next, err = s.openTasks(ctx, u, year); err != nil {
			return in, err
		}
	}
	if s.Indicator != nil {
		if in.Weak, err = s.weakIndicators(ctx, u, year); err != nil {
			return in, err
		}
	}
	return in, nil
}

// progress lists the plan tasks of the subtree with the progress reports
// accepted for a period of the year: the latest per unit.
func (s *Service) progress(ctx context.Context, u org.Unit, year int) ([]Progress, error) {
	as, err := s.Tasks.List(ctx, supervise.Filter{Scope: u.Path})
	if err != nil {
		return nil, err
	}
	prefix := fmt.Sprintf("%d年", year)
	var out []Progress
	seen := map[int64]bool{}
	for _, a := range as {
		if a.Accepted == 0 || seen[a.TaskID] {
			continue
		}
		seen[a.TaskID] = true
		reports, err := s.Tasks.ReportsOfTask(ctx, a.TaskID)
		if err != nil {
			return nil, err
		}
		p := Progress{TaskID: a.TaskID, PlanTitle: a.PlanTitle, Chapter: a.Chapter, Marker: a.TaskMarker, Title: a.TaskTitle}
		units := map[int64]bool{}
		for _, r := range reports { // newest first
			if r.Status != supervise.ReportAccepted || units[r.UnitID] || !strings.HasPrefix(r.Period, prefix) ||
				!strings.HasPrefix(r.UnitPath, u.Path) {
				continue
			}
			units[r.UnitID] = true
			e := ProgressEntry{UnitName: r.UnitName, Period: r.Period, Body: r.Body}
			for _, f := range r.Figures {
				e.Figures = append(e.Figures, f.Name+f.Value)
			}
			p.Entries = append(p.Entries, e)
		}
		if len(p.Entries) > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

// openTasks lists the subtree's overdue lead tasks, and those still open
// with a milestone in the following year (soonest first).
func (s *Service) openTasks(ctx context.Context, u org.Unit, year int) (overdue, next []TaskRef, err error) {
	as, err := s.Tasks.List(ctx, supervise.Filter{Scope: u.Path, LeadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	nextYear := fmt.Sprintf("%d-", year+1)
	seenO, seenN := map[int64]bool{}, map[int64]bool{}
	for _, a := range as {
		ref := TaskRef{TaskID: a.TaskID, PlanTitle: a.PlanTitle, Marker: a.TaskMarker, Title: a.TaskTitle, UnitName: a.UnitName}
		if a.Status() == supervise.StatusOverdue && !seenO[a.TaskID] {
			seenO[a.TaskID] = true
			ref.Due = a.NextDue
			overdue = append(overdue, ref)
			continue
		}
		if a.Stored == supervise.StatusDone || seenN[a.TaskID] {
			continue
		}
		for _, d := range []string{a.NextDue, a.DueDate} {
			if strings.HasPrefix(d, nextYear) {
				seenN[a.TaskID] = true
				ref.Due = d
				next = append(next, ref)
				break
			}
		}
	}
	sort.SliceStable(next, func(i, j int) bool { return next[i].Due < next[j].Due })
	return overdue, next, nil
}

// weakIndicators lists the leaf indicators on which units of the subtree
// lost points in the closed assessment rounds of the year, most units first.
func (s *Service) weakIndicators(ctx context.Context, u org.Unit, year int) ([]WeakIndicator, error) {
	rounds, err := s.Indicator.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	var out []WeakIndicator
	for _, r := range rounds {
		if r.Year != year || r.Status != "closed" {
			continue
		}
		res, err := s.Indicator.Results(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		count, order := map[string]int{}, []string{}
		for unitID, cells := range res.Cells {
			un, err := s.Org.Get(ctx, unitID)
			if err != nil || !strings.HasPrefix(un.Path, u.Path) {
				continue
			}
			for _, c := range cells {
				if c.Final() < c.Item.MaxScore {
					if count[c.Item.Name] == 0 {
						order = append(order, c.Item.Name)
					}
					count[c.Item.Name]++
				}
			}
		}
		sort.SliceStable(order, func(i, j int) bool {
			if count[order[i]] != count[order[j]] {
				return count[order[i]] > count[order[j]]
			}
			return order[i] < order[j]
		})
		for _, name := range order {
			out = append(out, WeakIndicator{RoundID: r.ID, RoundTitle: r.Title, Name: name, Units: count[name]})
		}
	}
	return out, nil
}
