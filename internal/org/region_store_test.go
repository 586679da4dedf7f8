package org_test

import (
	"testing"

	"fazhi/internal/org"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func mustRegion(f *fixture, code, name, parent string) org.Region {
	f.t.Helper()
	r, err := f.svc.CreateRegion(f.ctx, org.Region{Code: code, Name: name, ParentCode: parent})
	if err != nil {
		f.t.Fatalf("region %s: %v", code, err)
	}
	return r
}

func TestRegions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		mustRegion(f, "330000", "浙江省", "")
		mustRegion(f, "330100", "杭州市", "330000")
		county := mustRegion(f, "330122", "桐庐县", "330100")
		town := mustRegion(f, "330122101", "分水镇", "330122")
		mustRegion(f, "330122101201", "某村", "330122101")
		if county.Level != org.RegionCounty || town.Level != org.RegionTownship || town.LevelLabel() != "乡级" {
			t.Fatalf("levels %+v %+v", county, town)
		}
		before := f.snapshot()
		_, err := f.svc.CreateRegion(f.ctx, org.Region{Code: "330122", Name: "重复", ParentCode: "330100"})
		f.refused(err, org.ErrConflict, "code", "行政区划代码“330122”已存在", before)
		_, err = f.svc.CreateRegion(f.ctx, org.Region{Code: "330183", Name: "富阳区", ParentCode: "330200"})
		f.refused(err, org.ErrInvalid, "code", "前4位应为“3302”", before)
		_, err = f.svc.CreateRegion(f.ctx, org.Region{Code: "330283", Name: "奉化", ParentCode: "330200"})
		f.refused(err, org.ErrInvalid, "parent_code", "上级行政区划“330200”不存在", before)
		_, err = f.svc.CreateRegion(f.ctx, org.Region{Code: "330123", Name: " ", ParentCode: "330100"})
		f.refused(err, org.ErrInvalid, "name", "行政区划名称不能为空", before)

		r, err := f.svc.RenameRegion(f.ctx, "330122101", "分水镇（新）")
		if err != nil || r.Name != "分水镇（新）" || r.ParentCode != "330122" {
			t.Fatalf("rename %+v %v", r, err)
		}
		if _, err := f.svc.GetRegion(f.ctx, "110000"); err == nil {
			t.Fatal("missing region found")
		}
		all, err := f.svc.ListRegions(f.ctx)
		if err != nil || len(all) != 5 || all[0].Code != "330000" || all[4].Code != "330122101201" {
			t.Fatalf("list %+v %v", all, err)
		}
		top, _ := f.svc.RegionChildren(f.ctx, "")
		kids, _ := f.svc.RegionChildren(f.ctx, "330122")
		if len(top) != 1 || len(kids) != 1 || kids[0].Name != "分水镇（新）" {
			t.Fatalf("children %+v %+v", top, kids)
		}
		f.chainIntact()
	})
}
