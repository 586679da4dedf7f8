package attach_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func (f *fixture) path(a attach.Attachment) string {
	return filepath.Join(f.s.Dir, a.Hash[:2], a.Hash[2:4], a.Hash)
}

func TestTamperDetection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		content := pdf("原始证据")
		a := f.save(content, attach.Meta{Filename: "证据.pdf"})
		if err := f.s.Verify(f.ctx, a); err != nil {
			t.Fatalf("intact file: %v", err)
		}
		forged := pdf("伪造证据")
		if len(forged) != len(content) {
			t.Fatal("test needs equal sizes")
		}
		if err := os.WriteFile(f.path(a), forged, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := f.s.Verify(f.ctx, a); !errors.Is(err, attach.ErrTampered) {
			t.Fatalf("Verify after tampering = %v", err)
		}
		bad, err := f.s.VerifyAll(f.ctx)
		if err != nil || len(bad) != 1 || bad[0].Hash != a.Hash || !errors.Is(bad[0].Err, attach.ErrTampered) {
			t.Fatalf("VerifyAll = %+v, %v", bad, err)
		}
		if err := os.WriteFile(f.path(a), content[:10], 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Open(f.ctx, a); !errors.Is(err, attach.ErrTampered) {
			t.Fatalf("Open of a truncated file = %v", err)
		}
		if err := os.Remove(f.path(a)); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Open(f.ctx, a); !errors.Is(err, attach.ErrMissing) {
			t.Fatalf("Open of a missing file = %v", err)
		}
		if err := f.s.Verify(f.ctx, a); !errors.Is(err, attach.ErrMissing) {
			t.Fatalf("Verify of a missing file = %v", err)
		}
		// Uploading the same bytes again restores the file for both rows.
		f.save(content, attach.Meta{Filename: "证据（重传）.pdf"})
		if bad, err := f.s.VerifyAll(f.ctx); err != nil || len(bad) != 0 {
			t.Fatalf("VerifyAll after re-upload = %+v, %v", bad, err)
		}
	})
}

func TestDeleteAndGC(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		a1 := f.save(pdf("A"), attach.Meta{Filename: "a1.pdf"})
		a2 := f.save(pdf("A"), attach.Meta{Filename: "a2.pdf"})
		b := f.save(pdf("B"), attach.Meta{Filename: "b.pdf"})
		stale := filepath.Join(f.s.Dir, "tmp", "upload-123.part")
		if err := os.WriteFile(stale, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-2 * time.Hour)
		if err := os.Chtimes(stale, old, old); err != nil {
			t.Fatal(err)
		}

		if err := f.s.Delete(f.ctx, a1.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.Get(f.ctx, a1.ID); !errors.Is(err, attach.ErrNotFound) {
			t.Fatalf("Get after delete = %v", err)
		}
		if _, err := f.s.Open(f.ctx, a1); !errors.Is(err, attach.ErrNotFound) {
			t.Fatalf("Open after delete = %v", err)
		}
		if err := f.s.Delete(f.ctx, a1.ID); !errors.Is(err, attach.ErrNotFound) {
			t.Fatalf("second delete = %v", err)
		}
		res, err := f.s.GC(f.ctx)
		if err != nil || res != (attach.GCResult{Temps: 1}) {
			t.Fatalf("GC with every file referenced = %+v, %v", res, err)
		}
		if err := f.s.Delete(f.ctx, a2.ID); err != nil {
			t.Fatal(err)
		}
		// Within the grace period a file is kept even when unreferenced.
		if res, err := f.s.GC(f.ctx); err != nil || res != (attach.GCResult{}) {
			t.Fatalf("GC within grace = %+v, %v", res, err)
		}
		f.s.GCGrace = 0
		res, err = f.s.GC(f.ctx)
		if err != nil || res != (attach.GCResult{Files: 1, Bytes: a1.Size}) {
			t.Fatalf("GC = %+v, %v", res, err)
		}
		if _, err := os.Stat(f.path(a1)); !os.IsNotExist(err) {
			t.Fatalf("unreferenced file still there: %v", err)
		}
		if err := f.s.Verify(f.ctx, b); err != nil {
			t.Fatalf("referenced file damaged by GC: %v", err)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, attach.ActionDelete); n != 2 {
			t.Fatalf("%d delete audit entries, want 2", n)
		}
	})
}

func TestList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		a := f.save(pdf("1"), attach.Meta{Filename: "1.pdf", ObjectType: "case", ObjectID: "1"})
		b := f.save(pdf("2"), attach.Meta{Filename: "2.pdf", UnitID: f.child, ObjectType: "normdoc", ObjectID: "1"})
		c := f.save(pdf("3"), attach.Meta{Filename: "3.pdf", UnitID: f.other})
		unitPath := "/" + itoa(f.unit) + "/"
		for _, tt := range []struct {
			name   string
			filter attach.ListFilter
			want   []int64
			total  int
		}{
			{"no scope matches nothing", attach.ListFilter{}, []int64{}, 0},
			{"all", attach.ListFilter{AllUnits: true}, []int64{c.ID, b.ID, a.ID}, 3},
			{"subtree", attach.ListFilter{ScopePath: unitPath}, []int64{b.ID, a.ID}, 2},
			{"units", attach.ListFilter{UnitIDs: []int64{f.unit, f.other}}, []int64{c.ID, a.ID}, 2},
			{"object type", attach.ListFilter{ScopePath: unitPath, ObjectType: "case"}, []int64{a.ID}, 1},
			{"page", attach.ListFilter{AllUnits: true, Limit: 1, Offset: 1}, []int64{b.ID}, 3},
		} {
			got, total, err := f.s.List(f.ctx, tt.filter)
			ids := []int64{}
			for _, x := range got {
				ids = append(ids, x.ID)
			}
			if err != nil || total != tt.total || fmt.Sprint(ids) != fmt.Sprint(tt.want) {
				t.Errorf("%s: got %v (total %d), %v; want %v (total %d)", tt.name, ids, total, err, tt.want, tt.total)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
