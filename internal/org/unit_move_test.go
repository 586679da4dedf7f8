package org_test

import (
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

func TestMergeReparentsAndKeepsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		a := f.create(gov.ID, "县文化局", org.LevelDepartment)
		a1 := f.create(a.ID, "艺术科", org.LevelSection)
		a2 := f.create(a.ID, "文物科", org.LevelSection)
		a21 := f.create(a2.ID, "文物保护组", org.LevelSection)
		b := f.create(gov.ID, "县旅游局", org.LevelDepartment)
		b1 := f.create(b.ID, "市场科", org.LevelSection)
		c := f.create(gov.ID, "县文化广电旅游体育局", org.LevelDepartment)

		merged, err := f.svc.Merge(f.ctx, a.ID, b.ID, "县编委〔2019〕5号")
		if err != nil {
			t.Fatal(err)
		}
		if merged.Active || merged.MergedInto != b.ID || merged.Path != a.Path || merged.StatusLabel() != "已合并" {
			t.Fatalf("merged unit %+v", merged)
		}
		if f.get(a1.ID).ParentID != b.ID || f.get(a2.ID).ParentID != b.ID || f.get(a21.ID).ParentID != a2.ID {
			t.Fatal("children not re-parented")
		}
		want := []string{b.Path + fmt.Sprintf("%d/", a1.ID), b.Path + fmt.Sprintf("%d/", a2.ID),
			b.Path + fmt.Sprintf("%d/%d/", a2.ID, a21.ID)}
		if got := f.paths(a1.ID, a2.ID, a21.ID); !slices.Equal(got, want) {
			t.Fatalf("paths %v, want %v", got, want)
		}
		kids, _ := f.svc.Children(f.ctx, b.ID, org.AnyStatus)
		if len(kids) != 3 || kids[0].ID != a1.ID || kids[2].ID != b1.ID {
			t.Fatalf("children of b %+v", kids)
		}
		rows := f.audits(a.ID)
		last := rows[len(rows)-1]
		if last.Action != "unit.merge" || last.Summary != "单位“县文化局”并入“县旅游局”" {
			t.Fatalf("audit %+v", last)
		}
		if ch, ok := changed(last, "children_moved"); !ok || ch.After != fmt.Sprintf("%d,%d", a1.ID, a2.ID) {
			t.Fatalf("audit changes %s", last.Changes)
		}

		// A second reform: b into c. The chain resolves to c and c's history holds all three.
		if _, err := f.svc.Merge(f.ctx, b.ID, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{a.ID, b.ID, c.ID} {
			if r, err := f.svc.ResolveMerged(f.ctx, id); err != nil || r.ID != c.ID {
				t.Fatalf("ResolveMerged(%d) = %d, %v", id, r.ID, err)
			}
		}
		if r, _ := f.svc.ResolveMerged(f.ctx, a1.ID); r.ID != a1.ID {
			t.Fatal("unmerged unit resolved elsewhere")
		}
		if got := f.paths(a21.ID)[0]; got != c.Path+fmt.Sprintf("%d/%d/", a2.ID, a21.ID) {
			t.Fatalf("grandchild path after second merge %s", got)
		}
		hist, err := f.svc.History(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range hist {
			kinds = append(kinds, fmt.Sprintf("%d:%s", e.UnitID, e.Kind))
		}
		wantKinds := []string{fmt.Sprintf("%d:create", a.ID), fmt.Sprintf("%d:create", b.ID), fmt.Sprintf("%d:create", c.ID),
			fmt.Sprintf("%d:merge", a.ID), fmt.Sprintf("%d:merge", b.ID)}
		if !slices.Equal(kinds, wantKinds) {
			t.Fatalf("history of c %v, want %v", kinds, wantKinds)
		}
		if s := hist[3].Summary(); s != "“县文化局”并入“县旅游局”（县编委〔2019〕5号）" {
			t.Fatalf("summary %q", s)
		}
		childHist, _ := f.svc.History(f.ctx, a1.ID)
		if e := childHist[len(childHist)-1]; e.Kind != org.EventMove || e.FromParent != b.ID || e.ToParent != c.ID {
			t.Fatalf("child's move event %+v", e)
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
