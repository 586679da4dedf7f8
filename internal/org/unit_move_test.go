package org_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"fazhi/internal/org"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestMoveRewritesSubtreePaths(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		a := f.create(gov.ID, "县农业局", org.LevelDepartment)
		a1 := f.create(a.ID, "执法大队", org.LevelDepartment)
		a11 := f.create(a1.ID, "一中队", org.LevelSection)
		b := f.create(gov.ID, "县农业农村局", org.LevelDepartment)
		other := f.create(gov.ID, "县水利局", org.LevelDepartment) // path shares a digit prefix with nothing below a

		moved, err := f.svc.Move(f.ctx, a.ID, b.ID, "机构改革")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{b.Path + fmt.Sprintf("%d/", a.ID), b.Path + fmt.Sprintf("%d/%d/", a.ID, a1.ID),
			b.Path + fmt.Sprintf("%d/%d/%d/", a.ID, a1.ID, a11.ID)}
		if got := f.paths(a.ID, a1.ID, a11.ID); !slices.Equal(got, want) || moved.ParentID != b.ID || moved.Path != want[0] {
			t.Fatalf("paths %v, want %v (moved %+v)", got, want, moved)
		}
		if f.get(other.ID).Path != other.Path || f.get(a1.ID).ParentID != a.ID {
			t.Fatal("move touched units outside the subtree or re-parented children")
		}
		in, err := f.svc.InSubtree(f.ctx, b.ID, a11.ID)
		if err != nil || !in {
			t.Fatalf("InSubtree after move: %v %v", in, err)
		}
		ids, _ := f.svc.SubtreeIDs(f.ctx, b.ID)
		if !slices.Equal(ids, []int64{a.ID, a1.ID, a11.ID, b.ID}) {
			t.Fatalf("subtree %v", ids)
		}
		hist, _ := f.svc.History(f.ctx, a.ID)
		if e := hist[len(hist)-1]; e.Kind != org.EventMove || e.FromParent != gov.ID || e.ToParent != b.ID || e.Note != "机构改革" {
			t.Fatalf("move event %+v", e)
		}
		rows := f.audits(a.ID)
		if last := rows[len(rows)-1]; last.Action != "unit.move" {
			t.Fatalf("audit %+v", last)
		} else if c, ok := changed(last, "parent_id"); !ok || c.Before != fmt.Sprint(gov.ID) || c.After != fmt.Sprint(b.ID) {
			t.Fatalf("audit changes %s", last.Changes)
		}

		// To the top level and back.
		top, err := f.svc.Move(f.ctx, a.ID, 0, "")
		if err != nil || top.Path != fmt.Sprintf("/%d/", a.ID) || f.get(a11.ID).Path != fmt.Sprintf("/%d/%d/%d/", a.ID, a1.ID, a11.ID) {
			t.Fatalf("to top: %+v %v", top, err)
		}
		// Moving to the current parent is a no-op.
		n := len(f.audits(a.ID))
		if _, err := f.svc.Move(f.ctx, a.ID, 0, ""); err != nil || len(f.audits(a.ID)) != n {
			t.Fatalf("no-op move: %v", err)
		}
		f.chainIntact()
	})
}

func TestMoveRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		a := f.create(gov.ID, "县公安局", org.LevelDepartment)
		a1 := f.create(a.ID, "城关派出所", org.LevelDepartment)
		sec := f.create(a1.ID, "综合室", org.LevelSection)
		b := f.create(gov.ID, "县交通局", org.LevelDepartment)
		dup := f.create(b.ID, "城关派出所", org.LevelDepartment)
		gone := f.create(gov.ID, "县撤销局", org.LevelDepartment)
		if _, err := f.svc.Deactivate(f.ctx, gone.ID, ""); err != nil {
			t.Fatal(err)
		}
		_ = dup
		before := f.snapshot()
		cases := []struct {
			name     string
			id, to   int64
			sentinel error
			field    string
			msg      string
		}{
			{"itself", a.ID, a.ID, org.ErrInvalid, "parent_id", "不能把单位移到它自己之下"},
			{"child", a.ID, a1.ID, org.ErrInvalid, "parent_id", "不能把单位移到它自己的下级单位之下"},
			{"grandchild", a.ID, sec.ID, org.ErrInvalid, "parent_id", "不能把单位移到它自己的下级单位之下"},
			{"under section", b.ID, sec.ID, org.ErrInvalid, "parent_id", "科室“综合室”下只能设科室"},
			{"government down", gov.ID, b.ID, org.ErrInvalid, "parent_id", "不能把单位移到它自己的下级单位之下"},
			{"name clash", a1.ID, b.ID, org.ErrConflict, "name", "“县交通局”下已有名为“城关派出所”的单位"},
			{"inactive parent", b.ID, gone.ID, org.ErrInvalid, "parent_id", "上级单位“县撤销局”已停用"},
			{"missing parent", b.ID, 999, org.ErrInvalid, "parent_id", "上级单位（编号 999）不存在"},
			{"missing unit", 999, b.ID, org.ErrNotFound, "", "单位（编号 999）不存在"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f.t = t
				_, err := f.svc.Move(f.ctx, c.id, c.to, "")
				f.refused(err, c.sentinel, c.field, c.msg, before)
			})
		}
		f.t = t
		f.chainIntact()
	})
}

type reform struct {
	gov, a, a1, a2, a21, b, b1, c org.Unit
}

// buildReform makes 文化局 (two sections, one with a sub-section), 旅游局
// (one section) and the future 文广旅体局.
func buildReform(f *fixture) reform {
	var r reform
	r.gov = f.create(0, "县人民政府", org.LevelGovernment)
	r.a = f.create(r.gov.ID, "县文化局", org.LevelDepartment)
	r.a1 = f.create(r.a.ID, "艺术科", org.LevelSection)
	r.a2 = f.create(r.a.ID, "文物科", org.LevelSection)
	r.a21 = f.create(r.a2.ID, "文物保护组", org.LevelSection)
	r.b = f.create(r.gov.ID, "县旅游局", org.LevelDepartment)
	r.b1 = f.create(r.b.ID, "市场科", org.LevelSection)
	r.c = f.create(r.gov.ID, "县文化广电旅游体育局", org.LevelDepartment)
	return r
}

func TestMergeReparentsChildren(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		r := buildReform(f)
		merged, err := f.svc.Merge(f.ctx, r.a.ID, r.b.ID, "县编委〔2019〕5号")
		if err != nil {
			t.Fatal(err)
		}
		if merged.Active || merged.MergedInto != r.b.ID || merged.Path != r.a.Path || merged.StatusLabel() != "已合并" {
			t.Fatalf("merged unit %+v", merged)
		}
		if f.get(r.a1.ID).ParentID != r.b.ID || f.get(r.a2.ID).ParentID != r.b.ID || f.get(r.a21.ID).ParentID != r.a2.ID {
			t.Fatal("children not re-parented")
		}
		want := []string{r.b.Path + fmt.Sprintf("%d/", r.a1.ID), r.b.Path + fmt.Sprintf("%d/", r.a2.ID),
			r.b.Path + fmt.Sprintf("%d/%d/", r.a2.ID, r.a21.ID)}
		if got := f.paths(r.a1.ID, r.a2.ID, r.a21.ID); !slices.Equal(got, want) {
			t.Fatalf("paths %v, want %v", got, want)
		}
		kids, _ := f.svc.Children(f.ctx, r.b.ID, org.AnyStatus)
		if len(kids) != 3 || kids[0].ID != r.a1.ID || kids[2].ID != r.b1.ID {
			t.Fatalf("children of b %+v", kids)
		}
		rows := f.audits(r.a.ID)
		last := rows[len(rows)-1]
		if last.Action != "unit.merge" || last.Summary != "单位“县文化局”并入“县旅游局”" {
			t.Fatalf("audit %+v", last)
		}
		if ch, ok := changed(last, "children_moved"); !ok || ch.After != fmt.Sprintf("%d,%d", r.a1.ID, r.a2.ID) {
			t.Fatalf("audit changes %s", last.Changes)
		}
		childHist, _ := f.svc.History(f.ctx, r.a1.ID)
		if e := childHist[len(childHist)-1]; e.Kind != org.EventMove || e.FromParent != r.a.ID || e.ToParent != r.b.ID {
			t.Fatalf("child's move event %+v", e)
		}
		f.chainIntact()
	})
}

// Two reforms in a row: a into b, then b into c.
func TestMergeChainResolvesAndKeepsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		r := buildReform(f)
		if _, err := f.svc.Merge(f.ctx, r.a.ID, r.b.ID, "县编委〔2019〕5号"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Merge(f.ctx, r.b.ID, r.c.ID, ""); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{r.a.ID, r.b.ID, r.c.ID} {
			if u, err := f.svc.ResolveMerged(f.ctx, id); err != nil || u.ID != r.c.ID {
				t.Fatalf("ResolveMerged(%d) = %d, %v", id, u.ID, err)
			}
		}
		if u, _ := f.svc.ResolveMerged(f.ctx, r.a1.ID); u.ID != r.a1.ID {
			t.Fatal("unmerged unit resolved elsewhere")
		}
		if got := f.paths(r.a21.ID)[0]; got != r.c.Path+fmt.Sprintf("%d/%d/", r.a2.ID, r.a21.ID) {
			t.Fatalf("grandchild path after second merge %s", got)
		}
		hist, err := f.svc.History(f.ctx, r.c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range hist {
			kinds = append(kinds, fmt.Sprintf("%d:%s", e.UnitID, e.Kind))
		}
		want := []string{fmt.Sprintf("%d:create", r.a.ID), fmt.Sprintf("%d:create", r.b.ID), fmt.Sprintf("%d:create", r.c.ID),
			fmt.Sprintf("%d:merge", r.a.ID), fmt.Sprintf("%d:merge", r.b.ID)}
		if !slices.Equal(kinds, want) {
			t.Fatalf("history of c %v, want %v", kinds, want)
		}
		if s := hist[3].Summary(); s != "“县文化局”并入“县旅游局”（县编委〔2019〕5号）" {
			t.Fatalf("summary %q", s)
		}
		if _, err := f.svc.ResolveMerged(f.ctx, 999); !errors.Is(err, org.ErrNotFound) {
			t.Fatalf("missing unit: %v", err)
		}
		f.chainIntact()
	})
}

func TestMergeRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		a := f.create(gov.ID, "县林业局", org.LevelDepartment)
		a1 := f.create(a.ID, "办公室", org.LevelSection)
		b := f.create(gov.ID, "县自然资源局", org.LevelDepartment)
		f.create(b.ID, "办公室", org.LevelSection)
		c := f.create(gov.ID, "县水利局", org.LevelDepartment)
		sec := f.create(c.ID, "河长办", org.LevelSection)
		d := f.create(gov.ID, "县国土局", org.LevelDepartment)
		if _, err := f.svc.Merge(f.ctx, d.ID, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		e := f.create(gov.ID, "县气象局", org.LevelDepartment)
		f.create(e.ID, "观测站", org.LevelDepartment)
		before := f.snapshot()
		cases := []struct {
			name       string
			from, into int64
			sentinel   error
			field      string
			msg        string
		}{
			{"itself", a.ID, a.ID, org.ErrInvalid, "into_id", "不能把单位并入它自己"},
			{"descendant", a.ID, a1.ID, org.ErrInvalid, "into_id", "不能把单位并入它自己的下级单位"},
			{"child name clash", a.ID, b.ID, org.ErrConflict, "into_id", "“县自然资源局”下已有名为“办公室”的单位"},
			{"already merged", d.ID, b.ID, org.ErrConflict, "", "单位“县国土局”已经合并过"},
			{"into merged", a.ID, d.ID, org.ErrInvalid, "into_id", "“县国土局”已合并，不能作为并入单位"},
			{"children under section", e.ID, sec.ID, org.ErrInvalid, "parent_id", "科室“河长办”下只能设科室"},
			{"missing target", a.ID, 999, org.ErrInvalid, "into_id", "并入的单位（编号 999）不存在"},
			{"missing unit", 999, a.ID, org.ErrNotFound, "", "单位（编号 999）不存在"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f.t = t
				_, err := f.svc.Merge(f.ctx, c.from, c.into, "")
				f.refused(err, c.sentinel, c.field, c.msg, before)
			})
		}
		f.t = t
		f.chainIntact()
	})
}

// Two administrators moving a under b and b under a at the same moment:
// the tree lock makes one wait and then see the other's move, so at most one
// succeeds and the tree never gets a cycle.
func TestConcurrentCrossMovesNeverCycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		for round := 0; round < 10; round++ {
			a := f.create(gov.ID, fmt.Sprintf("甲%d", round), org.LevelDepartment)
			b := f.create(gov.ID, fmt.Sprintf("乙%d", round), org.LevelDepartment)
			errs := make(chan error, 2)
			go func() { _, err := f.svc.Move(f.ctx, a.ID, b.ID, ""); errs <- err }()
			go func() { _, err := f.svc.Move(f.ctx, b.ID, a.ID, ""); errs <- err }()
			e1, e2 := <-errs, <-errs
			if (e1 == nil) == (e2 == nil) {
				t.Fatalf("round %d: want exactly one move to succeed, got %v / %v", round, e1, e2)
			}
			for _, err := range []error{e1, e2} {
				if err != nil && !errors.Is(err, org.ErrInvalid) {
					t.Fatalf("round %d: unexpected error %v", round, err)
				}
			}
			pa, pb := f.get(a.ID).Path, f.get(b.ID).Path
			if org.PathInScope(pa, pb) == org.PathInScope(pb, pa) {
				t.Fatalf("round %d: paths %s and %s", round, pa, pb)
			}
		}
		f.chainIntact()
	})
}
