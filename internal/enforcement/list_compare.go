package enforcement

import (
	"fmt"
	"sort"
	"strings"
)

// ListDiff is what changed between two 权责清单 versions, items matched by
// their code.
type ListDiff struct {
	Added   []Item
	Removed []Item
	Changed []ItemChange
	Same    int
}

// ItemChange is an item present in both versions with different content.
type ItemChange struct {
	Old, New Item
	Fields   []string // Chinese names of what changed, e.g. 事项名称, 裁量基准
}

// Empty reports whether the versions hold the same items.
func (d ListDiff) Empty() bool { return len(d.Added)+len(d.Removed)+len(d.Changed) == 0 }

// CompareItems compares an older version's items with a newer one's.
func CompareItems(older, newer []Item) ListDiff {
	var d ListDiff
	old := map[string]Item{}
	for _, it := range older {
		old[it.Code] = it
	}
	seen := map[string]bool{}
	for _, it := range newer {
		seen[it.Code] = true
		o, ok := old[it.Code]
		if !ok {
			d.Added = append(d.Added, it)
			continue
		}
		if f := itemDiffFields(o, it); len(f) > 0 {
			d.Changed = append(d.Changed, ItemChange{Old: o, New: it, Fields: f})
		} else {
			d.Same++
		}
	}
	for _, it := range older {
		if !seen[it.Code] {
			d.Removed = append(d.Removed, it)
		}
	}
	sort.SliceStable(d.Removed, func(i, j int) bool { return d.Removed[i].Code < d.Removed[j].Code })
	return d
}

func itemDiffFields(a, b Item) []string {
	var out []string
	add := func(name string, differ bool) {
		if differ {
			out = append(out, name)
		}
	}
	add("事项名称", a.Name != b.Name)
	add("类别", a.Category != b.Category)
	add("法律依据", a.Law != b.Law || a.Article != b.Article)
	add("条文内容", a.BasisText != b.BasisText)
	add("重大执法决定", a.Major != b.Major)
	add("听证", a.Hearing != b.Hearing)
	add("集体讨论", a.Collective != b.Collective)
	add("裁量基准", discretionKey(a) != discretionKey(b))
	return out
}

// discretionKey is a comparable text of an item's rows (ids and seq aside).
func discretionKey(it Item) string {
	var b strings.Builder
	for _, d := range it.Discretion {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s\n", d.Circumstance, d.Level, YuanText(d.MinFen), YuanText(d.MaxFen), d.Other, d.ListKind)
	}
	return b.String()
}
