package demo

import (
	"context"
	"fmt"

	"fazhi/internal/auth"
	"fazhi/internal/org"
)

// name returns the next fictional person's name, deterministically.
func (s *Seeder) name() string {
	i := s.n
	s.n++
	sur := surnames[(i*7)%len(surnames)]
	a := givenA[(i*5+3)%len(givenA)]
	if i%3 == 0 { // some people have one-character given names
		return string(sur) + string(givenB[(i*11)%len(givenB)])
	}
	return string(sur) + string(a) + string(givenB[(i*13+1)%len(givenB)])
}

// person creates one demo account; scope 0 means the user's own unit.
func (s *Seeder) person(ctx context.Context, username string, unit org.Unit, scope int64, roles ...auth.Role) error {
	name := s.name()
	_, err := s.Auth.CreateUser(ctx, auth.NewUser{Username: username, DisplayName: name, UnitID: unit.ID,
		ScopeUnitID: scope, Password: Password, Roles: roles})
	if err != nil {
		return fmt.Errorf("user %s: %w", username, err)
	}
	s.logins = append(s.logins, Login{Username: username, Name: name, Unit: unit.Name, Role: roles[0]})
	return nil
}

func (s *Seeder) people(ctx context.Context) error {
	gov := s.units["清溪县人民政府办公室"]
	sfj := s.units["清溪县司法局"]
	root := s.county.ID
	// The featured accounts, one per role, listed first by `fazhi demo`.
	featured := []struct {
		user  string
		unit  org.Unit
		scope int64
		role  auth.Role
	}{
		{"admin", gov, root, auth.RoleSysAdmin},
		{"secadmin", gov, root, auth.RoleSecAdmin},
		{"auditor", gov, root, auth.RoleAuditor},
		{"fazhiban", sfj, root, auth.RoleLegalOffice},
		{"leader", s.county, root, auth.RoleLeader},
		{"legal.scjgj", s.units["清溪县市场监督管理局"], 0, auth.RoleDeptLegal},
		{"officer.scjgj", s.units["清溪县市场监督管理局"], 0, auth.RoleOfficer},
		{"assessor", sfj, root, auth.RoleAssessor},
	}
	for _, f := range featured {
		if err := s.person(ctx, f.user, f.unit, f.scope, f.role); err != nil {
			return err
		}
	}
	return s.staff(ctx, root, sfj)
}

// staff fills in the rest of the county: a 法制员 for every department and
// township, officers for the enforcing departments, more 法治办 staff and
// department leaders.
func (s *Seeder) staff(ctx context.Context, root int64, sfj org.Unit) error {
	for i := 2; i <= 4; i++ {
		if err := s.person(ctx, fmt.Sprintf("fazhiban%d", i), sfj, root, auth.RoleLegalOffice); err != nil {
			return err
		}
	}
	for _, u := range []string{"leader2", "leader3"} {
		if err := s.person(ctx, u, s.county, root, auth.RoleLeader); err != nil {
			return err
		}
	}
	for _, d := range departments {
		u := s.units[d.name]
		if d.code != "scjgj" {
			if err := s.person(ctx, "legal."+d.code, u, 0, auth.RoleDeptLegal); err != nil {
				return err
			}
		}
		if d.enforcing {
			if err := s.person(ctx, "officer."+d.code+"2", u, 0, auth.RoleOfficer); err != nil {
				return err
			}
		}
	}
	for _, t := range townships {
		u := s.townshipUnit(t)
		if err := s.person(ctx, "legal."+t.code, u, 0, auth.RoleDeptLegal); err != nil {
			return err
		}
	}
	for _, code := range []string{"sfj", "scjgj", "zhzfj", "sthjj", "gaj", "jtj"} {
		d := s.deptByCode(code)
		if err := s.person(ctx, "head."+code, s.units[d.name], 0, auth.RoleLeader); err != nil {
			return err
		}
	}
	if err := s.person(ctx, "assessor2", sfj, root, auth.RoleAssessor); err != nil {
		return err
	}
	return s.person(ctx, "officer.zhzfj3", s.units["清溪县综合行政执法局"], 0, auth.RoleOfficer)
}

func (s *Seeder) townshipUnit(t township) org.Unit {
	if t.subdistrict {
		return s.units[t.name+"办事处"]
	}
	return s.units[t.name+"人民政府"]
}

func (s *Seeder) deptByCode(code string) dept {
	for _, d := range departments {
		if d.code == code {
			return d
		}
	}
	panic("demo: no department " + code)
}
