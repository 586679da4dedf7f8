package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// SettingDef is a regional enforcement setting with its national default and
// the rule the default follows. A region's value applies to its subregions
// unless they set their own.
type SettingDef struct {
	Key     string
	Name    string
	Unit    string
	Default int
	Min     int
	Max     int
	Basis   string
}

// Setting keys.
const (
	SetTrainingHours      = "training_hours"       // yearly training requirement per officer
	SetPublishDaysPenalty = "publish_days_penalty" // working days to publish a penalty decision
	SetPublishDaysLicense = "publish_days_license" // working days to publish a licence decision
)

// SettingDefs lists every setting in display order.
var SettingDefs = []SettingDef{
	{Key: SetTrainingHours, Name: "执法人员年度法律知识培训学时要求", Unit: "学时", Default: 40, Min: 0, Max: 200,
		Basis: "各地规定不一：如每人每年不少于40学时、60学时（按本地区文件设置）"},
	{Key: SetPublishDaysPenalty, Name: "行政处罚决定公示期限", Unit: "个工作日", Default: 7, Min: 1, Max: 60,
		Basis: "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）：执法决定信息在执法决定作出之日起20个工作日内公开，法律法规另有规定的从其规定；多地规定行政处罚决定7个工作日内公示（按本地区文件设置）"},
	{Key: SetPublishDaysLicense, Name: "行政许可决定公示期限", Unit: "个工作日", Default: 20, Min: 1, Max: 60,
		Basis: "国办发〔2018〕118号：执法决定信息在执法决定作出之日起20个工作日内公开（按本地区文件设置）"},
}

// SettingDefOf returns the definition of key.
func SettingDefOf(key string) (SettingDef, bool) {
	for _, d := range SettingDefs {
		if d.Key == key {
			return d, true
		}
	}
	return SettingDef{}, false
}

// SettingValue is a setting as it applies to a region, and where it comes from.
type SettingValue struct {
	SettingDef
	Value      int
	FromRegion string // "" for the national default
	Note       string // the local rule, when a region set it
}

// regionChain lists a region code and its parents (township → county → city
// → province), most specific first.
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

// Setting returns the value of key for regionCode.
func (s *Service) Setting(ctx context.Context, regionCode, key string) (SettingValue, error) {
	def, ok := SettingDefOf(key)
	if !ok {
		return SettingValue{}, fmt.Errorf("enforcement: unknown setting %q", key)
	}
	for _, rc := range regionChain(regionCode) {
		var v, note string
		err := s.DB.Read().QueryRowContext(ctx,
			`SELECT value, note FROM enf_settings WHERE region_code = ? AND key = ?`, rc, key).Scan(&v, &note)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return SettingValue{}, err
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return SettingValue{}, fmt.Errorf("enforcement: setting %s of %s is %q: %w", key, rc, v, err)
		}
		return SettingValue{SettingDef: def, Value: n, FromRegion: rc, Note: note}, nil
	}
	return SettingValue{SettingDef: def, Value: def.Default}, nil
}

// SetSetting sets key for regionCode, with the local rule it follows.
func (s *Service) SetSetting(ctx context.Context, regionCode, key string, value int, note string) error {
	def, ok := SettingDefOf(key)
	if !ok {
		return invalid("未知的设置项：%s", key)
	}
	if len(regionCode) < 6 {
		return invalid("行政区划代码应为6位及以上数字")
	}
	if value < def.Min || value > def.Max {
		return invalid("%s应在%d至%d%s之间", def.Name, def.Min, def.Max, def.Unit)
	}
	note = strings.TrimSpace(note)
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		before, _ := s.Setting(ctx, regionCode, key)
		if _, err := tx.ExecContext(ctx, `DELETE FROM enf_settings WHERE region_code = ? AND key = ?`, regionCode, key); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO enf_settings (region_code, key, value, note, updated_at) VALUES (?, ?, ?, ?, ?)`,
			regionCode, key, strconv.Itoa(value), note, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.setting", ObjectType: "enf_setting",
			ObjectID: regionCode + "/" + key, Summary: fmt.Sprintf("%s：%d%s", def.Name, value, def.Unit),
			Changes: []audit.Change{{Field: key, Before: strconv.Itoa(before.Value), After: strconv.Itoa(value)}}})
	})
}
