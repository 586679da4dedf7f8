package enforcement_test

import (
	"context"
	"testing"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/deadline"
	"fazhi/internal/enforcement"
	"fazhi/internal/org"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

func init() { auth.CheapHashingForTests() }

// testKey is a fixed data key for sealing in tests (never used elsewhere).
const testKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

// county is the shared enforcement fixture: 清溪县 (region 369901) with its
// government, 市场监督管理局, 综合行政执法局 and 司法局, a 法治办 user and an
// officer user, a fixed clock (2026-03-02 10:00 CST, a Monday).
type county struct {
	ctx   context.Context // acts as the officer account
	svc   *enforcement.Service
	db    *store.DB
	dl    *deadline.Service
	units map[string]int64
	users map[string]int64
	clock time.Time
}

func newCounty(t *testing.T, db *store.DB) *county {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	orgs := org.NewService(db, l)
	ctx := audit.WithActor(context.Background(), audit.Actor{Username: "setup"})
	c := &county{db: db, units: map[string]int64{}, users: map[string]int64{},
		clock: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
	for _, r := range []org.Region{{Code: "360000", Name: "江西省"}, {Code: "369900", Name: "云岭市", ParentCode: "360000"},
		{Code: "369901", Name: "清溪县", ParentCode: "369900"}} {
		if _, err := orgs.CreateRegion(ctx, r); err != nil {
			t.Fatalf("region %s: %v", r.Name, err)
		}
	}
	add := func(parent int64, name string, level org.Level) int64 {
		u, err := orgs.Create(ctx, parent, org.UnitFields{Name: name, Level: level, OrgType: org.OrgAdminOrgan, RegionCode: "369901"})
		if err != nil {
			t.Fatalf("unit %s: %v", name, err)
		}
		c.units[name] = u.ID
		return u.ID
	}
	gov := add(0, "清溪县人民政府", org.LevelGovernment)
	for _, n := range []string{"清溪县市场监督管理局", "清溪县综合行政执法局", "清溪县司法局"} {
		add(gov, n, org.LevelDepartment)
	}
	users := auth.NewService(db, l)
	for name, unit := range map[string]string{"fazhiban": "清溪县司法局", "officer": "清溪县市场监督管理局", "legal": "清溪县市场监督管理局"} {
		u, err := users.CreateUser(ctx, auth.NewUser{Username: name, DisplayName: name, UnitID: c.units[unit], Password: "Qingxi@2026x", Roles: []auth.Role{auth.RoleOfficer}})
		if err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		c.users[name] = u.ID
	}
	key, err := privacy.ParseKey(testKey)
	if err != nil {
		t.Fatal(err)
	}
	ciph, err := privacy.New("", key)
	if err != nil {
		t.Fatal(err)
	}
	files, err := attach.NewStore(db, t.TempDir(), 10<<20, l)
	if err != nil {
		t.Fatal(err)
	}
	c.dl = deadline.NewService(db, l)
	c.dl.Now = func() time.Time { return c.clock }
	c.svc = enforcement.NewService(db, l, orgs, c.dl, files, ciph)
	c.svc.Now = func() time.Time { return c.clock }
	c.ctx = c.as("officer")
	return c
}

// as returns a context acting as the named fixture user.
func (c *county) as(name string) context.Context {
	return audit.WithActor(context.Background(), audit.Actor{UserID: c.users[name], Username: name})
}
