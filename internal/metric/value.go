package metric

import (
	"context"
	"fmt"
)

// Value returns a metric's figure for unitID (with its subtree) in period p:
// the native source's value when it reports Known, else the ledger's. When
// the native value replaces a ledger value that also exists, the result says
// so (Replaced, Manual and the note). Derived metrics are computed from the
// values of their numerator and denominator.
func (r *Registry) Value(ctx context.Context, key string, unitID int64, p Period) (Value, error) {
	e, ok := r.get(key)
	if !ok {
		return Value{}, errUnknown(key)
	}
	if e.m.Ratio != nil && e.native == nil {
		return r.ratio(ctx, e.m, unitID, p)
	}
	var native Value
	if e.native != nil {
		v, err := e.native(ctx, unitID, p)
		if err != nil {
			return Value{}, fmt.Errorf("metric %s from %s: %w", key, e.nativeBy, err)
		}
		if v.From == "" {
			v.From = e.nativeBy
		}
		native = v
	}
	var manual Value
	if e.ledger != nil {
		v, err := e.ledger(ctx, unitID, p)
		if err != nil {
			return Value{}, fmt.Errorf("metric %s from the ledger: %w", key, err)
		}
		if v.From == "" {
			v.From = LedgerFrom
		}
		manual = v
	}
	return choose(native, manual), nil
}

// choose prefers the native value and records the ledger value it replaces.
func choose(native, manual Value) Value {
	switch {
	case native.Known && manual.Known:
		native.Replaced, native.Manual = true, manual.Number
		note := fmt.Sprintf("取自%s记录，已替代台账填报值 %s", native.From, FormatNumber(manual.Number))
		if native.Note != "" {
			note = native.Note + "；" + note
		}
		native.Note = note
		return native
	case native.Known:
		return native
	case manual.Known:
		return manual
	}
	return Value{}
}

// ratio computes a derived metric as Σ numerator ÷ Σ denominator × scale.
func (r *Registry) ratio(ctx context.Context, m Metric, unitID int64, p Period) (Value, error) {
	num, err := r.Value(ctx, m.Ratio.Num, unitID, p)
	if err != nil {
		return Value{}, err
	}
	den, err := r.Value(ctx, m.Ratio.Den, unitID, p)
	if err != nil {
		return Value{}, err
	}
	if !num.Known || !den.Known || den.Number == 0 {
		return Value{Note: "分子或分母无数据（或分母为 0）"}, nil
	}
	scale := m.Ratio.Scale
	if scale == 0 {
		scale = 1
	}
	from := num.From
	if den.From != num.From {
		from = num.From + "、" + den.From
	}
	return Value{Number: num.Number / den.Number * scale, Known: true, From: from,
		Note: fmt.Sprintf("%s ÷ %s", FormatNumber(num.Number), FormatNumber(den.Number))}, nil
}

// Values returns the figure of every metric for one unit and period, keyed
// by metric key; a failing source fails the whole call.
func (r *Registry) Values(ctx context.Context, unitID int64, p Period) (map[string]Value, error) {
	out := map[string]Value{}
	for _, i := range r.List() {
		v, err := r.Value(ctx, i.Key, unitID, p)
		if err != nil {
			return nil, err
		}
		out[i.Key] = v
	}
	return out, nil
}
