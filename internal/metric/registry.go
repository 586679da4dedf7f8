package metric

import (
	"fmt"
	"sort"
	"sync"
)

// entry is a registered metric with its sources.
type entry struct {
	m        Metric
	native   Source // the capability's own records; nil until one registers
	nativeBy string // the capability's name, e.g. 行政执法
	ledger   Source // the 台账 fallback
	order    int
}

// Registry holds every metric. Registration happens while the application is
// wired; lookups are safe from any goroutine.
type Registry struct {
	mu      sync.RWMutex
	entries map[string]*entry
}

// New returns an empty registry.
func New() *Registry { return &Registry{entries: map[string]*entry{}} }

// Register adds a metric whose figures a capability computes from its own
// records; m.Owner names the capability (行政执法, 规划督办 …). When the
// ledger already registered the key, the native source takes precedence
// from now on and the capability's definition (name, doc) replaces the
// ledger's. A derived metric (m.Ratio set) needs no source.
func (r *Registry) Register(m Metric, src Source) error {
	if src == nil && m.Ratio == nil {
		return fmt.Errorf("metric %s: no source", m.Key)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, err := r.entryFor(m)
	if err != nil {
		return err
	}
	if src == nil { // derived: computed from other metrics, nothing to prefer
		if e.native == nil {
			e.m = m
		}
		return nil
	}
	if e.native != nil {
		return fmt.Errorf("metric %s: a native source (%s) is already registered", m.Key, e.nativeBy)
	}
	if m.Owner == "" {
		m.Owner = "本系统"
	}
	e.m, e.native, e.nativeBy = m, src, m.Owner
	return nil
}

// RegisterLedger adds a metric whose figures the yearly ledger holds. A
// native source registered for the same key (before or after) wins whenever
// it knows the value.
func (r *Registry) RegisterLedger(m Metric, src Source) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, err := r.entryFor(m)
	if err != nil {
		return err
	}
	if e.ledger != nil {
		return fmt.Errorf("metric %s: a ledger source is already registered", m.Key)
	}
	e.ledger = src
	if e.native == nil {
		e.m = m
	}
	return nil
}

// entryFor returns the entry for m.Key, creating it. Callers hold mu.
func (r *Registry) entryFor(m Metric) (*entry, error) {
	if m.Key == "" || m.Name == "" {
		return nil, fmt.Errorf("metric without key or name: %+v", m)
	}
	if e, ok := r.entries[m.Key]; ok {
		return e, nil
	}
	e := &entry{m: m, order: len(r.entries)}
	r.entries[m.Key] = e
	return e, nil
}

// Info describes a registered metric and where its figures come from.
type Info struct {
	Metric
	Native    string // the capability recording it natively; "" when none
	HasLedger bool   // the 台账 holds it as a fallback
}

// SourceLabel says in Chinese where the figures come from.
func (i Info) SourceLabel() string {
	switch {
	case i.Ratio != nil:
		return "由其他指标计算"
	case i.Native != "" && i.HasLedger:
		return i.Native + "（无记录时取台账）"
	case i.Native != "":
		return i.Native
	case i.HasLedger:
		return LedgerFrom
	}
	return "—"
}

// List returns every metric in registration order.
func (r *Registry) List() []Info {
	r.mu.RLock()
	defer r.mu.RUnlock()
	es := make([]*entry, 0, len(r.entries))
	for _, e := range r.entries {
		es = append(es, e)
	}
	sort.Slice(es, func(i, j int) bool { return es[i].order < es[j].order })
	out := make([]Info, len(es))
	for i, e := range es {
		out[i] = Info{Metric: e.m, Native: e.nativeBy, HasLedger: e.ledger != nil}
	}
	return out
}

// Lookup returns a metric's definition.
func (r *Registry) Lookup(key string) (Info, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.entries[key]
	if !ok {
		return Info{}, false
	}
	return Info{Metric: e.m, Native: e.nativeBy, HasLedger: e.ledger != nil}, true
}

func (r *Registry) get(key string) (*entry, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.entries[key]
	return e, ok
}
