package deadline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/store"
)

// ActionImport is the audit action of a saved holiday notice.
const ActionImport = "calendar.import"

// maxNoticeText caps a pasted notice (the real ones are about 2 KB).
const maxNoticeText = 64 << 10

// ImportedYear is a holiday notice an administrator imported.
type ImportedYear struct {
	Year         int
	Plan         calendar.YearPlan
	Text         string
	ImportedByID int64
	ImportedBy   string
	ImportedAt   time.Time
}

// DayChange is one day an import classifies differently from the calendar
// in force before it.
type DayChange struct {
	Date   calendar.Date
	Before string
	After  string
}

// Preview is what an administrator checks before saving a notice.
type Preview struct {
	Plan     calendar.YearPlan
	Replaces *ImportedYear       // an earlier import of the same year
	Builtin  *calendar.NoticeRef // the embedded notice of the year, when there is one
	Changes  []DayChange
}

func loadYears(ctx context.Context, q store.Querier) ([]ImportedYear, error) {
	rows, err := q.QueryContext(ctx, `SELECT year, notice_text, plan_json, imported_by, imported_by_name, imported_at
		FROM calendar_years ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ImportedYear
	for rows.Next() {
		var y ImportedYear
		var planJSON string
		var by sql.NullInt64
		if err := rows.Scan(&y.Year, &y.Text, &planJSON, &by, &y.ImportedBy, &y.ImportedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(planJSON), &y.Plan); err != nil {
			return nil, fmt.Errorf("calendar_years %d: %w", y.Year, err)
		}
		y.ImportedByID = by.Int64
		out = append(out, y)
	}
	return out, rows.Err()
}

// Imported lists the imported notices, ascending by year.
func (s *Service) Imported(ctx context.Context) ([]ImportedYear, error) {
	sn, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return slices.Clone(sn.years), nil
}

// ImportNotice parses a pasted notice for preview; nothing is saved.
func (s *Service) ImportNotice(ctx context.Context, text string) (calendar.YearPlan, error) {
	if strings.TrimSpace(text) == "" {
		return calendar.YearPlan{}, invalid("text", "请粘贴通知全文")
	}
	if len(text) > maxNoticeText {
		return calendar.YearPlan{}, invalid("text", "通知文本过长（超过 %d KB）", maxNoticeText>>10)
	}
	plan, err := calendar.ParseNotice(text)
	if err != nil {
		return calendar.YearPlan{}, invalid("text", "无法解析通知：%s", err.Error())
	}
	return plan, nil
}

// PreviewNotice tells what saving plan would replace and which days change.
func (s *Service) PreviewNotice(ctx context.Context, plan calendar.YearPlan) (Preview, error) {
	sn, err := s.current(ctx)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Plan: plan}
	for i := range sn.years {
		if sn.years[i].Year == plan.Year {
			y := sn.years[i]
			p.Replaces = &y
		}
	}
	if info, err := calendar.Default().Year(plan.Year); err == nil && info.Notice != nil {
		p.Builtin = info.Notice
	}
	next, err := sn.base.WithPlan(plan)
	if err != nil {
		return Preview{}, invalid("text", "%s", err.Error())
	}
	p.Changes = diffDays(sn.base, next, plan)
	return p, nil
}

// diffDays compares the two calendars over the plan's year and any day of
// the plan outside it (元旦 may start in December).
func diffDays(before, after *calendar.Calendar, plan calendar.YearPlan) []DayChange {
	dates := map[calendar.Date]bool{}
	for d := calendar.MustDate(plan.Year, time.January, 1); d.Year == plan.Year; d = d.AddDays(1) {
		dates[d] = true
	}
	for _, pd := range plan.Days {
		dates[pd.Date] = true
	}
	var out []DayChange
	for d := range dates {
		b, errB := before.Day(d)
		a, errA := after.Day(d)
		if errB != nil || errA != nil || (b.Kind == a.Kind && b.Name == a.Name) {
			continue
		}
		out = append(out, DayChange{Date: d, Before: DayLabel(b), After: DayLabel(a)})
	}
	slices.SortFunc(out, func(x, y DayChange) int { return x.Date.Compare(y.Date) })
	return out
}

// DayLabel describes a day's classification in Chinese, e.g. "放假（国庆节）".
func DayLabel(d calendar.Day) string {
	switch d.Kind {
	case calendar.KindHoliday:
		return "放假（" + d.Name + "）"
	case calendar.KindAdjustedWorkday:
		return "调休上班（" + d.Name + "）"
	}
	return d.Kind.Label()
}

// ApplyNotice saves a previewed notice, replacing an earlier import of that
// year; the audit entry lists every day that changes. text must be the text
// the plan was parsed from: it is parsed again and compared, so a plan can
// never be saved with a text that says something else.
func (s *Service) ApplyNotice(ctx context.Context, plan calendar.YearPlan, text string) error {
	parsed, err := s.ImportNotice(ctx, text)
	if err != nil {
		return err
	}
	a, _ := json.Marshal(parsed)
	b, _ := json.Marshal(plan)
	if string(a) != string(b) {
		return invalid("text", "通知原文与预览的解析结果不一致，请重新预览后再保存")
	}
	pv, err := s.PreviewNotice(ctx, plan)
	if err != nil {
		return err
	}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		if err := saveYear(ctx, tx, plan, text); err != nil {
			return err
		}
		n, err := s.recomputeOpen(ctx, tx, func(it Item) bool {
			return it.Estimated || it.Due.Year >= plan.Year-1 || it.Start.Year >= plan.Year-1
		})
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, importEntry(pv, n))
	})
	s.invalidate()
	return err
}

func saveYear(ctx context.Context, tx *store.Tx, plan calendar.YearPlan, text string) error {
	planJSON, err := json.Marshal(plan)
	if err != nil {
		return err
	}
	issued := ""
	if !plan.Issued.IsZero() {
		issued = plan.Issued.String()
	}
	byID, byName := actorName(ctx)
	if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_years WHERE year = ?`, plan.Year); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO calendar_years (year, title, doc_no, issued, notice_text, plan_json,
		imported_by, imported_by_name, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		plan.Year, plan.Title, plan.DocNo, issued, text, string(planJSON), store.NullInt(byID), byName,
		time.Now().UTC().Truncate(time.Microsecond))
	return err
}

// maxAuditChanges bounds the day list in one audit entry.
const maxAuditChanges = 80

func importEntry(pv Preview, recomputed int) audit.Entry {
	p := pv.Plan
	holidays, workdays := 0, 0
	for _, d := range p.Days {
		if d.Kind == calendar.KindHoliday {
			holidays++
		} else {
			workdays++
		}
	}
	summary := fmt.Sprintf("导入《%s》", p.Title)
	if p.DocNo != "" {
		summary += "（" + p.DocNo + "）"
	}
	summary += fmt.Sprintf("：放假 %d 天，调休上班 %d 天，与此前相比变化 %d 天", holidays, workdays, len(pv.Changes))
	switch {
	case pv.Replaces != nil:
		summary += fmt.Sprintf("；替换 %s 于 %s 导入的版本", pv.Replaces.ImportedBy,
			pv.Replaces.ImportedAt.In(cst).Format("2006-01-02 15:04"))
	case pv.Builtin != nil:
		summary += "；替换系统内置的通知"
	}
	if recomputed > 0 {
		summary += fmt.Sprintf("；重新计算在办期限 %d 项", recomputed)
	}
	var changes []audit.Change
	for i, c := range pv.Changes {
		if i == maxAuditChanges {
			changes = append(changes, audit.Change{Field: "…", After: fmt.Sprintf("另有 %d 天", len(pv.Changes)-i)})
			break
		}
		changes = append(changes, audit.Change{Field: c.Date.String(), Before: c.Before, After: c.After})
	}
	return audit.Entry{Action: ActionImport, ObjectType: "calendar_year", ObjectID: fmt.Sprint(p.Year),
		Summary: summary, Changes: changes}
}

// errNoRows reports sql.ErrNoRows through wrapping.
func errNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
