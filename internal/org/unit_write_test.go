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

const (
	huawei  = "914403001922038216"
	tencent = "91440300708461136T"
)

func TestCreateWritesUnitEventAndAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		mustRegion(f, "330000", "浙江省", "")
		mustRegion(f, "330100", "杭州市", "330000")
		mustRegion(f, "330122", "桐庐县", "330100")
		gov, err := f.svc.Create(f.ctx, 0, org.UnitFields{Name: "桐庐县人民政府", ShortName: "县政府",
			Level: org.LevelGovernment, OrgType: org.OrgAdminOrgan, RegionCode: "330122", Note: "初始化"})
		if err != nil {
			t.Fatal(err)
		}
		if gov.Path != fmt.Sprintf("/%d/", gov.ID) || !gov.Active || gov.ParentID != 0 || gov.RegionCode != "330122" {
			t.Fatalf("government %+v", gov)
		}
		dept, err := f.svc.Create(f.ctx, gov.ID, org.UnitFields{Name: " 县司法局 ", Aliases: []string{"司法局", "县司法局"},
			Level: org.LevelDepartment, OrgType: org.OrgAdminOrgan, CreditCode: " 914403001922038216 ", SortOrder: 3})
		if err != nil {
			t.Fatal(err)
		}
		if dept.Name != "县司法局" || dept.Path != gov.Path+fmt.Sprint(dept.ID)+"/" || dept.ParentID != gov.ID ||
			!slices.Equal(dept.Aliases, []string{"司法局"}) || dept.CreditCode != huawei || dept.SortOrder != 3 {
			t.Fatalf("department %+v", dept)
		}
		hist, err := f.svc.History(f.ctx, dept.ID)
		if err != nil || len(hist) != 1 || hist[0].Kind != org.EventCreate || hist[0].ToParent != gov.ID ||
			hist[0].ToParentName != "桐庐县人民政府" || hist[0].ByUser != 7 || hist[0].NewName != "县司法局" {
			t.Fatalf("history %+v %v", hist, err)
		}
		rows := f.audits(dept.ID)
		if len(rows) != 1 || rows[0].Action != "unit.create" || rows[0].Username != "admin" || rows[0].Summary != "新建单位“县司法局”" {
			t.Fatalf("audit %+v", rows)
		}
		if c, ok := changed(rows[0], "credit_code"); !ok || c.After != huawei {
			t.Fatalf("audit changes %s", rows[0].Changes)
		}
		if c, ok := changed(f.audits(gov.ID)[0], "note"); !ok || c.After != "初始化" {
			t.Fatal("note not audited")
		}
		f.chainIntact()
	})
}

func TestCreateRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		dept, err := f.svc.Create(f.ctx, gov.ID, org.UnitFields{Name: "县公安局", Level: org.LevelDepartment,
			OrgType: org.OrgAdminOrgan, CreditCode: tencent})
		if err != nil {
			t.Fatal(err)
		}
		sec := f.create(dept.ID, "办公室", org.LevelSection)
		old := f.create(gov.ID, "县旧局", org.LevelDepartment)
		if _, err := f.svc.Deactivate(f.ctx, old.ID, ""); err != nil {
			t.Fatal(err)
		}
		before := f.snapshot()
		fields := func(name string, level org.Level, code string) org.UnitFields {
			return org.UnitFields{Name: name, Level: level, OrgType: org.OrgAdminOrgan, CreditCode: code}
		}
		cases := []struct {
			name     string
			parent   int64
			in       org.UnitFields
			sentinel error
			field    string
			msg      string
		}{
			{"empty name", gov.ID, fields(" ", org.LevelDepartment, ""), org.ErrInvalid, "name", "单位名称不能为空"},
			{"check char", gov.ID, fields("县交通局", org.LevelDepartment, "91440300708461136A"), org.ErrInvalid, "credit_code", "统一社会信用代码校验位错误：应为T"},
			{"duplicate code", gov.ID, fields("县交通局", org.LevelDepartment, tencent), org.ErrConflict, "credit_code", "统一社会信用代码已被“县公安局”使用"},
			{"sibling name", gov.ID, fields("县公安局", org.LevelDepartment, ""), org.ErrConflict, "name", "“县人民政府”下已有名为“县公安局”的单位"},
			{"top name", 0, fields("县人民政府", org.LevelGovernment, ""), org.ErrConflict, "name", "已有名为“县人民政府”的顶级单位"},
			{"missing parent", 999, fields("县交通局", org.LevelDepartment, ""), org.ErrInvalid, "parent_id", "上级单位（编号 999）不存在"},
			{"inactive parent", old.ID, fields("科室", org.LevelSection, ""), org.ErrInvalid, "parent_id", "上级单位“县旧局”已停用"},
			{"under section", sec.ID, fields("县交通局", org.LevelDepartment, ""), org.ErrInvalid, "parent_id", "科室“办公室”下只能设科室"},
			{"government under dept", dept.ID, fields("某政府", org.LevelGovernment, ""), org.ErrInvalid, "parent_id", "县政府只能作为顶级单位"},
			{"unknown region", gov.ID, org.UnitFields{Name: "县交通局", Level: org.LevelDepartment, OrgType: org.OrgAdminOrgan,
				RegionCode: "330122"}, org.ErrInvalid, "region_code", "行政区划代码“330122”不存在"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f.t = t
				_, err := f.svc.Create(f.ctx, c.parent, c.in)
				f.refused(err, c.sentinel, c.field, c.msg, before)
			})
		}
		f.t = t
		// The same name is fine under another parent, and an inactive sibling's name may be reused.
		f.create(gov.ID, "办公室", org.LevelDepartment)
		f.create(gov.ID, "县旧局", org.LevelDepartment)
		f.chainIntact()
	})
}

func TestUpdateAndRename(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		gov := f.create(0, "县人民政府", org.LevelGovernment)
		culture := f.create(gov.ID, "县文化局", org.LevelDepartment)
		sports := f.create(gov.ID, "县体育局", org.LevelDepartment)
		in := org.UnitFields{Name: "县文化广电旅游体育局", ShortName: "文广旅体局", Aliases: []string{"县文广局"},
			Level: org.LevelDepartment, OrgType: org.OrgAdminOrgan, CreditCode: huawei, SortOrder: 5, Note: "县编委〔2024〕3号"}
		u, err := f.svc.Update(f.ctx, culture.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if u.Name != in.Name || u.ShortName != "文广旅体局" || !slices.Equal(u.Aliases, []string{"县文广局", "县文化局"}) ||
			u.CreditCode != huawei || u.SortOrder != 5 || u.Path != culture.Path {
			t.Fatalf("updated %+v", u)
		}
		hist, _ := f.svc.History(f.ctx, culture.ID)
		if last := hist[len(hist)-1]; last.Kind != org.EventRename || last.OldName != "县文化局" ||
			last.NewName != in.Name || last.Note != "县编委〔2024〕3号" {
			t.Fatalf("rename event %+v", last)
		}
		rows := f.audits(culture.ID)
		if last := rows[len(rows)-1]; last.Action != "unit.update" || last.Summary != "单位“县文化局”更名为“县文化广电旅游体育局”" {
			t.Fatalf("audit %+v", last)
		} else if c, ok := changed(last, "name"); !ok || c.Before != "县文化局" || c.After != in.Name {
			t.Fatalf("name change %s", last.Changes)
		}
		// The old name still finds the unit, for plan texts written before the reform.
		if byOld, err := f.svc.GetByName(f.ctx, "县文化局"); err != nil || byOld.ID != culture.ID {
			t.Fatalf("by old name: %v %v", byOld, err)
		}
		// Saving the same values changes nothing and records nothing.
		n := len(f.audits(culture.ID))
		in.Aliases = u.Aliases
		if _, err := f.svc.Update(f.ctx, culture.ID, in); err != nil || len(f.audits(culture.ID)) != n {
			t.Fatalf("no-op update: %v, audits %d→%d", err, n, len(f.audits(culture.ID)))
		}
		// A non-name change is an "update" event.
		in.SortOrder = 6
		if _, err := f.svc.Update(f.ctx, culture.ID, in); err != nil {
			t.Fatal(err)
		}
		if hist, _ := f.svc.History(f.ctx, culture.ID); hist[len(hist)-1].Kind != org.EventUpdate {
			t.Fatalf("update event %+v", hist[len(hist)-1])
		}
		before := f.snapshot()
		_, err = f.svc.Update(f.ctx, sports.ID, org.UnitFields{Name: "县体育局", Level: org.LevelDepartment,
			OrgType: org.OrgAdminOrgan, CreditCode: huawei})
		f.refused(err, org.ErrConflict, "credit_code", "已被“县文化广电旅游体育局”使用", before)
		_, err = f.svc.Update(f.ctx, sports.ID, org.UnitFields{Name: in.Name, Level: org.LevelDepartment, OrgType: org.OrgAdminOrgan})
		f.refused(err, org.ErrConflict, "name", "已有名为", before)
		_, err = f.svc.Update(f.ctx, 999, in)
		f.refused(err, org.ErrNotFound, "", "单位（编号 999）不存在", before)
		f.create(sports.ID, "训练科", org.LevelDepartment)
		before = f.snapshot()
		_, err = f.svc.Update(f.ctx, sports.ID, org.UnitFields{Name: "县体育局", Level: org.LevelSection, OrgType: org.OrgAdminOrgan})
		f.refused(err, org.ErrInvalid, "level", "不能改为科室", before)
		f.chainIntact()
	})
}

// The database's unique constraint is the last line; its error maps to the
// same conflict as the check that normally comes first.
func TestCreditCodeUniqueConstraintMapped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		a := f.create(0, "甲单位", org.LevelGovernment)
		_, err := db.W.ExecContext(f.ctx, store.Rebind(db.Dialect, `UPDATE units SET credit_code = ? WHERE id = ?`), tencent, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.W.ExecContext(f.ctx, store.Rebind(db.Dialect, `INSERT INTO units (name, level, org_type, credit_code, path,
			created_at, updated_at) VALUES ('乙', 'department', 'other', ?, '/x/', '2026-01-01', '2026-01-01')`), tencent)
		if !store.IsUniqueViolation(err) {
			t.Fatalf("want unique violation, got %v", err)
		}
		var oe *org.Error
		if got := org.MapUniqueForTest(err); !errors.As(got, &oe) || oe.Field != "credit_code" || !errors.Is(got, org.ErrConflict) {
			t.Fatalf("mapped to %v", got)
		}
	})
}
