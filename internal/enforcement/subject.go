package enforcement

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// SubjectKinds in display order.
var SubjectKinds = []SubjectKind{SubjectAuthority, SubjectAuthorised, SubjectEntrusted}

// SubjectInput is an 执法主体 as a form or an import sends it.
type SubjectInput struct {
	UnitID     int64
	Name       string
	Kind       SubjectKind
	LegalBasis string // 设立及职权依据
	Scope      string // 执法领域/职权范围
	Active     bool
}

func (in *SubjectInput) normalise() {
	in.Name, in.LegalBasis, in.Scope = strings.TrimSpace(in.Name), strings.TrimSpace(in.LegalBasis), strings.TrimSpace(in.Scope)
}

// ValidateSubject checks an 执法主体's fields, naming the field at fault.
func ValidateSubject(in SubjectInput) error {
	in.normalise()
	switch {
	case in.UnitID == 0:
		return invalid("请选择执法主体所属单位")
	case in.Name == "":
		return invalid("请填写执法主体名称")
	case utf8.RuneCountInString(in.Name) > 100:
		return invalid("执法主体名称不能超过100字")
	case in.Kind.Label() == string(in.Kind) || in.Kind == "":
		return invalid("请选择执法主体类别（法定行政机关、法律法规授权的组织或受委托组织）")
	case in.LegalBasis == "":
		return invalid("请填写执法主体的设立及职权依据")
	case utf8.RuneCountInString(in.LegalBasis) > 2000 || utf8.RuneCountInString(in.Scope) > 2000:
		return invalid("职权依据和执法领域各不能超过2000字")
	}
	return nil
}

// Subjects lists the 执法主体 of the units under scopePath ("" for all), by
// unit and name.
func (s *Service) Subjects(ctx context.Context, scopePath string) ([]Subject, error) {
	return querySubjects(ctx, s.DB.Read(), "WHERE u.path LIKE ? ORDER BY u.path, s.name", scopePath+"%")
}

// UnitSubjects lists a unit's 执法主体.
func (s *Service) UnitSubjects(ctx context.Context, unitID int64) ([]Subject, error) {
	return querySubjects(ctx, s.DB.Read(), "WHERE s.unit_id = ? ORDER BY s.name", unitID)
}

// CreateSubject records an 执法主体.
func (s *Service) CreateSubject(ctx context.Context, in SubjectInput) (int64, error) {
	in.normalise()
	if err := ValidateSubject(in); err != nil {
		return 0, err
	}
	var id int64
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		unitName, _, _, err := regUnitOf(ctx, tx, in.UnitID)
		if err != nil {
			return err
		}
		if err := subjectNameFree(ctx, tx, in.UnitID, in.Name, 0); err != nil {
			return err
		}
		now := s.now()
		id, err = tx.InsertID(ctx, `INSERT INTO enf_subjects (unit_id, name, kind, legal_basis, scope, active, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.UnitID, in.Name, string(in.Kind), in.LegalBasis, in.Scope, in.Active, now, now)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.subject.create", ObjectType: "enf_subject",
			ObjectID: regID(id), Summary: fmt.Sprintf("登记执法主体“%s”（%s，%s）", in.Name, unitName, in.Kind.Label())})
	})
	return id, err
}

// UpdateSubject changes an 执法主体; the unit stays.
func (s *Service) UpdateSubject(ctx context.Context, id int64, in SubjectInput) error {
	in.normalise()
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		old, err := getSubject(ctx, tx, id)
		if err != nil {
			return err
		}
		in.UnitID = old.UnitID
		if err := ValidateSubject(in); err != nil {
			return err
		}
		if err := subjectNameFree(ctx, tx, in.UnitID, in.Name, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_subjects SET name = ?, kind = ?, legal_basis = ?, scope = ?, active = ?,
			updated_at = ? WHERE id = ?`, in.Name, string(in.Kind), in.LegalBasis, in.Scope, in.Active, s.now(), id); err != nil {
			return err
		}
		var ch []audit.Change
		ch = regChange(ch, "name", old.Name, in.Name)
		ch = regChange(ch, "kind", string(old.Kind), string(in.Kind))
		ch = regChange(ch, "legal_basis", old.LegalBasis, in.LegalBasis)
		ch = regChange(ch, "scope", old.Scope, in.Scope)
		ch = regChange(ch, "active", fmt.Sprint(old.Active), fmt.Sprint(in.Active))
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.subject.update", ObjectType: "enf_subject",
			ObjectID: regID(id), Summary: fmt.Sprintf("修改执法主体“%s”（%s）", in.Name, old.UnitName), Changes: ch})
	})
}

func subjectNameFree(ctx context.Context, tx *store.Tx, unitID int64, name string, except int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_subjects WHERE unit_id = ? AND name = ? AND id <> ?`,
		unitID, name, except).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return conflict("本单位已登记名为“%s”的执法主体", name)
	}
	return nil
}

// addChange appends a field change when the value differs.
func regChange(ch []audit.Change, field, before, after string) []audit.Change {
	if before == after {
		return ch
	}
	return append(ch, audit.Change{Field: field, Before: before, After: after})
}
