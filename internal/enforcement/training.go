package enforcement

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// Training is one course an officer attended, with its hours (学时).
type Training struct {
	ID        int64
	OfficerID int64
	Year      int
	HeldOn    string // ISO date
	Course    string
	Hours     float64
}

// TrainingInput is a training record as the form sends it.
type TrainingInput struct {
	HeldOn string
	Course string
	Hours  string // 学时, up to one decimal ("2", "1.5")
}

// parseTraining validates a training record on the day today and returns
// its hours.
func parseTraining(in TrainingInput, today string) (float64, error) {
	in.Course, in.HeldOn = strings.TrimSpace(in.Course), strings.TrimSpace(in.HeldOn)
	if in.Course == "" {
		return 0, invalid("请填写培训课程名称")
	}
	if utf8.RuneCountInString(in.Course) > 200 {
		return 0, invalid("培训课程名称不能超过200字")
	}
	d, err := calendar.ParseDate(in.HeldOn)
	if err != nil {
		return 0, invalid("培训日期“%s”有误，请按 2026-03-02 的格式填写", in.HeldOn)
	}
	if in.HeldOn > today {
		return 0, invalid("培训日期%s晚于今天", d.Chinese())
	}
	h, err := strconv.ParseFloat(strings.TrimSpace(in.Hours), 64)
	if err != nil || math.IsNaN(h) {
		return 0, invalid("学时“%s”应为数字，如 2 或 1.5", in.Hours)
	}
	if h <= 0 || h > 200 {
		return 0, invalid("学时应大于0且不超过200")
	}
	if math.Abs(h*10-math.Round(h*10)) > 1e-9 {
		return 0, invalid("学时最多保留一位小数")
	}
	return h, nil
}

// AddTraining records a course an officer attended.
func (s *Service) AddTraining(ctx context.Context, officerID int64, in TrainingInput) (int64, error) {
	hours, err := parseTraining(in, s.regToday())
	if err != nil {
		return 0, err
	}
	in.Course, in.HeldOn = strings.TrimSpace(in.Course), strings.TrimSpace(in.HeldOn)
	year, _ := strconv.Atoi(in.HeldOn[:4])
	var id int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		o, err := getOfficer(ctx, tx, officerID)
		if err != nil {
			return err
		}
		if id, err = tx.InsertID(ctx, `INSERT INTO enf_training (officer_id, year, held_on, course, hours, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, officerID, year, in.HeldOn, in.Course, hours, s.now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.training.add", ObjectType: ObjectOfficer,
			ObjectID: regID(officerID), Summary: fmt.Sprintf("登记执法人员%s（执法证号 %s）培训：%s %s，%s学时",
				privacy.MaskName(o.Name), o.CertNo, in.HeldOn, in.Course, HoursText(hours))})
	})
	return id, err
}

// DeleteTrainingOf removes a training record of the officer entered by
// mistake.
func (s *Service) DeleteTrainingOf(ctx context.Context, officerID, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		var tr Training
		err := tx.QueryRowContext(ctx, `SELECT officer_id, held_on, course, hours FROM enf_training WHERE id = ? AND officer_id = ?`,
			id, officerID).
			Scan(&tr.OfficerID, &tr.HeldOn, &tr.Course, &tr.Hours)
		if err != nil {
			return notFound("培训记录（编号 %d）不存在", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM enf_training WHERE id = ?`, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.training.delete", ObjectType: ObjectOfficer,
			ObjectID: regID(tr.OfficerID), Summary: fmt.Sprintf("删除培训记录：%s %s，%s学时", tr.HeldOn, tr.Course,
				HoursText(tr.Hours))})
	})
}

// Trainings lists an officer's training records, newest first.
func (s *Service) Trainings(ctx context.Context, officerID int64) ([]Training, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, officer_id, year, held_on, course, hours FROM enf_training
		WHERE officer_id = ? ORDER BY held_on DESC, id DESC`, officerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Training
	for rows.Next() {
		var t Training
		if err := rows.Scan(&t.ID, &t.OfficerID, &t.Year, &t.HeldOn, &t.Course, &t.Hours); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// HoursText formats hours without a needless ".0".
func HoursText(h float64) string { return strconv.FormatFloat(math.Round(h*10)/10, 'f', -1, 64) }

// TrainingStatus is an officer's hours in a year against the requirement of
// his unit's region.
type TrainingStatus struct {
	Year     int
	Hours    float64
	Required SettingValue
}

// Met reports whether the year's hours reach the requirement (达标).
func (t TrainingStatus) Met() bool { return t.Hours+1e-9 >= float64(t.Required.Value) }

// Label is 达标 or 未达标.
func (t TrainingStatus) Label() string {
	if t.Met() {
		return "达标"
	}
	return "未达标"
}

// TrainingStatuses returns the year's training status of each given officer
// (by id), each against the requirement of his unit's region.
func (s *Service) TrainingStatuses(ctx context.Context, officers []Officer, year int) (map[int64]TrainingStatus, error) {
	hours, err := s.trainingHours(ctx, officers, year)
	if err != nil {
		return nil, err
	}
	byUnit := map[int64]SettingValue{}
	out := make(map[int64]TrainingStatus, len(officers))
	for _, o := range officers {
		req, ok := byUnit[o.UnitID]
		if !ok {
			var err error
			if req, err = s.UnitSetting(ctx, o.UnitID, SetTrainingHours); err != nil {
				return nil, err
			}
			byUnit[o.UnitID] = req
		}
		out[o.ID] = TrainingStatus{Year: year, Hours: hours[o.ID], Required: req}
	}
	return out, nil
}

// UnitSetting returns a setting as it applies to a unit's region (its own
// division code, or its nearest ancestor's).
func (s *Service) UnitSetting(ctx context.Context, unitID int64, key string) (SettingValue, error) {
	region, err := s.Deadlines.RegionOfUnit(ctx, unitID)
	if err != nil {
		return SettingValue{}, err
	}
	return s.Setting(ctx, region, key)
}

// trainingHours sums the year's hours of the officers, in chunks of ids.
func (s *Service) trainingHours(ctx context.Context, officers []Officer, year int) (map[int64]float64, error) {
	hours := map[int64]float64{}
	ids := make([]any, 0, len(officers))
	for _, o := range officers {
		ids = append(ids, o.ID)
	}
	for len(ids) > 0 {
		part := ids[:min(len(ids), 500)]
		ids = ids[len(part):]
		rows, err := s.DB.Read().QueryContext(ctx, `SELECT officer_id, SUM(hours) FROM enf_training WHERE year = ?
			AND officer_id IN (`+store.Placeholders(len(part))+`) GROUP BY officer_id`, append([]any{year}, part...)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var h float64
			if err := rows.Scan(&id, &h); err != nil {
				rows.Close()
				return nil, err
			}
			hours[id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return hours, nil
}
