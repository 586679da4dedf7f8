package enforcement

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// InspectionResults are the outcomes an inspection record may have.
var InspectionResults = []string{"未发现问题", "当场责令改正", "责令限期整改", "立案查处", "移送有关部门"}

// Inspection is one 行政检查 record: a party inspected on a day, counted in
// 户次 (visits), and whether it was recorded with 掌上执法 (mobile).
type Inspection struct {
	ID          int64
	UnitID      int64
	UnitName    string
	ItemID      int64
	ItemName    string
	InspectedOn string
	Target      string
	Visits      int
	Mobile      bool
	Result      string
	CaseID      int64
	CreatedAt   time.Time
}

// InspectionInput is an inspection as the form sends it.
type InspectionInput struct {
	UnitID      int64
	ItemID      int64 // optional: the 执法事项 it was carried out under
	InspectedOn string
	Target      string
	Visits      int
	Mobile      bool
	Result      string
}

// maxVisits bounds the 户次 of one record (a campaign day over a market).
const maxVisits = 1000

// ValidateInspection checks an inspection on the day today, naming the
// field at fault.
func ValidateInspection(in InspectionInput, today string) error {
	in.Target, in.Result = strings.TrimSpace(in.Target), strings.TrimSpace(in.Result)
	d, err := calendar.ParseDate(strings.TrimSpace(in.InspectedOn))
	switch {
	case in.UnitID == 0:
		return invalid("请选择检查单位")
	case err != nil:
		return invalid("检查日期“%s”有误，请按 2026-03-02 的格式填写", in.InspectedOn)
	case d.String() > today:
		return invalid("检查日期%s晚于今天", d.Chinese())
	case in.Target == "":
		return invalid("请填写检查对象")
	case utf8.RuneCountInString(in.Target) > 200:
		return invalid("检查对象不能超过200字")
	case in.Visits < 1 || in.Visits > maxVisits:
		return invalid("检查户次应为1至%d之间的整数", maxVisits)
	}
	for _, r := range InspectionResults {
		if in.Result == r {
			return nil
		}
	}
	return invalid("请选择检查结果")
}

// RecordInspection saves an inspection of a unit in the caller's scope. An
// item, when given, must be one of the unit's published 权责清单 items.
func (s *Service) RecordInspection(ctx context.Context, in InspectionInput) (int64, error) {
	today := s.now().In(regCST).Format(time.DateOnly)
	if err := ValidateInspection(in, today); err != nil {
		return 0, err
	}
	in.Target, in.Result, in.InspectedOn = strings.TrimSpace(in.Target), strings.TrimSpace(in.Result), strings.TrimSpace(in.InspectedOn)
	var id int64
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		if in.ItemID != 0 {
			var unit int64
			err := tx.QueryRowContext(ctx, `SELECT unit_id FROM enf_items WHERE id = ?`, in.ItemID).Scan(&unit)
			if err != nil || unit != in.UnitID {
				return invalid("所选执法事项不属于检查单位的权责清单")
			}
		}
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO enf_inspections (unit_id, item_id, inspected_on, target, visits, mobile, result, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.UnitID, store.NullInt(in.ItemID), in.InspectedOn, in.Target, in.Visits, in.Mobile, in.Result, s.now())
		if err != nil {
			return err
		}
		if err := s.addInspectionStats(ctx, tx, in.UnitID, in.InspectedOn, in.Visits, in.Mobile); err != nil {
			return err
		}
		how := ""
		if in.Mobile {
			how = "（掌上执法）"
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.inspection", ObjectType: "enf_inspection",
			ObjectID: fmt.Sprint(id), Summary: fmt.Sprintf("登记行政检查%s：%s %d户次，%s%s", in.InspectedOn,
				privacy.MaskText(in.Target), in.Visits, in.Result, how)})
	})
	return id, err
}

// InspectionFilter selects inspections.
type InspectionFilter struct {
	Scope  string // unit path prefix
	UnitID int64
	Year   int
	Limit  int // 0: 200
}

// InspectionTotals sum a selection.
type InspectionTotals struct {
	Records, Visits, MobileVisits int
}

// MobileRate is the share of visits recorded with 掌上执法, in percent.
func (t InspectionTotals) MobileRate() float64 {
	if t.Visits == 0 {
		return 0
	}
	return float64(t.MobileVisits) * 100 / float64(t.Visits)
}

func (f InspectionFilter) where() (string, []any) {
	w := []string{"u.path LIKE ?"}
	args := []any{f.Scope + "%"}
	if f.UnitID != 0 {
		w, args = append(w, "i.unit_id = ?"), append(args, f.UnitID)
	}
	if f.Year != 0 {
		w, args = append(w, "i.inspected_on >= ? AND i.inspected_on <= ?"), append(args, fmt.Sprintf("%d-01-01", f.Year), fmt.Sprintf("%d-12-31", f.Year))
	}
	return " WHERE " + strings.Join(w, " AND "), args
}

// Inspections lists the newest inspections of a selection with the totals
// of the whole selection.
func (s *Service) Inspections(ctx context.Context, f InspectionFilter) ([]Inspection, InspectionTotals, error) {
	var t InspectionTotals
	where, args := f.where()
	from := ` FROM enf_inspections i JOIN units u ON u.id = i.unit_id`
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(i.visits), 0),
		COALESCE(SUM(CASE WHEN i.mobile THEN i.visits ELSE 0 END), 0)`+from+where, args...).Scan(&t.Records, &t.Visits, &t.MobileVisits)
	if err != nil {
		return nil, t, fmt.Errorf("inspection totals: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT i.id, i.unit_id, u.name, COALESCE(i.item_id, 0), COALESCE(it.name, ''),
		i.inspected_on, i.target, i.visits, i.mobile, i.result, COALESCE(i.case_id, 0), i.created_at`+from+
		` LEFT JOIN enf_items it ON it.id = i.item_id`+where+` ORDER BY i.inspected_on DESC, i.id DESC LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, t, fmt.Errorf("inspections: %w", err)
	}
	defer rows.Close()
	var out []Inspection
	for rows.Next() {
		var x Inspection
		if err := rows.Scan(&x.ID, &x.UnitID, &x.UnitName, &x.ItemID, &x.ItemName, &x.InspectedOn, &x.Target, &x.Visits,
			&x.Mobile, &x.Result, &x.CaseID, &x.CreatedAt); err != nil {
			return nil, t, err
		}
		out = append(out, x)
	}
	return out, t, rows.Err()
}
