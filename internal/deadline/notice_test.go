package deadline_test

import (
	"testing"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestImportNoticeReplacesYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		oct1 := d(2027, time.October, 1)
		cal, err := f.svc.Calendar(f.ctx)
		f.must(err)
		if day, _ := cal.Day(oct1); !day.Workday || !day.Estimated {
			t.Fatalf("before import 2027-10-01 = %+v", day)
		}
		plan, err := f.svc.ImportNotice(f.ctx, notice2027)
		f.must(err)
		if cal, _ = f.svc.Calendar(f.ctx); cal.Published(2027) {
			t.Fatal("preview saved the notice")
		}
		pv, err := f.svc.PreviewNotice(f.ctx, plan)
		f.must(err)
		if pv.Replaces != nil || len(pv.Changes) != 21 {
			t.Errorf("preview: replaces %v, %d changes", pv.Replaces, len(pv.Changes))
		}
		f.must(f.svc.ApplyNotice(f.ctx, plan, notice2027))
		cal, _ = f.svc.Calendar(f.ctx)
		if day, _ := cal.Day(oct1); day.Workday || day.Name != "国庆节" || day.Estimated {
			t.Errorf("after import 2027-10-01 = %+v", day)
		}

		// A corrected notice replaces the first; the history is in the audit log.
		plan2, err := f.svc.ImportNotice(f.ctx, notice2027b)
		f.must(err)
		pv, err = f.svc.PreviewNotice(f.ctx, plan2)
		f.must(err)
		if pv.Replaces == nil || pv.Replaces.ImportedBy != "tester" {
			t.Errorf("second preview does not name the import it replaces: %+v", pv.Replaces)
		}
		f.must(f.svc.ApplyNotice(f.ctx, plan2, notice2027b))
		fresh := deadline.NewService(db, f.svc.Audit) // no cache: reads the database
		cal, err = fresh.Calendar(f.ctx)
		f.must(err)
		if day, _ := cal.Day(d(2027, time.October, 8)); day.Workday {
			t.Errorf("2027-10-08 after replacement = %+v", day)
		}
		if day, _ := cal.Day(d(2027, time.February, 8)); !day.Workday {
			t.Errorf("春节 of the replaced import still applies: %+v", day)
		}
		years, err := fresh.Imported(f.ctx)
		f.must(err)
		if len(years) != 1 || years[0].Plan.Issued != d(2026, time.November, 6) || years[0].Text != notice2027b {
			t.Errorf("imported years: %+v", years)
		}
		if n := f.auditCount(deadline.ActionImport); n != 2 {
			t.Errorf("%d import audit entries, want 2", n)
		}
	})
}

func TestApplyNoticeRefusesMismatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		plan, err := f.svc.ImportNotice(f.ctx, notice2027)
		f.must(err)
		wantCode(t, f.svc.ApplyNotice(f.ctx, plan, notice2027b), deadline.CodeInvalid)
		_, err = f.svc.ImportNotice(f.ctx, "关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共4天。")
		wantCode(t, err, deadline.CodeInvalid)
		if cal, _ := f.svc.Calendar(f.ctx); cal.Published(2027) {
			t.Error("a refused notice was saved")
		}
	})
}

func TestRegionHolidays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		id := f.register(deadline.Item{ObjectType: "test", ObjectID: "1", Title: "答复", UnitID: f.dept.ID,
			N: 1, Unit: calendar.UnitWorkday, Start: today})
		if due := f.item(id).Due; due != d(2026, time.November, 24) {
			t.Fatalf("due %s", due)
		}
		days, err := deadline.ParseRegionDays("2026-11-24 清溪节\n2026-11-25至2026-11-26 清溪节 休\n")
		f.must(err)
		// The city's holiday applies to the county below it.
		f.must(f.svc.SetRegionHolidays(f.ctx, calendar.Region{Code: "369900", Name: "云岭市", Source: "云岭市民族节日条例", Days: days}))
		cal, err := f.svc.CalendarFor(f.ctx, "369921")
		f.must(err)
		if wd, _ := cal.IsWorkday(d(2026, time.November, 24)); wd {
			t.Error("regional holiday is a working day in the county")
		}
		national, _ := f.svc.Calendar(f.ctx)
		if wd, _ := national.IsWorkday(d(2026, time.November, 24)); !wd {
			t.Error("regional holiday leaked into the national calendar")
		}
		if due := f.item(id).Due; due != d(2026, time.November, 27) {
			t.Errorf("open item not recomputed: due %s", due)
		}
		_, err = deadline.ParseRegionDays("2026-11-24")
		wantCode(t, err, deadline.CodeInvalid)
		wantCode(t, f.svc.SetRegionHolidays(f.ctx, calendar.Region{Code: "12", Name: "x"}), deadline.CodeInvalid)
		f.must(f.svc.SetRegionHolidays(f.ctx, calendar.Region{Code: "369900", Name: "云岭市"}))
		if list, _ := f.svc.Regions(f.ctx); len(list) != 0 {
			t.Errorf("regions after clearing: %+v", list)
		}
		if n := f.auditCount(deadline.ActionRegion); n != 2 {
			t.Errorf("%d region audit entries", n)
		}
	})
}
