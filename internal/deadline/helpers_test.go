package deadline_test

import (
	"context"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// Notices of 2027 (fictional: the real one is not published yet).
const (
	notice2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（周五）放假调休，共8天。2月20日（周六）上班。
三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
国务院办公厅
2026年11月5日`
	notice2027b = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、国庆节：10月1日（周五）至8日（周五）放假调休，共8天。9月26日（周日）、10月9日（周六）上班。
国务院办公厅
2026年11月6日`
)

// today is the demo's "now": Monday 2026-11-23.
var today = calendar.MustDate(2026, time.November, 23)

type fixture struct {
	t      *testing.T
	db     *store.DB
	svc    *deadline.Service
	ctx    context.Context
	county org.Unit // region 369921
	dept   org.Unit // child of county, no region of its own
	user   auth.User
}

func setup(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	logger, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "tester", IP: "127.0.0.1"})
	f := &fixture{t: t, db: db, svc: deadline.NewService(db, logger), ctx: ctx}
	f.svc.Now = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)) }
	o := org.NewService(db, logger)
	for _, r := range []org.Region{{Code: "360000", Name: "江西省"}, {Code: "369900", Name: "云岭市", ParentCode: "360000"},
		{Code: "369921", Name: "清溪县", ParentCode: "369900"}} {
		if _, err := o.CreateRegion(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if f.county, err = o.Create(ctx, 0, org.UnitFields{Name: "清溪县人民政府", Level: org.LevelGovernment,
		OrgType: org.OrgAdminOrgan, RegionCode: "369921"}); err != nil {
		t.Fatal(err)
	}
	if f.dept, err = o.Create(ctx, f.county.ID, org.UnitFields{Name: "清溪县司法局", Level: org.LevelDepartment,
		OrgType: org.OrgAdminOrgan}); err != nil {
		t.Fatal(err)
	}
	auth.CheapHashingForTests()
	if f.user, err = auth.NewService(db, logger).CreateUser(ctx, auth.NewUser{Username: "fzb", DisplayName: "王明",
		UnitID: f.dept.ID, Password: "Qingxi@2026!x", Roles: []auth.Role{auth.RoleLegalOffice}}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) register(it deadline.Item) int64 {
	f.t.Helper()
	id, err := f.svc.Register(f.ctx, nil, it)
	f.must(err)
	return id
}

func (f *fixture) item(id int64) deadline.Item {
	f.t.Helper()
	it, err := f.svc.Get(f.ctx, id)
	f.must(err)
	return it
}

func (f *fixture) auditCount(action string) int {
	f.t.Helper()
	var n int
	f.must(f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, action).Scan(&n))
	return n
}

func d(y int, m time.Month, day int) calendar.Date { return calendar.MustDate(y, m, day) }

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	de, ok := err.(*deadline.Error)
	if !ok || de.Code != code {
		t.Fatalf("error %v (%T), want code %s", err, err, code)
	}
}
