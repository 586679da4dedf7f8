package org

import (
	"context"
	"strings"
	"sync"
	"time"
)

// The org tree is small and read on nearly every request (scope checks, unit
// lists), so reads come from an in-memory snapshot. Writes through this
// Service drop it at once; the TTL bounds staleness when several processes
// share one PostgreSQL database.
const cacheTTL = 2 * time.Second

type treeCache struct {
	mu    sync.Mutex
	units []Unit        // whole tree, in tree order
	byID  map[int64]int // index into units
	at    time.Time
}

func (s *Service) invalidate() {
	s.cache.mu.Lock()
	s.cache.units, s.cache.byID = nil, nil
	s.cache.mu.Unlock()
}

// snapshot returns the current whole-tree snapshot, loading it when missing
// or older than the TTL. Callers must not modify the returned units.
func (s *Service) snapshot(ctx context.Context) ([]Unit, map[int64]int, error) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if s.cache.units != nil && time.Since(s.cache.at) < cacheTTL {
		return s.cache.units, s.cache.byID, nil
	}
	all, err := queryUnits(ctx, s.DB.Read(), "")
	if err != nil {
		return nil, nil, err
	}
	all = orderTree(all)
	byID := make(map[int64]int, len(all))
	for i, u := range all {
		byID[u.ID] = i
	}
	s.cache.units, s.cache.byID, s.cache.at = all, byID, time.Now()
	return all, byID, nil
}

// cachedGet is Get from the snapshot.
func (s *Service) cachedGet(ctx context.Context, id int64) (Unit, error) {
	all, byID, err := s.snapshot(ctx)
	if err != nil {
		return Unit{}, err
	}
	i, ok := byID[id]
	if !ok {
		return Unit{}, errUnitNotFound(id)
	}
	return all[i], nil
}

// cachedList is List from the snapshot: the subtree of f.RootID (or all),
// filtered by status, in tree order.
func (s *Service) cachedList(ctx context.Context, f ListFilter) ([]Unit, error) {
	all, _, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	prefix := ""
	if f.RootID != 0 {
		root, err := s.cachedGet(ctx, f.RootID)
		if err != nil {
			return nil, err
		}
		prefix = root.Path
	}
	var out []Unit
	for _, u := range all {
		if strings.HasPrefix(u.Path, prefix) && f.Status.keep(u) {
			out = append(out, u)
		}
	}
	return out, nil
}
