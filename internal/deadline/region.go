package deadline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

// ActionRegion is the audit action of a change to a region's holidays.
const ActionRegion = "calendar.region"

// RegionHolidays are a region's own holidays as stored.
type RegionHolidays struct {
	calendar.Region
	UpdatedBy string
	UpdatedAt time.Time
}

func loadRegions(ctx context.Context, q store.Querier) (map[string]calendar.Region, error) {
	list, err := queryRegions(ctx, q)
	if err != nil {
		return nil, err
	}
	m := make(map[string]calendar.Region, len(list))
	for _, r := range list {
		m[r.Code] = r.Region
	}
	return m, nil
}

func queryRegions(ctx context.Context, q store.Querier) ([]RegionHolidays, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, name, source, days_json, updated_by_name, updated_at
		FROM calendar_regions ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RegionHolidays
	for rows.Next() {
		var r RegionHolidays
		var days string
		if err := rows.Scan(&r.Code, &r.Name, &r.Source, &days, &r.UpdatedBy, &r.UpdatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(days), &r.Days); err != nil {
			return nil, fmt.Errorf("calendar_regions %s: %w", r.Code, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Regions lists every region with holidays of its own.
func (s *Service) Regions(ctx context.Context) ([]RegionHolidays, error) {
	return queryRegions(ctx, s.DB.Read())
}

// SetRegionHolidays stores (or, with no days, removes) a region's own
// holidays. Open deadlines of units in the region are recomputed.
func (s *Service) SetRegionHolidays(ctx context.Context, r calendar.Region) error {
	r.Code, r.Name, r.Source = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name), strings.TrimSpace(r.Source)
	if err := checkRegion(r); err != nil {
		return err
	}
	slices.SortFunc(r.Days, func(a, b calendar.PlanDay) int { return a.Date.Compare(b.Date) })
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		before, err := regionDays(ctx, tx, r.Code)
		if err != nil {
			return err
		}
		if err := saveRegion(ctx, tx, r); err != nil {
			return err
		}
		n, err := s.recomputeOpen(ctx, tx, func(it Item) bool { return slices.Contains(regionChain(it.RegionCode), r.Code) })
		if err != nil {
			return err
		}
		summary := fmt.Sprintf("设置%s（%s）的地方节假日 %d 天，依据：%s", r.Name, r.Code, len(r.Days), r.Source)
		if len(r.Days) == 0 {
			summary = fmt.Sprintf("清除%s（%s）的地方节假日", r.Name, r.Code)
		}
		if n > 0 {
			summary += fmt.Sprintf("；重新计算在办期限 %d 项", n)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRegion, ObjectType: "calendar_region", ObjectID: r.Code,
			Summary: summary, Changes: []audit.Change{{Field: "days", Before: before, After: formatPlanDays(r.Days)}}})
	})
	s.invalidate()
	return err
}

func checkRegion(r calendar.Region) error {
	switch {
	case !validRegionCode(r.Code):
		return invalid("code", "行政区划代码“%s”应为6位、9位或12位数字", r.Code)
	case r.Name == "":
		return invalid("name", "请填写地区名称")
	case len(r.Days) > 0 && r.Source == "":
		return invalid("source", "请填写设定这些节假日的法规或文件")
	}
	seen := map[calendar.Date]bool{}
	for _, d := range r.Days {
		if seen[d.Date] {
			return invalid("days", "日期 %s 重复", d.Date.Chinese())
		}
		seen[d.Date] = true
	}
	if _, err := calendar.Default().WithRegion(r); err != nil {
		return invalid("days", "%s", err.Error())
	}
	return nil
}

func regionDays(ctx context.Context, tx *store.Tx, code string) (string, error) {
	var days string
	err := tx.QueryRowContext(ctx, `SELECT days_json FROM calendar_regions WHERE code = ?`, code).Scan(&days)
	if errNoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var list []calendar.PlanDay
	if err := json.Unmarshal([]byte(days), &list); err != nil {
		return "", err
	}
	return formatPlanDays(list), nil
}

func saveRegion(ctx context.Context, tx *store.Tx, r calendar.Region) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_regions WHERE code = ?`, r.Code); err != nil {
		return err
	}
	if len(r.Days) == 0 {
		return nil
	}
	days, err := json.Marshal(r.Days)
	if err != nil {
		return err
	}
	byID, byName := actorName(ctx)
	_, err = tx.ExecContext(ctx, `INSERT INTO calendar_regions (code, name, source, days_json, updated_by, updated_by_name,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, r.Code, r.Name, r.Source, string(days), store.NullInt(byID), byName,
		time.Now().UTC().Truncate(time.Microsecond))
	return err
}

// FormatRegionDays writes days one a line in the form ParseRegionDays reads.
func FormatRegionDays(days []calendar.PlanDay) string { return formatPlanDays(days) }

func formatPlanDays(days []calendar.PlanDay) string {
	var b strings.Builder
	for _, d := range days {
		mark := "休"
		if d.Kind == calendar.KindAdjustedWorkday {
			mark = "班"
		}
		fmt.Fprintf(&b, "%s %s %s\n", d.Date, d.Name, mark)
	}
	return b.String()
}

// ParseRegionDays reads lines "2026-11-20 彝族年" (a day off), "2026-11-21
// 彝族年 休", "2026-11-22 彝族年 班" (an adjusted working day), or a run
// "2026-11-20至2026-11-22 彝族年". Empty lines are skipped.
func ParseRegionDays(text string) ([]calendar.PlanDay, error) {
	var out []calendar.PlanDay
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 2 || len(f) > 3 {
			return nil, invalid("days", "第%d行应为“日期 名称 [休|班]”：%s", i+1, strings.TrimSpace(line))
		}
		kind := calendar.KindHoliday
		if len(f) == 3 {
			switch f[2] {
			case "休":
			case "班":
				kind = calendar.KindAdjustedWorkday
			default:
				return nil, invalid("days", "第%d行的标记应为“休”或“班”：%s", i+1, f[2])
			}
		}
		from, to, err := parseSpan(f[0])
		if err != nil {
			return nil, invalid("days", "第%d行：%s", i+1, err.Error())
		}
		for d := from; !d.After(to); d = d.AddDays(1) {
			out = append(out, calendar.PlanDay{Date: d, Kind: kind, Name: f[1]})
		}
	}
	return out, nil
}

func parseSpan(s string) (calendar.Date, calendar.Date, error) {
	a, b, isRun := strings.Cut(s, "至")
	from, err := calendar.ParseDate(a)
	if err != nil || !isRun {
		return from, from, err
	}
	to, err := calendar.ParseDate(b)
	if err != nil {
		return from, to, err
	}
	if to.Before(from) || from.DaysUntil(to) > 31 {
		return from, to, fmt.Errorf("日期区间 %s 有误（结束早于开始或超过一个月）", s)
	}
	return from, to, nil
}
