// Package demo fills a fresh database with the fictional county 清溪县: its
// units and about eighty accounts across every role, the same every time;
// Deadlines adds monitored deadlines (and so home-page reminders). Later capabilities add their demo data here.
package demo

import (
	"context"
	"fmt"

	"fazhi/internal/audit"
	"fazhi/internal/auth"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// Login is a demo account printed for the user.
type Login struct {
	Username, Name, Unit string
	Role                 auth.Role
}

// Seeder creates the demo county through the real services, so every demo
// record is validated and audited like user input.
type Seeder struct {
	DB   *store.DB
	Org  *org.Service
	Auth *auth.Service

	n      int // people created so far, for deterministic names
	county org.Unit
	units  map[string]org.Unit // by name
	logins []Login
}

// Seeded reports whether the database already holds units (demo or real).
func Seeded(ctx context.Context, db *store.DB) (bool, error) {
	var n int
	err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM units`).Scan(&n)
	return n > 0, err
}

// Run creates the whole demo county and returns the logins to print (one
// per role first, then everyone).
func (s *Seeder) Run(ctx context.Context) ([]Login, error) {
	ctx = audit.WithActor(ctx, audit.Actor{Username: "demo"})
	s.units = map[string]org.Unit{}
	steps := []func(context.Context) error{s.regions, s.orgTree, s.people}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	return s.logins, nil
}

func (s *Seeder) regions(ctx context.Context) error {
	for _, r := range []org.Region{
		{Code: provinceCode, Name: "江西省"},
		{Code: cityCode, Name: "云岭市", ParentCode: provinceCode},
		{Code: countyCode, Name: "清溪县", ParentCode: cityCode},
	} {
		if _, err := s.Org.CreateRegion(ctx, r); err != nil {
			return fmt.Errorf("region %s: %w", r.Name, err)
		}
	}
	for i, t := range townships {
		code := fmt.Sprintf("%s%03d", countyCode, i+1)
		if _, err := s.Org.CreateRegion(ctx, org.Region{Code: code, Name: t.name, ParentCode: countyCode}); err != nil {
			return fmt.Errorf("region %s: %w", t.name, err)
		}
	}
	return nil
}

// creditCode makes a valid 统一社会信用代码 for the n-th demo organ (11 =
// 机构编制/机关), with the county's region code.
func creditCode(n int) string {
	body := fmt.Sprintf("11%s%08dX", countyCode, 10000+n*37)
	body = body[:17]
	c, _ := org.CreditCodeCheckChar(body)
	return body + string(c)
}

func (s *Seeder) add(ctx context.Context, parent int64, f org.UnitFields) (org.Unit, error) {
	u, err := s.Org.Create(ctx, parent, f)
	if err != nil {
		return u, fmt.Errorf("unit %s: %w", f.Name, err)
	}
	s.units[u.Name] = u
	return u, nil
}

func (s *Seeder) orgTree(ctx context.Context) error {
	var err error
	s.county, err = s.add(ctx, 0, org.UnitFields{Name: "清溪县人民政府", ShortName: "县政府", Level: org.LevelGovernment,
		OrgType: org.OrgAdminOrgan, CreditCode: creditCode(0), RegionCode: countyCode})
	if err != nil {
		return err
	}
	for i, d := range departments {
		u, err := s.add(ctx, s.county.ID, org.UnitFields{Name: d.name, ShortName: short(d.name), Level: org.LevelDepartment,
			OrgType: org.OrgAdminOrgan, CreditCode: creditCode(i + 1), RegionCode: countyCode, SortOrder: i + 1})
		if err != nil {
			return err
		}
		for j, sec := range d.sections {
			kind := org.OrgAdminOrgan
			if len([]rune(sec)) > 6 { // 执法大队/所: 受委托 or 授权 organisations
				kind = org.OrgEntrustedOrg
			}
			if _, err := s.add(ctx, u.ID, org.UnitFields{Name: sec, Level: org.LevelSection, OrgType: kind, SortOrder: j + 1}); err != nil {
				return err
			}
		}
	}
	for i, t := range townships {
		level := org.LevelTownship
		if t.subdistrict {
			level = org.LevelSubdistrict
		}
		name := "清溪县" + t.name
		if t.subdistrict {
			name = t.name + "办事处"
		} else {
			name = t.name + "人民政府"
		}
		if _, err := s.add(ctx, s.county.ID, org.UnitFields{Name: name, ShortName: t.name, Aliases: []string{t.name},
			Level: level, OrgType: org.OrgAdminOrgan, CreditCode: creditCode(100 + i),
			RegionCode: fmt.Sprintf("%s%03d", countyCode, i+1), SortOrder: 100 + i}); err != nil {
			return err
		}
	}
	return nil
}

// short drops the county prefix: 清溪县司法局 → 司法局.
func short(name string) string {
	r := []rune(name)
	if len(r) > 3 && string(r[:3]) == "清溪县" {
		return string(r[3:])
	}
	return name
}
