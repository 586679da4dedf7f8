package plan

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Review is a draft with every unit name resolved: what the review page
// shows and what Confirm saves.
type Review struct {
	Draft      Draft
	Names      []Resolution // each distinct unit name once, in order of first appearance
	Tasks      []ReviewTask
	Unresolved []string // names still needing a decision
	byName     map[string]int
}

// ReviewTask is one parsed task with its names resolved.
type ReviewTask struct {
	ParsedTask
	Lead, Co []Resolution
}

// Resolution returns the resolution of a name of the draft.
func (rv *Review) Resolution(name string) (Resolution, bool) {
	i, ok := rv.byName[name]
	if !ok {
		return Resolution{}, false
	}
	return rv.Names[i], true
}

// Counts tallies the names by state, for the summary line.
func (rv *Review) Counts() map[MatchState]int {
	out := map[MatchState]int{}
	for _, r := range rv.Names {
		out[r.State]++
	}
	return out
}

// BuildReview resolves every unit name of a draft against dir.
func BuildReview(d Draft, dir *Directory) *Review {
	rv := &Review{Draft: d, byName: map[string]int{}}
	resolve := func(name string) Resolution {
		i, ok := rv.byName[name]
		if !ok {
			i = len(rv.Names)
			rv.byName[name] = i
			rv.Names = append(rv.Names, dir.Resolve(name, d.Mappings[name]))
		}
		rv.Names[i].Tasks++
		return rv.Names[i]
	}
	for _, t := range d.Parsed.Tasks {
		rt := ReviewTask{ParsedTask: t}
		for _, n := range t.Units {
			rt.Lead = append(rt.Lead, resolve(n))
		}
		for _, n := range t.CoUnits {
			rt.Co = append(rt.Co, resolve(n))
		}
		rv.Tasks = append(rv.Tasks, rt)
	}
	for _, r := range rv.Names {
		if !r.Resolved() {
			rv.Unresolved = append(rv.Unresolved, r.Name)
		}
	}
	return rv
}

// Review loads a draft and resolves its unit names.
func (s *Service) Review(ctx context.Context, id int64) (*Review, error) {
	d, err := s.Draft(ctx, id)
	if err != nil {
		return nil, err
	}
	dir, err := s.Directory(ctx)
	if err != nil {
		return nil, err
	}
	return BuildReview(d, dir), nil
}

// MapNames records the user's decisions for unit names of a draft: a unit,
// a group or ignore; a zero Mapping clears an earlier decision. Names the
// draft does not contain, and units or groups that do not exist, are
// refused. Audited.
func (s *Service) MapNames(ctx context.Context, id int64, changes map[string]Mapping) error {
	dir, err := s.Directory(ctx)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		d, err := loadDraft(ctx, tx, id)
		if err != nil {
			return err
		}
		names := draftNames(d.Parsed)
		var summary []string
		for _, name := range sortedKeys(changes) {
			m := changes[name]
			if !names[name] {
				return invalid("方案草稿中没有单位名称“%s”", name)
			}
			label, err := mappingLabel(dir, m)
			if err != nil {
				return err
			}
			if d.Mappings[name] == m {
				continue
			}
			if m.IsZero() {
				delete(d.Mappings, name)
			} else {
				d.Mappings[name] = m
			}
			summary = append(summary, name+"→"+label)
		}
		if len(summary) == 0 {
			return nil
		}
		b, err := json.Marshal(d.Mappings)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plan_drafts SET mappings_json = ?, updated_at = ? WHERE id = ?`,
			string(b), s.now(), id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionMap, ObjectType: "plan_draft", ObjectID: fmt.Sprint(id),
			Summary: fmt.Sprintf("方案草稿《%s》单位对应：%s", d.Title, strings.Join(summary, "；"))})
	})
}

// mappingLabel checks that a mapping names something that exists and says
// what it is, for the audit summary.
func mappingLabel(dir *Directory, m Mapping) (string, error) {
	switch {
	case m.IsZero():
		return "（重新自动匹配）", nil
	case m.Ignore:
		return "忽略", nil
	case m.GroupID != 0:
		g, ok := dir.Group(m.GroupID)
		if !ok {
			return "", invalid("所选单位分组不存在")
		}
		return "分组" + g.Name, nil
	}
	u, ok := dir.Unit(m.UnitID)
	if !ok {
		return "", invalid("所选单位不存在或已停用")
	}
	return u.Name, nil
}

// draftNames is the set of unit names a parsed plan contains.
func draftNames(p ParsedPlan) map[string]bool {
	out := map[string]bool{}
	for _, t := range p.Tasks {
		for _, n := range append(append([]string(nil), t.Units...), t.CoUnits...) {
			out[n] = true
		}
	}
	return out
}

func sortedKeys(m map[string]Mapping) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
