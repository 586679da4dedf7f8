package org_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

type fixture struct {
	t   *testing.T
	db  *store.DB
	svc *org.Service
	ctx context.Context
}

func setup(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	svc := org.NewService(db, l)
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	svc.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	ctx := audit.WithActor(context.Background(), audit.Actor{UserID: 7, Username: "admin", IP: "127.0.0.1"})
	return &fixture{t: t, db: db, svc: svc, ctx: ctx}
}

func (f *fixture) create(parent int64, name string, level org.Level) org.Unit {
	f.t.Helper()
	u, err := f.svc.Create(f.ctx, parent, org.UnitFields{Name: name, Level: level, OrgType: org.OrgAdminOrgan})
	if err != nil {
		f.t.Fatalf("create %s: %v", name, err)
	}
	return u
}

func (f *fixture) get(id int64) org.Unit {
	f.t.Helper()
	u, err := f.svc.Get(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// snapshot renders every row the org package writes, to prove a refused
// operation left nothing behind.
func (f *fixture) snapshot() string {
	f.t.Helper()
	var b strings.Builder
	rows, err := f.db.Read().QueryContext(f.ctx, `SELECT id, name, aliases, level, COALESCE(credit_code, ''),
		COALESCE(parent_id, 0), path, active, COALESCE(merged_into, 0), sort_order FROM units ORDER BY id`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, merged int64
		var name, aliases, level, code, path string
		var active bool
		var sort int
		if err := rows.Scan(&id, &name, &aliases, &level, &code, &parent, &path, &active, &merged, &sort); err != nil {
			f.t.Fatal(err)
		}
		fmt.Fprintf(&b, "%d|%s|%q|%s|%s|%d|%s|%v|%d|%d\n", id, name, aliases, level, code, parent, path, active, merged, sort)
	}
	for _, tbl := range []string{"unit_events", "audit_log", "regions"} {
		var n int
		if err := f.db.Read().QueryRowContext(f.ctx, `SELECT COUNT(*) FROM `+tbl).Scan(&n); err != nil {
			f.t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d\n", tbl, n)
	}
	return b.String()
}

// refused checks err is an *org.Error of the code, field and message, and
// that the database equals before.
func (f *fixture) refused(err error, sentinel error, field, msg, before string) {
	f.t.Helper()
	var oe *org.Error
	if !errors.As(err, &oe) || !errors.Is(err, sentinel) {
		f.t.Fatalf("want %v, got %v", sentinel, err)
	}
	if oe.Field != field || !strings.Contains(oe.Message, msg) {
		f.t.Fatalf("got [%s] %q, want [%s] …%s…", oe.Field, oe.Message, field, msg)
	}
	if after := f.snapshot(); after != before {
		f.t.Fatalf("refused operation changed data:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// audits lists the actions recorded for one unit, oldest first.
func (f *fixture) audits(id int64) []audit.Row {
	f.t.Helper()
	rows, _, err := audit.Search(f.ctx, f.db, audit.Filter{ObjectType: "unit"})
	if err != nil {
		f.t.Fatal(err)
	}
	var out []audit.Row
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].ObjectID == fmt.Sprint(id) {
			out = append(out, rows[i])
		}
	}
	return out
}

func (f *fixture) chainIntact() {
	f.t.Helper()
	res, err := audit.Verify(f.ctx, f.db)
	if err != nil {
		f.t.Fatal(err)
	}
	if res.Broken != nil {
		f.t.Fatalf("audit chain broken: %v", res.Broken)
	}
}

func (f *fixture) paths(ids ...int64) []string {
	f.t.Helper()
	var out []string
	for _, id := range ids {
		out = append(out, f.get(id).Path)
	}
	return out
}

func changed(r audit.Row, field string) (audit.Change, bool) {
	for _, c := range audit.ParseChanges(r.Changes) {
		if c.Field == field {
			return c, true
		}
	}
	return audit.Change{}, false
}
