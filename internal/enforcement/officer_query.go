package enforcement

import (
	"context"
	"fmt"
	"strings"

	"fazhi/internal/privacy"
)

// OfficerFilter selects officers for the list and its export.
type OfficerFilter struct {
	Scope  string // unit path prefix; "" for all
	UnitID int64
	Status OfficerStatus
	Query  string // part of the name or the certificate number
}

// Officers lists the officers f selects, by unit and name, with the
// 身份证号 and phone masked (IDMasked, PhoneMasked); the plain values are
// not filled.
func (s *Service) Officers(ctx context.Context, f OfficerFilter) ([]Officer, error) {
	where, args := []string{"u.path LIKE ?"}, []any{f.Scope + "%"}
	if f.UnitID != 0 {
		where, args = append(where, "o.unit_id = ?"), append(args, f.UnitID)
	}
	if f.Status != "" {
		where, args = append(where, "o.status = ?"), append(args, string(f.Status))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where = append(where, "(o.name LIKE ? OR o.cert_no LIKE ?)")
		args = append(args, "%"+q+"%", "%"+strings.ToUpper(q)+"%")
	}
	xs, err := queryOfficers(ctx, s.DB.Read(), "WHERE "+strings.Join(where, " AND ")+" ORDER BY u.path, o.name, o.id", args...)
	if err != nil {
		return nil, err
	}
	out := make([]Officer, len(xs))
	for i, x := range xs {
		if out[i], err = s.openOfficer(x, false); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// OfficerPersonal loads an officer with his 身份证号 and phone opened: masked
// always, plain too when reveal (for holders of the manage permission).
func (s *Service) OfficerPersonal(ctx context.Context, id int64, reveal bool) (Officer, error) {
	x, err := getOfficer(ctx, s.DB.Read(), id)
	if err != nil {
		return Officer{}, err
	}
	return s.openOfficer(x, reveal)
}

func (s *Service) openOfficer(x officerRow, reveal bool) (Officer, error) {
	o := x.Officer
	if x.idSealed != "" {
		id, err := s.Cipher.Open(x.idSealed)
		if err != nil {
			return o, fmt.Errorf("open id number of officer %d: %w", o.ID, err)
		}
		o.IDMasked = privacy.MaskIDNumber(id)
		if reveal {
			o.IDNumber = id
		}
	}
	if x.phoneSealed != "" {
		p, err := s.Cipher.Open(x.phoneSealed)
		if err != nil {
			return o, fmt.Errorf("open phone of officer %d: %w", o.ID, err)
		}
		o.PhoneMasked = privacy.MaskPhone(p)
		if reveal {
			o.Phone = p
		}
	}
	return o, nil
}
