package enforcement

import (
	"context"
	"fmt"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// ObjectOfficer is an officer's object type in the audit log and the
// deadline monitor (his certificate's expiry).
const ObjectOfficer = "enf_officer"

// ExpiryWindowDays is how far ahead the officers page lists certificates
// about to expire.
const ExpiryWindowDays = 90

// registerCertExpiry puts the certificate's last valid day in the monitor
// as a fixed date owned by the officer's unit.
func (s *Service) registerCertExpiry(ctx context.Context, tx *store.Tx, id int64, in OfficerInput) error {
	until, err := calendar.ParseDate(in.ValidUntil)
	if err != nil {
		return invalid("有效期至“%s”有误", in.ValidUntil)
	}
	_, err = s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectOfficer, ObjectID: regID(id),
		Title: fmt.Sprintf("执法证到期：%s（证号 %s）", privacy.MaskName(in.Name), in.CertNo),
		Link:  fmt.Sprintf("/enforcement/officers/%d", id), Unit: deadline.UnitFixedDate, Start: until,
		UnitID: in.UnitID, Citation: fmt.Sprintf("行政执法证件有效期至%s，到期前应办理换证", until.Chinese())})
	if err != nil {
		return fmt.Errorf("register certificate expiry: %w", err)
	}
	return nil
}

// moveCertExpiry replaces the open expiry deadline after the date changed:
// a later date means the certificate was renewed (the old deadline is done),
// an earlier one corrects a mistake (the old deadline is cancelled).
func (s *Service) moveCertExpiry(ctx context.Context, tx *store.Tx, id int64, oldUntil string, in OfficerInput) error {
	if in.ValidUntil > oldUntil {
		if _, err := s.Deadlines.CompleteObject(ctx, tx, ObjectOfficer, regID(id)); err != nil {
			return err
		}
	} else if err := s.cancelCertExpiry(ctx, tx, id, "执法证有效期更正为"+in.ValidUntil); err != nil {
		return err
	}
	return s.registerCertExpiry(ctx, tx, id, in)
}

// cancelCertExpiry cancels the officer's open expiry deadlines.
func (s *Service) cancelCertExpiry(ctx context.Context, tx *store.Tx, id int64, reason string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM deadline_items WHERE object_type = ? AND object_id = ? AND status = ?`,
		ObjectOfficer, regID(id), string(deadline.StatusOpen))
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range ids {
		if err := s.Deadlines.Cancel(ctx, tx, x, reason); err != nil {
			return err
		}
	}
	return nil
}

// CertExpiry is a certificate that has expired or expires soon, for an
// officer not 注销.
type CertExpiry struct {
	Officer
	DaysLeft int // negative: expired that many days ago
}

// Expired reports whether the certificate's last valid day has passed.
func (c CertExpiry) Expired() bool { return c.DaysLeft < 0 }

// ExpiringCerts lists the officers under scopePath whose certificates have
// expired or expire within days, soonest first (注销 ones excluded).
func (s *Service) ExpiringCerts(ctx context.Context, scopePath string, days int) ([]CertExpiry, error) {
	today, err := calendar.ParseDate(s.regToday())
	if err != nil {
		return nil, err
	}
	last := today.AddDays(days).String()
	xs, err := queryOfficers(ctx, s.DB.Read(), `WHERE u.path LIKE ? AND o.status <> ? AND o.valid_until <> ''
		AND o.valid_until <= ? ORDER BY o.valid_until, o.name`, scopePath+"%", string(OfficerRevoked), last)
	if err != nil {
		return nil, err
	}
	out := make([]CertExpiry, 0, len(xs))
	for _, x := range xs {
		until, err := calendar.ParseDate(x.ValidUntil)
		if err != nil {
			continue
		}
		out = append(out, CertExpiry{Officer: x.Officer, DaysLeft: today.DaysUntil(until)})
	}
	return out, nil
}
