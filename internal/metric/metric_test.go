package metric

import (
	"context"
	"strings"
	"testing"
)

func fixed(n float64, known bool, from string) Source {
	return func(context.Context, int64, Period) (Value, error) {
		return Value{Number: n, Known: known, From: from}, nil
	}
}

func TestNativeReplacesLedger(t *testing.T) {
	ctx := context.Background()
	r := New()
	m := Metric{Key: "enforce.penalties", Name: "行政处罚案件", Unit: "件", Kind: KindCount, Aggregate: AggSum}
	if err := r.RegisterLedger(m, fixed(450, true, "")); err != nil {
		t.Fatal(err)
	}
	v, err := r.Value(ctx, m.Key, 1, Year(2025))
	if err != nil || !v.Known || v.Number != 450 || v.From != LedgerFrom || v.Replaced {
		t.Fatalf("ledger only: %+v %v", v, err)
	}
	native := m
	native.Owner = "行政执法"
	if err := r.Register(native, fixed(457, true, "")); err != nil {
		t.Fatal(err)
	}
	v, _ = r.Value(ctx, m.Key, 1, Year(2025))
	if v.Number != 457 || v.From != "行政执法" || !v.Replaced || v.Manual != 450 || !strings.Contains(v.Note, "替代台账填报值 450") {
		t.Fatalf("native: %+v", v)
	}
	if err := r.Register(native, fixed(1, true, "")); err == nil {
		t.Error("second native source accepted")
	}
	if i, _ := r.Lookup(m.Key); i.SourceLabel() != "行政执法（无记录时取台账）" {
		t.Errorf("source label %q", i.SourceLabel())
	}
}

func TestNativeUnknownFallsBack(t *testing.T) {
	r := New()
	m := Metric{Key: "k", Name: "指标", Owner: "规划督办"}
	if err := r.Register(m, fixed(0, false, "")); err != nil {
		t.Fatal(err)
	}
	v, _ := r.Value(context.Background(), "k", 1, Year(2025))
	if v.Known {
		t.Fatalf("nothing known: %+v", v)
	}
	if err := r.RegisterLedger(Metric{Key: "k", Name: "台账名"}, fixed(3, true, "")); err != nil {
		t.Fatal(err)
	}
	v, _ = r.Value(context.Background(), "k", 1, Year(2025))
	if !v.Known || v.Number != 3 || v.From != LedgerFrom {
		t.Fatalf("fallback: %+v", v)
	}
	if i, _ := r.Lookup("k"); i.Name != "指标" {
		t.Errorf("native definition must win, got %q", i.Name)
	}
	if _, err := r.Value(context.Background(), "nope", 1, Year(2025)); err == nil {
		t.Error("unknown key accepted")
	}
}

func TestRatio(t *testing.T) {
	r := New()
	_ = r.RegisterLedger(Metric{Key: "closed", Name: "办结"}, fixed(79, true, ""))
	_ = r.RegisterLedger(Metric{Key: "corrected", Name: "纠错"}, fixed(8, true, ""))
	_ = r.RegisterLedger(Metric{Key: "empty", Name: "空"}, fixed(0, false, ""))
	_ = r.Register(Metric{Key: "rate", Name: "纠错率", Unit: "%", Ratio: &Ratio{Num: "corrected", Den: "closed", Scale: 100}}, nil)
	_ = r.Register(Metric{Key: "bad", Name: "无分母", Ratio: &Ratio{Num: "corrected", Den: "empty", Scale: 100}}, nil)
	v, err := r.Value(context.Background(), "rate", 1, Year(2025))
	if err != nil || v.Text() != "10.13" || v.Note != "8 ÷ 79" {
		t.Fatalf("rate: %+v %v", v, err)
	}
	if v, _ := r.Value(context.Background(), "bad", 1, Year(2025)); v.Known || v.Text() != "—" {
		t.Fatalf("no denominator: %+v", v)
	}
	all, err := r.Values(context.Background(), 1, Year(2025))
	if err != nil || len(all) != 5 {
		t.Fatalf("values: %d %v", len(all), err)
	}
	if r.List()[0].Key != "closed" {
		t.Error("list not in registration order")
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct {
		p     Period
		text  string
		valid bool
		month int
	}{
		{Year(2025), "2025年", true, 12},
		{Period{Year: 2025, Half: 2}, "2025年下半年", true, 6},
		{Period{Year: 2025, Quarter: 3}, "2025年第三季度", true, 3},
		{Period{Year: 2025, Half: 1, Quarter: 1}, "2025年上半年", false, 6},
		{Period{Year: 2025, Quarter: 5}, "2025年", false, 12},
	}
	for _, tc := range tests {
		if tc.p.String() != tc.text || tc.p.Valid() != tc.valid {
			t.Errorf("%+v: %q %v", tc.p, tc.p.String(), tc.p.Valid())
		}
		if tc.valid {
			from, to := tc.p.Bounds()
			if months := int(to.Month()-from.Month()+12) % 12; months != tc.month%12 {
				t.Errorf("%+v: bounds %v – %v", tc.p, from, to)
			}
		}
	}
	if FormatNumber(98.38) != "98.38" || FormatNumber(2210) != "2210" || FormatNumber(96.8999) != "96.9" {
		t.Error("FormatNumber")
	}
}
