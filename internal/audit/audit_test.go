package audit_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func appendN(t *testing.T, db *store.DB, l *audit.Logger, n int) {
	t.Helper()
	ctx := audit.WithActor(context.Background(), audit.Actor{UserID: 0, Username: "tester", IP: "127.0.0.1"})
	for i := 0; i < n; i++ {
		err := l.RecordAlone(ctx, db, audit.Entry{Action: "unit.update", ObjectType: "unit", ObjectID: "7",
			Summary: "修改单位", Changes: []audit.Change{{Field: "name", Before: "甲", After: "乙"}}})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// tamper runs raw SQL past the append-only trigger, as an attacker with
// database access would.
func tamper(t *testing.T, db *store.DB, stmts ...string) {
	t.Helper()
	pre, post := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}, []string(nil)
	if db.Dialect == store.Postgres {
		pre = []string{`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`}
		post = []string{`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`}
	}
	all := append(append(pre, stmts...), post...)
	for _, s := range all {
		if _, err := db.W.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestChainVerifiesAndDetectsTampering(t *testing.T) {
	cases := []struct {
		name    string
		stmts   []string
		badSeq  int64
		because string
	}{
		{"intact", nil, 0, ""},
		{"altered", []string{`UPDATE audit_log SET summary = '改过' WHERE seq = 3`}, 3, "altered"},
		{"deleted middle", []string{`DELETE FROM audit_log WHERE seq = 2`}, 2, "missing"},
		{"deleted tail", []string{`DELETE FROM audit_log WHERE seq = 5`}, 5, "deleted"},
		{"rehashed row", []string{`UPDATE audit_log SET summary = 'x', hash = 'abc' WHERE seq = 4`}, 4, "altered"},
		{"reordered", []string{`UPDATE audit_log SET seq = 99 WHERE seq = 3`, `UPDATE audit_log SET seq = 3 WHERE seq = 4`, `UPDATE audit_log SET seq = 4 WHERE seq = 99`}, 3, ""},
	}
	for _, algo := range []string{audit.SHA256, audit.SM3} {
		for _, c := range cases {
			t.Run(algo+"/"+c.name, func(t *testing.T) {
				storetest.Each(t, func(t *testing.T, db *store.DB) {
					l, err := audit.NewLogger(algo)
					if err != nil {
						t.Fatal(err)
					}
					appendN(t, db, l, 5)
					tamper(t, db, c.stmts...)
					res, err := audit.Verify(context.Background(), db)
					if err != nil {
						t.Fatal(err)
					}
					if c.badSeq == 0 {
						if res.Broken != nil || res.Rows != 5 {
							t.Fatalf("intact chain reported %+v", res)
						}
						return
					}
					if res.Broken == nil || res.Broken.Seq != c.badSeq || !strings.Contains(res.Broken.Reason, c.because) {
						t.Fatalf("want row %d (%s), got %+v", c.badSeq, c.because, res.Broken)
					}
				})
			})
		}
	}
}

func TestMixedAlgorithmsVerify(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, _ := audit.NewLogger(audit.SHA256)
		b, _ := audit.NewLogger(audit.SM3)
		appendN(t, db, a, 2)
		appendN(t, db, b, 2)
		res, err := audit.Verify(context.Background(), db)
		if err != nil || res.Broken != nil || res.Rows != 4 {
			t.Fatalf("%+v %v", res, err)
		}
	})
}

func TestRecordRollsBackWithTheChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l, _ := audit.NewLogger("")
		ctx := context.Background()
		_ = db.InTx(ctx, func(tx *store.Tx) error {
			if err := l.Record(ctx, tx, audit.Entry{Action: "x.create"}); err != nil {
				t.Fatal(err)
			}
			return context.Canceled
		})
		rows, total, err := audit.Search(ctx, db, audit.Filter{})
		if err != nil || total != 0 || len(rows) != 0 {
			t.Fatalf("rolled-back audit row visible: %d %v", total, err)
		}
		appendN(t, db, l, 1)
		if res, _ := audit.Verify(ctx, db); res.Broken != nil {
			t.Fatalf("chain broken after rollback: %+v", res.Broken)
		}
	})
}

func TestSearchFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l, _ := audit.NewLogger("")
		ctx := audit.WithActor(context.Background(), audit.Actor{Username: "alice"})
		for _, a := range []string{audit.ActionLogin, audit.ActionLoginFailed, "unit.create"} {
			if err := l.RecordAlone(ctx, db, audit.Entry{Action: a, Summary: "摘要" + a}); err != nil {
				t.Fatal(err)
			}
		}
		check := func(f audit.Filter, want int) {
			t.Helper()
			rows, total, err := audit.Search(context.Background(), db, f)
			if err != nil || total != want || len(rows) != want {
				t.Fatalf("%+v: got %d/%d rows, want %d (%v)", f, len(rows), total, want, err)
			}
		}
		check(audit.Filter{}, 3)
		check(audit.Filter{Action: "auth."}, 2)
		check(audit.Filter{Action: "unit.create"}, 1)
		check(audit.Filter{Username: "bob"}, 0)
		check(audit.Filter{Text: "unit.cr"}, 1)
		check(audit.Filter{From: time.Now().Add(time.Hour)}, 0)
		rows, total, _ := audit.Search(context.Background(), db, audit.Filter{Limit: 2})
		if total != 3 || len(rows) != 2 || rows[0].Seq != 3 {
			t.Fatalf("paging: %d rows of %d, first %d", len(rows), total, rows[0].Seq)
		}
	})
}

// Two loggers stand for two processes sharing one database: each one's
// remembered tip goes stale when the other appends, and the chain must stay
// intact anyway.
func TestTwoWritersKeepOneChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, _ := audit.NewLogger(audit.SHA256)
		b, _ := audit.NewLogger(audit.SM3)
		for i := 0; i < 3; i++ {
			appendN(t, db, a, 2)
			appendN(t, db, b, 1)
		}
		res, err := audit.Verify(context.Background(), db)
		if err != nil || res.Broken != nil || res.Rows != 9 {
			t.Fatalf("%+v %v", res, err)
		}
	})
}
