package enforcement_test

import (
	"errors"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// regPublishedItem publishes a first list version for unit with one penalty
// item and returns the item as stored.
func regPublishedItem(t *testing.T, c *county, unit int64, code string) enforcement.Item {
	t.Helper()
	draft, err := c.svc.NewListDraft(c.ctx, unit, "初版")
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.svc.SaveItem(c.ctx, draft, regPenaltyItem(code))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.svc.PublishList(c.ctx, draft); err != nil {
		t.Fatal(err)
	}
	it, err := c.svc.Item(c.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// Draft → publish → new draft (a copy) → change → publish: the second
// version supersedes the first, and the first version's item ids still read
// with their 裁量基准 (cases decided under them keep pointing at them).
func TestListVersioning(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县市场监督管理局"]
		if items, err := c.svc.CurrentItems(c.ctx, unit); err != nil || len(items) != 0 {
			t.Fatalf("before any version: %v %v", items, err)
		}
		v1item := regPublishedItem(t, c, unit, "CF-001")
		if len(v1item.Discretion) != 2 || v1item.Discretion[1].MinFen == nil || *v1item.Discretion[1].MinFen != 200000 {
			t.Fatalf("discretion not stored: %+v", v1item.Discretion)
		}
		cur, _ := c.svc.CurrentItems(c.ctx, unit)
		if len(cur) != 1 || cur[0].ID != v1item.ID {
			t.Fatalf("current after v1: %+v", cur)
		}
		// A published version cannot change.
		if _, err := c.svc.SaveItem(c.ctx, v1item.ListID, regPenaltyItem("CF-002")); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("published version edited: %v", err)
		}
		v2, err := c.svc.NewListDraft(c.ctx, unit, "2026年调整")
		if err != nil {
			t.Fatal(err)
		}
		again, _ := c.svc.NewListDraft(c.ctx, unit, "")
		if again != v2 {
			t.Fatalf("second draft %d opened beside %d", again, v2)
		}
		copied, _ := c.svc.VersionItems(c.ctx, v2)
		if len(copied) != 1 || copied[0].ID == v1item.ID || copied[0].Code != "CF-001" || len(copied[0].Discretion) != 2 {
			t.Fatalf("draft is not a copy: %+v", copied)
		}
		// Editing the draft leaves the current version alone until publication.
		in := enforcement.ItemInputOf(copied[0])
		in.Discretion[1].MaxFen = regFen(800000)
		if _, err := c.svc.SaveItem(c.ctx, v2, in); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.SaveItem(c.ctx, v2, regPenaltyItem("CF-001")); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("duplicate code accepted: %v", err)
		}
		if _, err := c.svc.SaveItem(c.ctx, v2, regPenaltyItem("CF-002")); err != nil {
			t.Fatal(err)
		}
		cur, _ = c.svc.CurrentItems(c.ctx, unit)
		if len(cur) != 1 || *cur[0].Discretion[1].MaxFen != 500000 {
			t.Fatalf("draft edits leaked into the current version: %+v", cur)
		}
		if err := c.svc.PublishList(c.ctx, v2); err != nil {
			t.Fatal(err)
		}
		cur, _ = c.svc.CurrentItems(c.ctx, unit)
		if len(cur) != 2 || *cur[0].Discretion[1].MaxFen != 800000 {
			t.Fatalf("current after v2: %+v", cur)
		}
		versions, _ := c.svc.ListVersions(c.ctx, unit)
		if len(versions) != 2 || versions[0].Status != enforcement.ListPublished || versions[1].Status != enforcement.ListSuperseded ||
			versions[0].Version != 2 || versions[0].PublishedByName != "officer" {
			t.Fatalf("versions: %+v", versions)
		}
		old, err := c.svc.Item(c.ctx, v1item.ID)
		if err != nil || old.ListID != v1item.ListID || *old.Discretion[1].MaxFen != 500000 {
			t.Fatalf("superseded item: %+v %v", old, err)
		}
		if err := c.svc.PublishList(c.ctx, v2); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("published twice: %v", err)
		}
	})
}

func TestDraftDeleteAndDiscard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县综合行政执法局"]
		d, err := c.svc.NewListDraft(c.ctx, unit, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := c.svc.PublishList(c.ctx, d); !errors.Is(err, enforcement.ErrInvalid) {
			t.Fatalf("empty version published: %v", err)
		}
		id, err := c.svc.SaveItem(c.ctx, d, regPenaltyItem("ZF-1"))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.svc.DeleteItem(c.ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.Item(c.ctx, id); !errors.Is(err, enforcement.ErrNotFound) {
			t.Fatalf("deleted item still there: %v", err)
		}
		if err := c.svc.DiscardDraft(c.ctx, d); err != nil {
			t.Fatal(err)
		}
		if vs, _ := c.svc.ListVersions(c.ctx, unit); len(vs) != 0 {
			t.Fatalf("discarded draft remains: %+v", vs)
		}
	})
}
