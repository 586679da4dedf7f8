package plan

import (
	"strconv"
)

// MatchState is how a unit name of a draft is resolved to org units.
type MatchState string

const (
	StateExact     MatchState = "exact"     // the unit's name
	StateAlias     MatchState = "alias"     // an alias, a short name, or the same name after the place prefix
	StateFuzzy     MatchState = "fuzzy"     // a similar name scoring at least AutoFuzzyScore
	StateGroup     MatchState = "group"     // a unit group: expands to its members
	StateMapped    MatchState = "mapped"    // mapped to a unit by hand
	StateIgnored   MatchState = "ignored"   // not a unit of this county: kept as written only
	StateUnmatched MatchState = "unmatched" // needs a decision before the plan can be confirmed
)

var stateLabels = map[MatchState]string{
	StateExact: "精确", StateAlias: "别名", StateFuzzy: "模糊", StateGroup: "分组",
	StateMapped: "人工", StateIgnored: "忽略", StateUnmatched: "未匹配",
}

// Label is the state's Chinese badge text.
func (k MatchState) Label() string { return stateLabels[k] }

// AutoFuzzyScore is the least fuzzy score accepted without a decision; the
// match is shown with its score so the user can still change it.
const AutoFuzzyScore = 0.85

// maxSuggestions bounds the units offered for an unmatched name.
const maxSuggestions = 5

// Mapping is the user's decision for one unit name of a draft: a unit, a
// group, or ignore. The zero Mapping means "no decision".
type Mapping struct {
	UnitID  int64 `json:"unit_id,omitempty"`
	GroupID int64 `json:"group_id,omitempty"`
	Ignore  bool  `json:"ignore,omitempty"`
}

// IsZero reports whether m holds no decision.
func (m Mapping) IsZero() bool { return m == Mapping{} }

// UnitRef names one org unit.
type UnitRef struct {
	ID    int64
	Name  string
	Path  string `json:"-"` // materialised path, for scope checks
	Score float64
}

// Resolution is what one unit name, as written, stands for.
type Resolution struct {
	Name        string
	State       MatchState
	Score       float64   // the match score (exact 1, alias 0.9–0.95, fuzzy below 0.9)
	Units       []UnitRef // the units it resolves to; a group's members
	GroupID     int64
	GroupName   string
	Manual      bool      // the state comes from the user's mapping
	Suggestions []UnitRef // unmatched: the likeliest units, best first
	Tasks       int       // how many tasks name it
}

// Resolved reports whether the name needs no further decision.
func (r Resolution) Resolved() bool { return r.State != StateUnmatched }

// Directory is what names resolve against: the county's active units and
// its unit groups.
type Directory struct {
	cands  []Candidate
	units  map[int64]UnitRef
	groups []Group
}

// NewDirectory builds a directory from units and groups.
func NewDirectory(units []UnitRef, aliases map[int64][]string, groups []Group) *Directory {
	d := &Directory{units: map[int64]UnitRef{}, groups: groups}
	for _, u := range units {
		d.units[u.ID] = u
		d.cands = append(d.cands, Candidate{ID: strconv.FormatInt(u.ID, 10), Name: u.Name, Aliases: aliases[u.ID]})
	}
	return d
}

// Unit returns the unit with id, if the directory has it.
func (d *Directory) Unit(id int64) (UnitRef, bool) {
	u, ok := d.units[id]
	return u, ok
}

// Group returns the group with id, if the directory has it.
func (d *Directory) Group(id int64) (Group, bool) {
	for _, g := range d.groups {
		if g.ID == id {
			return g, true
		}
	}
	return Group{}, false
}

// Units lists the directory's units in the order given to NewDirectory.
func (d *Directory) Units() []UnitRef {
	out := make([]UnitRef, 0, len(d.cands))
	for _, c := range d.cands {
		out = append(out, d.units[atoi64(c.ID)])
	}
	return out
}

// Groups lists the directory's groups.
func (d *Directory) Groups() []Group { return d.groups }

// Resolve decides what name stands for: the user's mapping first, then a
// group, then the best unit match.
func (d *Directory) Resolve(name string, m Mapping) Resolution {
	r := Resolution{Name: name}
	if !m.IsZero() {
		if d.applyMapping(&r, m) {
			return r
		}
	}
	if g, ok := d.matchGroup(name); ok {
		d.setGroup(&r, g)
		return r
	}
	matches := MatchUnit(name, d.cands)
	if len(matches) > 0 {
		best := matches[0]
		u := d.units[atoi64(best.ID)]
		switch {
		case best.Kind == MatchExact:
			r.State, r.Score, r.Units = StateExact, best.Score, []UnitRef{u}
			return r
		case best.Kind == MatchAlias:
			r.State, r.Score, r.Units = StateAlias, best.Score, []UnitRef{u}
			return r
		case best.Score >= AutoFuzzyScore:
			r.State, r.Score, r.Units = StateFuzzy, best.Score, []UnitRef{u}
			return r
		}
	}
	r.State = StateUnmatched
	for _, m := range matches[:min(len(matches), maxSuggestions)] {
		u := d.units[atoi64(m.ID)]
		u.Score = m.Score
		r.Suggestions = append(r.Suggestions, u)
	}
	return r
}

// applyMapping applies a user's decision; false when it names a unit or
// group that no longer exists (then the name resolves as if unmapped).
func (d *Directory) applyMapping(r *Resolution, m Mapping) bool {
	r.Manual = true
	switch {
	case m.Ignore:
		r.State = StateIgnored
		return true
	case m.GroupID != 0:
		g, ok := d.Group(m.GroupID)
		if ok {
			d.setGroup(r, g)
		}
		return ok
	default:
		u, ok := d.units[m.UnitID]
		if ok {
			r.State, r.Score, r.Units = StateMapped, 1, []UnitRef{u}
		}
		return ok
	}
}

func (d *Directory) setGroup(r *Resolution, g Group) {
	r.State, r.Score, r.GroupID, r.GroupName = StateGroup, 1, g.ID, g.Name
	for _, id := range g.UnitIDs {
		if u, ok := d.units[id]; ok {
			r.Units = append(r.Units, u)
		}
	}
}

// matchGroup finds the group a name stands for: same name or alias, also
// once the place prefix is dropped (市政府有关部门 ≈ 县政府有关部门).
func (d *Directory) matchGroup(name string) (Group, bool) {
	n := normUnit(name)
	core := stripPlace(n)
	for _, g := range d.groups {
		for _, x := range append([]string{g.Name}, g.Aliases...) {
			xn := normUnit(x)
			if xn == n || (core != n && stripPlace(xn) == core) {
				return g, true
			}
		}
	}
	return Group{}, false
}

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}
