package ledger

import (
	"context"
	"fmt"

	"fazhi/internal/metric"
)

// Total is one field's figure for a unit and its subtree.
type Total struct {
	Number float64
	Known  bool
	Units  int // units whose figures went into it
}

// Text formats the total, "—" when unknown.
func (t Total) Text() string {
	return metric.Value{Number: t.Number, Known: t.Known}.Text()
}

// Aggregate is how a field's figures combine over a subtree: counts and
// amounts add up, entered percentages do not (the root's own value counts),
// derived rates are ratios of the sums.
func (f Field) Aggregate() metric.Aggregate {
	switch {
	case f.Derived():
		return metric.AggRatio
	case f.Check == Percent:
		return metric.AggNone
	}
	return metric.AggSum
}

// Kind is the field's metric kind.
func (f Field) Kind() metric.Kind {
	switch {
	case f.Unit == "%":
		return metric.KindRate
	case f.Unit == "学时":
		return metric.KindHours
	case f.Check == Decimal:
		return metric.KindAmount
	}
	return metric.KindCount
}

// Totals sums the figures of rootUnitID and every unit below it for year,
// by field key; derived fields are computed from the sums.
func (s *Service) Totals(ctx context.Context, rootUnitID int64, year int) (map[string]Total, error) {
	sheets, err := s.Sheets(ctx, rootUnitID, year)
	if err != nil {
		return nil, err
	}
	return SumSheets(sheets, rootUnitID), nil
}

// SumSheets adds up sheets (rootUnitID's own sheet supplies the figures
// that are not summed).
func SumSheets(sheets map[int64]Sheet, rootUnitID int64) map[string]Total {
	out := map[string]Total{}
	for _, f := range Fields {
		if f.Derived() {
			continue
		}
		var t Total
		for id, sh := range sheets {
			e, ok := sh.Entries[f.Key]
			if !ok || (f.Aggregate() == metric.AggNone && id != rootUnitID) {
				continue
			}
			t.Number += e.Number
			t.Known = true
			t.Units++
		}
		out[f.Key] = t
	}
	for _, f := range Fields {
		if f.Derived() {
			out[f.Key] = ratioOf(f, out)
		}
	}
	return out
}

func ratioOf(f Field, totals map[string]Total) Total {
	num, den := totals[f.Ratio.Num], totals[f.Ratio.Den]
	if !num.Known || !den.Known || den.Number == 0 {
		return Total{}
	}
	return Total{Number: num.Number / den.Number * f.Ratio.Scale, Known: true, Units: max(num.Units, den.Units)}
}

// fieldTotal is one entered field's total over a subtree (the metric source).
func (s *Service) fieldTotal(ctx context.Context, f Field, rootUnitID int64, year int) (Total, error) {
	root, err := s.Org.Get(ctx, rootUnitID)
	if err != nil {
		return Total{}, err
	}
	where, args := `WHERE year = ? AND field = ? AND unit_id IN (SELECT id FROM units WHERE path LIKE ?)`,
		[]any{year, f.Key, root.Path + "%"}
	if f.Aggregate() == metric.AggNone {
		where, args = `WHERE year = ? AND field = ? AND unit_id = ?`, []any{year, f.Key, rootUnitID}
	}
	entries, err := queryEntries(ctx, s.DB.Read(), where, args...)
	if err != nil {
		return Total{}, err
	}
	var t Total
	for _, e := range entries {
		t.Number += e.Number
		t.Known = true
		t.Units++
	}
	return t, nil
}

// Metric is the registry's definition of a field.
func (f Field) Metric() metric.Metric {
	doc := f.Help
	if !f.Derived() {
		doc += "。来源：各单位年度台账填报" + map[metric.Aggregate]string{
			metric.AggSum: "，上级数值为本单位及下级单位之和", metric.AggNone: "，不逐级汇总"}[f.Aggregate()]
	}
	return metric.Metric{Key: f.Key, Name: f.Name, Unit: f.Unit, Doc: doc, Kind: f.Kind(),
		Aggregate: f.Aggregate(), Group: f.Group, Ratio: f.Ratio}
}

// RegisterMetrics registers every field as a metric with the ledger as its
// fallback source (derived fields as computed metrics). A capability that
// later records a figure natively registers the same key and wins.
func (s *Service) RegisterMetrics(reg *metric.Registry) error {
	for _, f := range Fields {
		var err error
		if f.Derived() {
			err = reg.Register(f.Metric(), nil)
		} else {
			err = reg.RegisterLedger(f.Metric(), s.source(f))
		}
		if err != nil {
			return fmt.Errorf("register ledger metric: %w", err)
		}
	}
	return nil
}

// source reads a field's yearly total; the ledger knows nothing of halves
// or quarters.
func (s *Service) source(f Field) metric.Source {
	return func(ctx context.Context, unitID int64, p metric.Period) (metric.Value, error) {
		if !p.WholeYear() {
			return metric.Value{Note: "台账只有年度数据"}, nil
		}
		t, err := s.fieldTotal(ctx, f, unitID, p.Year)
		if err != nil || !t.Known {
			return metric.Value{}, err
		}
		note := fmt.Sprintf("%d 个单位填报", t.Units)
		if f.Aggregate() == metric.AggNone {
			note = "本单位填报"
		}
		return metric.Value{Number: t.Number, Known: true, From: metric.LedgerFrom, Note: note}, nil
	}
}
