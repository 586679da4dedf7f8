package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// CreateRegion adds a region under r.ParentCode (empty: a top region, which
// may be of any level: a county deployment starts at its county). The level
// is derived from the code.
func (s *Service) CreateRegion(ctx context.Context, r Region) (Region, error) {
	r.Code, r.Name, r.ParentCode = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name), strings.TrimSpace(r.ParentCode)
	if err := ValidateRegionCode(r.Code, r.ParentCode); err != nil {
		return Region{}, err
	}
	if err := checkRegionName(r.Name); err != nil {
		return Region{}, err
	}
	r.Level = RegionLevel(r.Code)
	defer s.invalidate()
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := getRegion(ctx, tx, r.Code); err == nil {
			return conflict("code", "行政区划代码“%s”已存在", r.Code)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if r.ParentCode != "" {
			if _, err := getRegion(ctx, tx, r.ParentCode); errors.Is(err, ErrNotFound) {
				return invalid("parent_code", "上级行政区划“%s”不存在", r.ParentCode)
			} else if err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)`,
			r.Code, r.Name, r.Level, store.NullString(r.ParentCode))
		if store.IsUniqueViolation(err) {
			return conflict("code", "行政区划代码“%s”已存在", r.Code)
		}
		if err != nil {
			return fmt.Errorf("insert region: %w", err)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "region.create", ObjectType: "region", ObjectID: r.Code,
			Summary: "新增行政区划“" + r.Name + "”（" + r.Code + "）", Changes: []audit.Change{
				{Field: "code", After: r.Code}, {Field: "name", After: r.Name},
				{Field: "parent_code", After: r.ParentCode}}})
	})
	if err != nil {
		return Region{}, err
	}
	return r, nil
}

// RenameRegion changes a region's name; its code never changes (a new code
// is a new region).
func (s *Service) RenameRegion(ctx context.Context, code, name string) (Region, error) {
	name = strings.TrimSpace(name)
	if err := checkRegionName(name); err != nil {
		return Region{}, err
	}
	var out Region
	defer s.invalidate()
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		r, err := getRegion(ctx, tx, code)
		if err != nil {
			return err
		}
		out = r
		if r.Name == name {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE regions SET name = ? WHERE code = ?`, name, code); err != nil {
			return fmt.Errorf("rename region: %w", err)
		}
		out.Name = name
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "region.update", ObjectType: "region", ObjectID: code,
			Summary: "行政区划“" + r.Name + "”更名为“" + name + "”",
			Changes: []audit.Change{{Field: "name", Before: r.Name, After: name}}})
	})
	if err != nil {
		return Region{}, err
	}
	return out, nil
}

func checkRegionName(name string) error {
	if name == "" {
		return invalid("name", "行政区划名称不能为空")
	}
	if utf8.RuneCountInString(name) > maxNameLen {
		return invalid("name", "行政区划名称不能超过%d个字", maxNameLen)
	}
	return nil
}

// GetRegion loads a region by code.
func (s *Service) GetRegion(ctx context.Context, code string) (Region, error) {
	return getRegion(ctx, s.DB.Read(), strings.TrimSpace(code))
}

func getRegion(ctx context.Context, q store.Querier, code string) (Region, error) {
	var r Region
	var parent sql.NullString
	err := q.QueryRowContext(ctx, `SELECT code, name, level, parent_code FROM regions WHERE code = ?`, code).
		Scan(&r.Code, &r.Name, &r.Level, &parent)
	if errors.Is(err, sql.ErrNoRows) {
		return Region{}, notFound("行政区划“%s”不存在", code)
	}
	if err != nil {
		return Region{}, fmt.Errorf("load region %s: %w", code, err)
	}
	r.ParentCode = parent.String
	return r, nil
}

// ListRegions returns all regions ordered by code (which is tree order).
func (s *Service) ListRegions(ctx context.Context) ([]Region, error) {
	return s.queryRegions(ctx, `ORDER BY code`)
}

// RegionChildren lists the regions directly under parentCode ("" for the
// top regions), ordered by code.
func (s *Service) RegionChildren(ctx context.Context, parentCode string) ([]Region, error) {
	if parentCode == "" {
		return s.queryRegions(ctx, `WHERE parent_code IS NULL ORDER BY code`)
	}
	return s.queryRegions(ctx, `WHERE parent_code = ? ORDER BY code`, parentCode)
}

func (s *Service) queryRegions(ctx context.Context, where string, args ...any) ([]Region, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT code, name, level, parent_code FROM regions `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query regions: %w", err)
	}
	defer rows.Close()
	var out []Region
	for rows.Next() {
		var r Region
		var parent sql.NullString
		if err := rows.Scan(&r.Code, &r.Name, &r.Level, &parent); err != nil {
			return nil, err
		}
		r.ParentCode = parent.String
		out = append(out, r)
	}
	return out, rows.Err()
}
