package org_test

import (
	"errors"
	"slices"
	"testing"

	"fazhi/internal/org"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestDeactivateAndActivate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		a := f.create(gov.ID, "县粮食局", org.LevelDepartment)
		a1 := f.create(a.ID, "仓储科", org.LevelSection)

		before := f.snapshot()
		_, err := f.svc.Deactivate(f.ctx, a.ID, "")
		f.refused(err, org.ErrConflict, "", "“县粮食局”下还有1个在用的下级单位", before)

		if u, err := f.svc.Deactivate(f.ctx, a1.ID, "撤销"); err != nil || u.Active || u.StatusLabel() != "已停用" {
			t.Fatalf("deactivate leaf: %+v %v", u, err)
		}
		if u, err := f.svc.Deactivate(f.ctx, a.ID, ""); err != nil || u.Active {
			t.Fatalf("deactivate: %+v %v", u, err)
		}
		n := len(f.audits(a.ID))
		if _, err := f.svc.Deactivate(f.ctx, a.ID, ""); err != nil || len(f.audits(a.ID)) != n {
			t.Fatalf("repeat deactivate: %v", err)
		}
		before = f.snapshot()
		_, err = f.svc.Activate(f.ctx, a1.ID, "")
		f.refused(err, org.ErrConflict, "", "上级单位“县粮食局”已停用，请先启用上级单位", before)

		// While a is inactive a new unit takes its name; reactivating a would clash.
		clash := f.create(gov.ID, "县粮食局", org.LevelDepartment)
		before = f.snapshot()
		_, err = f.svc.Activate(f.ctx, a.ID, "")
		f.refused(err, org.ErrConflict, "name", "已有名为“县粮食局”的单位", before)
		if _, err := f.svc.Merge(f.ctx, clash.ID, gov.ID, ""); err != nil {
			t.Fatal(err)
		}
		before = f.snapshot()
		_, err = f.svc.Activate(f.ctx, clash.ID, "")
		f.refused(err, org.ErrConflict, "", "已合并，不能停用或启用", before)

		if u, err := f.svc.Activate(f.ctx, a.ID, "恢复"); err != nil || !u.Active {
			t.Fatalf("activate: %+v %v", u, err)
		}
		var actions []string
		for _, r := range f.audits(a.ID) {
			actions = append(actions, r.Action)
		}
		if !slices.Equal(actions, []string{"unit.create", "unit.deactivate", "unit.activate"}) {
			t.Fatalf("audit actions %v", actions)
		}
		hist, _ := f.svc.History(f.ctx, a.ID)
		if len(hist) != 3 || hist[1].Kind != org.EventDeactivate || hist[2].Kind != org.EventActivate || hist[2].Note != "恢复" {
			t.Fatalf("history %+v", hist)
		}
		f.chainIntact()
	})
}

type county struct {
	gov, town, police, station, office, townOffice, justice org.Unit
}

// buildCounty makes a small tree with sort orders, aliases and one inactive unit.
func buildCounty(f *fixture) county {
	f.t.Helper()
	mk := func(parent int64, name string, level org.Level, sort int, aliases ...string) org.Unit {
		u, err := f.svc.Create(f.ctx, parent, org.UnitFields{Name: name, Level: level, OrgType: org.OrgAdminOrgan,
			SortOrder: sort, Aliases: aliases})
		if err != nil {
			f.t.Fatal(err)
		}
		return u
	}
	var c county
	c.gov = mk(0, "县人民政府", org.LevelGovernment, 0)
	c.town = mk(c.gov.ID, "城关镇", org.LevelTownship, 20)
	c.police = mk(c.gov.ID, "县公安局", org.LevelDepartment, 10, "公安局")
	c.station = mk(c.police.ID, "城关派出所", org.LevelDepartment, 0)
	c.office = mk(c.police.ID, "办公室", org.LevelSection, 0)
	c.townOffice = mk(c.town.ID, "办公室", org.LevelSection, 0, "党政办")
	c.justice = mk(c.gov.ID, "县司法局", org.LevelDepartment, 10, "司法局", "党政办")
	if _, err := f.svc.Deactivate(f.ctx, c.office.ID, ""); err != nil {
		f.t.Fatal(err)
	}
	return c
}

func TestListAndTree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		c := buildCounty(f)
		all, err := f.svc.List(f.ctx, org.ListFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want := []int64{c.gov.ID, c.police.ID, c.station.ID, c.office.ID, c.justice.ID, c.town.ID, c.townOffice.ID}
		if got := ids(all); !slices.Equal(got, want) {
			t.Fatalf("list %v, want %v", got, want)
		}
		active, _ := f.svc.List(f.ctx, org.ListFilter{RootID: c.police.ID, Status: org.ActiveOnly})
		inactive, _ := f.svc.List(f.ctx, org.ListFilter{Status: org.InactiveOnly})
		if !slices.Equal(ids(active), []int64{c.police.ID, c.station.ID}) || !slices.Equal(ids(inactive), []int64{c.office.ID}) {
			t.Fatalf("filtered %v %v", ids(active), ids(inactive))
		}
		tree, err := f.svc.Tree(f.ctx, org.ListFilter{Status: org.ActiveOnly})
		if err != nil || len(tree) != 1 || len(tree[0].Children) != 3 || tree[0].Children[0].Name != "县公安局" ||
			len(tree[0].Children[0].Children) != 1 || tree[0].Children[2].Children[0].ID != c.townOffice.ID {
			t.Fatalf("tree %+v %v", tree, err)
		}
		if c.station.Depth() != 3 {
			t.Fatalf("depth %d", c.station.Depth())
		}
		tops, _ := f.svc.Children(f.ctx, 0, org.AnyStatus)
		kids, _ := f.svc.Children(f.ctx, c.police.ID, org.ActiveOnly)
		if !slices.Equal(ids(tops), []int64{c.gov.ID}) || !slices.Equal(ids(kids), []int64{c.station.ID}) {
			t.Fatalf("children %v %v", ids(tops), ids(kids))
		}
		anc, _ := f.svc.Ancestors(f.ctx, c.station.ID)
		if !slices.Equal(ids(anc), []int64{c.gov.ID, c.police.ID}) {
			t.Fatalf("ancestors %v", ids(anc))
		}
		for scope, want := range map[int64]bool{c.gov.ID: true, c.police.ID: true, c.station.ID: true, c.town.ID: false} {
			if in, err := f.svc.InSubtree(f.ctx, scope, c.station.ID); err != nil || in != want {
				t.Errorf("InSubtree(%d, station) = %v, %v", scope, in, err)
			}
		}
		if _, err := f.svc.InSubtree(f.ctx, 999, c.station.ID); !errors.Is(err, org.ErrNotFound) {
			t.Errorf("InSubtree of a missing scope: %v", err)
		}
	})
}

func TestGetByName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		c := buildCounty(f)
		byName := func(name string) (int64, error) {
			u, err := f.svc.GetByName(f.ctx, name)
			return u.ID, err
		}
		if id, err := byName(" 公安局 "); err != nil || id != c.police.ID {
			t.Errorf("alias: %d %v", id, err)
		}
		// "办公室": the active name match wins over the inactive one.
		if id, err := byName("办公室"); err != nil || id != c.townOffice.ID {
			t.Errorf("active preferred: %d %v", id, err)
		}
		// "党政办" is an alias of two active units.
		if _, err := byName("党政办"); !errors.Is(err, org.ErrConflict) {
			t.Errorf("ambiguous alias: %v", err)
		}
		if _, err := byName("县教育局"); !errors.Is(err, org.ErrNotFound) {
			t.Errorf("unknown name: %v", err)
		}
		// LIKE wildcards in a name match only themselves.
		for _, w := range []string{"%", "_", "县_安局"} {
			if _, err := byName(w); !errors.Is(err, org.ErrNotFound) {
				t.Errorf("wildcard %q: %v", w, err)
			}
		}
		found, _ := f.svc.FindByName(f.ctx, "办公室")
		if !slices.Equal(ids(found), []int64{c.townOffice.ID, c.office.ID}) {
			t.Errorf("find %v", ids(found))
		}
	})
}

func ids(us []org.Unit) []int64 {
	out := make([]int64, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}
