package enforcement_test

import (
	"errors"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestSubjects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县市场监督管理局"]
		in := enforcement.SubjectInput{UnitID: unit, Name: "清溪县市场监督管理局", Kind: enforcement.SubjectAuthority,
			LegalBasis: "《清溪县机构改革方案》；《中华人民共和国食品安全法》第六条", Scope: "市场监管、食品安全、知识产权", Active: true}
		id, err := c.svc.CreateSubject(c.ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.CreateSubject(c.ctx, in); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("duplicate name: %v", err)
		}
		bad := in
		bad.Kind = "council"
		if _, err := c.svc.CreateSubject(c.ctx, bad); !errors.Is(err, enforcement.ErrInvalid) {
			t.Fatalf("unknown kind: %v", err)
		}
		bad = in
		bad.LegalBasis = " "
		if _, err := c.svc.CreateSubject(c.ctx, bad); !errors.Is(err, enforcement.ErrInvalid) {
			t.Fatalf("no legal basis: %v", err)
		}
		in.Scope, in.Active = "市场监管", false
		in.UnitID = c.units["清溪县司法局"] // the unit never changes on update
		if err := c.svc.UpdateSubject(c.ctx, id, in); err != nil {
			t.Fatal(err)
		}
		sj, err := c.svc.Subject(c.ctx, id)
		if err != nil || sj.Scope != "市场监管" || sj.Active || sj.UnitID != unit || sj.UnitName != "清溪县市场监督管理局" {
			t.Fatalf("after update: %+v %v", sj, err)
		}
		all, _ := c.svc.Subjects(c.ctx, "")
		mine, _ := c.svc.UnitSubjects(c.ctx, c.units["清溪县司法局"])
		if len(all) != 1 || len(mine) != 0 {
			t.Fatalf("lists: %d %d", len(all), len(mine))
		}
		if _, err := c.svc.Subject(c.ctx, 9999); !errors.Is(err, enforcement.ErrNotFound) {
			t.Fatalf("missing subject: %v", err)
		}
	})
}
