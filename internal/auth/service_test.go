package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func setup(t *testing.T, db *store.DB) (*auth.Service, *clock, int64) {
	t.Helper()
	ctx := context.Background()
	var unit int64
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		now := time.Now().UTC()
		unit, err = tx.InsertID(ctx, `INSERT INTO units (name, level, org_type, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			"测试县人民政府", "government", "admin_organ", "/1/", now, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := audit.NewLogger("")
	s := auth.NewService(db, l)
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s.Now = c.now
	return s, c, unit
}

const pw = "Qingxi#2026ok"

func TestCreateUserAndDuplicates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, unit := setup(t, db)
		ctx := context.Background()
		u, err := s.CreateUser(ctx, auth.NewUser{Username: "wang.fang", DisplayName: "王芳", UnitID: unit, Password: pw,
			MustChange: true, Roles: []auth.Role{auth.RoleDeptLegal, auth.RoleSysAdmin}})
		if err != nil {
			t.Fatal(err)
		}
		if !u.MustChange || u.ScopeUnitID != unit || len(u.Roles) != 2 || u.Roles[0] != auth.RoleSysAdmin {
			t.Fatalf("unexpected user %+v", u)
		}
		_, err = s.CreateUser(ctx, auth.NewUser{Username: "wang.fang", DisplayName: "另一人", UnitID: unit, Password: pw})
		var ae *auth.Error
		if !errors.As(err, &ae) || ae.Code != "conflict" || ae.Field != "username" {
			t.Fatalf("duplicate: %v", err)
		}
		for _, bad := range []auth.NewUser{
			{Username: "x", DisplayName: "短", UnitID: unit, Password: pw},
			{Username: "li.si", DisplayName: "", UnitID: unit, Password: pw},
			{Username: "li.si", DisplayName: "李四", UnitID: unit, Password: "short"},
			{Username: "li.si", DisplayName: "李四", UnitID: 9999, Password: pw},
			{Username: "li.si", DisplayName: "李四", UnitID: unit, Password: pw, Roles: []auth.Role{"root"}},
		} {
			if _, err := s.CreateUser(ctx, bad); !errors.As(err, &ae) || ae.Code != "invalid" {
				t.Errorf("%+v accepted or wrong error: %v", bad, err)
			}
		}
		_, total, _ := s.List(ctx, auth.ListFilter{ScopePath: "/1/"})
		if total != 1 {
			t.Fatalf("%d users after refusals, want 1", total)
		}
	})
}

func TestLockoutAfterFiveFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, c, unit := setup(t, db)
		ctx := context.Background()
		if _, err := s.CreateUser(ctx, auth.NewUser{Username: "zhao", DisplayName: "赵", UnitID: unit, Password: pw}); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 4; i++ {
			if _, err := s.Authenticate(ctx, "zhao", "wrong", "10.0.0.1"); err != auth.ErrBadCredentials {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		_, err := s.Authenticate(ctx, "zhao", "wrong", "10.0.0.1")
		var le *auth.LockedError
		if !errors.As(err, &le) {
			t.Fatalf("5th failure did not lock: %v", err)
		}
		if _, err := s.Authenticate(ctx, "zhao", pw, "10.0.0.1"); !errors.As(err, &le) {
			t.Fatalf("right password accepted while locked: %v", err)
		}
		c.t = c.t.Add(auth.LockFor + time.Second)
		if _, err := s.Authenticate(ctx, "zhao", pw, "10.0.0.1"); err != nil {
			t.Fatalf("after the lock expired: %v", err)
		}
		_, n, _ := audit.Search(ctx, db, audit.Filter{Action: audit.ActionLockout})
		if n != 1 {
			t.Fatalf("%d lockout audit rows", n)
		}
		if res, _ := audit.Verify(ctx, db); res.Broken != nil {
			t.Fatal(res.Broken)
		}
	})
}

func TestUnlockAndIPLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, unit := setup(t, db)
		s.IPs = auth.NewIPLimiter(3, time.Minute)
		ctx := context.Background()
		u, _ := s.CreateUser(ctx, auth.NewUser{Username: "qian", DisplayName: "钱", UnitID: unit, Password: pw})
		for i := 0; i < 5; i++ {
			_, _ = s.Authenticate(ctx, "qian", "bad", "10.0.0."+string(rune('1'+i)))
		}
		if err := s.Unlock(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, "qian", pw, "10.0.0.9"); err != nil {
			t.Fatalf("unlocked account refused: %v", err)
		}
		for i := 0; i < 3; i++ {
			_, _ = s.Authenticate(ctx, "nobody"+string(rune('a'+i)), "bad", "10.9.9.9")
		}
		if _, err := s.Authenticate(ctx, "qian", pw, "10.9.9.9"); err != auth.ErrIPLimited {
			t.Fatalf("IP limit not applied: %v", err)
		}
	})
}

func TestSessionsRotateAndExpire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, c, unit := setup(t, db)
		ctx := context.Background()
		u, _ := s.CreateUser(ctx, auth.NewUser{Username: "sun", DisplayName: "孙", UnitID: unit, Password: pw})
		first, _, err := s.StartSession(ctx, u.ID, "", "1.2.3.4")
		if err != nil {
			t.Fatal(err)
		}
		second, _, _ := s.StartSession(ctx, u.ID, first, "1.2.3.4")
		if _, _, err := s.LookupSession(ctx, first); err != auth.ErrNoSession {
			t.Fatal("old session id still valid after rotation")
		}
		c.t = c.t.Add(29 * time.Minute)
		if _, got, err := s.LookupSession(ctx, second); err != nil || got.ID != u.ID {
			t.Fatalf("live session refused: %v", err)
		}
		c.t = c.t.Add(29 * time.Minute) // touched at 29 min, so still live
		if _, _, err := s.LookupSession(ctx, second); err != nil {
			t.Fatalf("touched session expired early: %v", err)
		}
		c.t = c.t.Add(31 * time.Minute)
		if _, _, err := s.LookupSession(ctx, second); err != auth.ErrNoSession {
			t.Fatalf("idle session not expired: %v", err)
		}
	})
}

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, c, unit := setup(t, db)
		ctx := context.Background()
		u, _ := s.CreateUser(ctx, auth.NewUser{Username: "zhou", DisplayName: "周", UnitID: unit, Password: pw})
		secret, tok, err := s.CreateToken(ctx, u.ID, "对接省平台", 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		var stored int
		_ = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?`, secret).Scan(&stored)
		if stored != 0 {
			t.Fatal("token stored in clear")
		}
		if got, err := s.AuthenticateToken(ctx, secret); err != nil || got.ID != u.ID {
			t.Fatalf("token refused: %v", err)
		}
		if _, err := s.AuthenticateToken(ctx, secret+"x"); err != auth.ErrBadToken {
			t.Fatal("wrong token accepted")
		}
		c.t = c.t.Add(25 * time.Hour)
		if _, err := s.AuthenticateToken(ctx, secret); err != auth.ErrBadToken {
			t.Fatal("expired token accepted")
		}
		c.t = c.t.Add(-25 * time.Hour)
		if err := s.RevokeToken(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateToken(ctx, secret); err != auth.ErrBadToken {
			t.Fatal("revoked token accepted")
		}
	})
}

func TestPasswordChangeClearsMustChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _, unit := setup(t, db)
		ctx := context.Background()
		u, _ := s.CreateUser(ctx, auth.NewUser{Username: "wu.min", DisplayName: "吴", UnitID: unit, Password: pw, MustChange: true})
		if err := s.ChangePassword(ctx, u.ID, "nope", "Another#2026x"); err == nil {
			t.Fatal("wrong old password accepted")
		}
		if err := s.ChangePassword(ctx, u.ID, pw, "weak"); err == nil {
			t.Fatal("weak password accepted")
		}
		if err := s.ChangePassword(ctx, u.ID, pw, "Another#2026x"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Get(ctx, u.ID)
		if got.MustChange {
			t.Fatal("must_change still set")
		}
		if _, err := s.Authenticate(ctx, "wu.min", "Another#2026x", "1.1.1.1"); err != nil {
			t.Fatal(err)
		}
	})
}
