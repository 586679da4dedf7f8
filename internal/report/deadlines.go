package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
)

// The two deadlines of a report come from the rule catalogue (calendar
// rules rol_report_submit and rol_report_publish, with their citations and
// the state of their verification); a region may set its own dates.
const (
	RuleSubmit  = "rol_report_submit"
	RulePublish = "rol_report_publish"
)

// Setting keys.
const (
	SetSubmitBy  = "submit_by"
	SetPublishBy = "publish_by"
)

// ObjectType is the report's object type in the monitor and the audit log.
const ObjectType = "annual_report"

// DateSetting is one of a region's report dates.
type DateSetting struct {
	Key        string
	Name       string
	MonthDay   string // "03-01": in the year after the reported year
	FromRegion string // "" for the national rule
	Note       string // the local rule, when a region set it
	Citation   string
}

var settingRule = map[string]string{SetSubmitBy: RuleSubmit, SetPublishBy: RulePublish}

var settingName = map[string]string{SetSubmitBy: "报送党委和上级政府", SetPublishBy: "向社会公开"}

// ruleDefault is the catalogue's date and citation for a setting.
func ruleDefault(key string) (DateSetting, error) {
	r, ok := calendar.LookupRule(settingRule[key])
	if !ok || len(r.AnnualDue) != 5 {
		return DateSetting{}, fmt.Errorf("report: rule %s missing from the catalogue", settingRule[key])
	}
	cite := r.Citation
	if r.Article == "" {
		cite += "（按规定，条文序号待核）"
	}
	return DateSetting{Key: key, Name: settingName[key], MonthDay: r.AnnualDue, Citation: cite + "：" + r.LengthText}, nil
}

// DueDate is the date a setting gives for a report of year.
func (d DateSetting) DueDate(year int) string { return fmt.Sprintf("%d-%s", year+1, d.MonthDay) }

// regionChain lists a region code and its parents (township → county →
// city → province), most specific first.
func regionChain(code string) []string {
	if len(code) < 6 {
		if code == "" {
			return nil
		}
		return []string{code}
	}
	out := []string{code}
	if len(code) > 6 {
		code = code[:6]
		out = append(out, code)
	}
	for _, p := range []string{code[:4] + "00", code[:2] + "0000"} {
		if p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}

// Setting returns a region's date for key: its own, an ancestor's, or the
// national rule's.
func (s *Service) Setting(ctx context.Context, regionCode, key string) (DateSetting, error) {
	def, err := ruleDefault(key)
	if err != nil {
		return def, err
	}
	for _, rc := range regionChain(regionCode) {
		var v, note string
		err := s.DB.Read().QueryRowContext(ctx, `SELECT value, note FROM report_settings WHERE region_code = ? AND key = ?`,
			rc, key).Scan(&v, &note)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return def, err
		}
		def.MonthDay, def.FromRegion, def.Note = v, rc, note
		def.Citation = "本地区规定（" + rc + "）：" + note + "；全国规定见" + def.Citation
		return def, nil
	}
	return def, nil
}

// CheckMonthDay validates a "MM-DD" date of the following year.
func CheckMonthDay(v string) error {
	t, err := time.Parse("2006-01-02", "2001-"+strings.TrimSpace(v))
	if err != nil || t.Format("01-02") != strings.TrimSpace(v) {
		return invalid("日期应写作“月-日”，如 03-01")
	}
	return nil
}

// SetSetting stores a region's own date for key, with the local rule.
func (s *Service) SetSetting(ctx context.Context, regionCode, key, monthDay, note string) error {
	if _, ok := settingRule[key]; !ok {
		return invalid("未知的期限设置：%s", key)
	}
	if len(regionCode) < 6 {
		return invalid("行政区划代码应为6位及以上数字")
	}
	monthDay, note = strings.TrimSpace(monthDay), strings.TrimSpace(note)
	if err := CheckMonthDay(monthDay); err != nil {
		return err
	}
	if note == "" {
		return invalid("请写明本地区规定的文件名称和条款")
	}
	before, err := s.Setting(ctx, regionCode, key)
	if err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_settings WHERE region_code = ? AND key = ?`, regionCode, key); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO report_settings (region_code, key, value, note, updated_at) VALUES (?, ?, ?, ?, ?)`,
			regionCode, key, monthDay, note, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionSetting, ObjectType: "report_setting",
			ObjectID: regionCode + "/" + key, Summary: fmt.Sprintf("年度报告%s期限：每年%s（%s）", settingName[key], monthDay, note),
			Changes: []audit.Change{{Field: key, Before: before.MonthDay, After: monthDay}}})
	})
}

// registerDeadlines puts the report's two dates in the monitor.
func (s *Service) registerDeadlines(ctx context.Context, tx *store.Tx, r Report, cites [2]string) error {
	if s.Deadlines == nil {
		return nil
	}
	for i, d := range []struct{ what, due string }{{"submit", r.SubmitBy}, {"publish", r.PublishBy}} {
		due, err := calendar.ParseDate(d.due)
		if err != nil {
			return invalid("期限日期不正确：%s", d.due)
		}
		title := fmt.Sprintf("报送%d年度法治政府建设情况报告", r.Year)
		if d.what == "publish" {
			title = fmt.Sprintf("公开%d年度法治政府建设情况报告", r.Year)
		}
		_, err = s.Deadlines.Register(ctx, tx, deadline.Item{ObjectType: ObjectType, ObjectID: deadlineObject(r.ID, d.what),
			Title: title + "（" + r.UnitName + "）", Link: "/reports/" + itoa(r.ID), Unit: deadline.UnitFixedDate,
			Start: due, UnitID: r.UnitID, Citation: cites[i]})
		if err != nil {
			return err
		}
	}
	return nil
}

// deadlineObject is the monitor's object id of one of a report's dates.
func deadlineObject(id int64, what string) string { return itoa(id) + "/" + what }

// completeDeadline marks a report's date met.
func (s *Service) completeDeadline(ctx context.Context, tx *store.Tx, id int64, what string) error {
	if s.Deadlines == nil {
		return nil
	}
	_, err := s.Deadlines.CompleteObject(ctx, tx, ObjectType, deadlineObject(id, what))
	return err
}

// Deadlines lists the report's items in the monitor.
func (s *Service) DeadlineItems(ctx context.Context, id int64) ([]deadline.Item, error) {
	if s.Deadlines == nil {
		return nil, nil
	}
	var out []deadline.Item
	for _, what := range []string{"submit", "publish"} {
		items, err := s.Deadlines.ItemsOf(ctx, ObjectType, deadlineObject(id, what))
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}
