package enforcement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/calendar"
	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// OfficerInput is an 执法人员 with the fields of his 行政执法证, as a form or
// an import sends it. IDNumber and Phone are plain here and sealed at rest.
type OfficerInput struct {
	UnitID        int64
	SubjectID     int64 // optional: the 执法主体 he acts for
	UserID        int64 // optional: his account
	Name          string
	Sex           string // 男 | 女; derived from the 身份证号 when empty
	IDNumber      string
	Phone         string
	Position      string
	CertNo        string // 执法证号
	CertAuthority string // 发证机关
	LawArea       string // 执法类别/执法区域
	IssuedOn      string // ISO date
	ValidUntil    string // ISO date
}

func (in *OfficerInput) normalise() {
	for _, p := range []*string{&in.Name, &in.Sex, &in.Phone, &in.Position, &in.CertNo, &in.CertAuthority,
		&in.LawArea, &in.IssuedOn, &in.ValidUntil} {
		*p = strings.TrimSpace(*p)
	}
	in.IDNumber = privacy.NormalizeIDNumber(in.IDNumber)
	in.CertNo = strings.ToUpper(in.CertNo)
	if in.Sex == "" && privacy.ValidateIDNumber(in.IDNumber) == nil {
		in.Sex, _ = privacy.Sex(in.IDNumber)
	}
}

// ValidateOfficer checks an officer's fields on the day today (ISO), naming
// the field at fault. It normalises in first (trims, derives the sex).
func ValidateOfficer(in OfficerInput, today string) error {
	in.normalise()
	if err := validateOfficerPerson(in); err != nil {
		return err
	}
	return validateCert(in, today)
}

func validateOfficerPerson(in OfficerInput) error {
	switch {
	case in.UnitID == 0:
		return invalid("请选择执法人员所在单位")
	case in.Name == "":
		return invalid("请填写执法人员姓名")
	case utf8.RuneCountInString(in.Name) > 40:
		return invalid("姓名不能超过40字")
	}
	if err := privacy.ValidateIDNumber(in.IDNumber); err != nil {
		return invalid("%s", err.Error())
	}
	if in.Sex != "男" && in.Sex != "女" {
		return invalid("性别应为“男”或“女”")
	}
	if s, _ := privacy.Sex(in.IDNumber); s != in.Sex {
		return invalid("性别“%s”与身份证号不符（身份证号第17位表示%s）", in.Sex, s)
	}
	if in.Phone != "" && !validPhone(in.Phone) {
		return invalid("联系电话格式有误：手机号应为11位数字，固定电话如 0791-88123456")
	}
	if utf8.RuneCountInString(in.Position) > 60 {
		return invalid("职务不能超过60字")
	}
	return nil
}

func validateCert(in OfficerInput, today string) error {
	switch {
	case in.CertNo == "":
		return invalid("请填写执法证号")
	case !validCertNo(in.CertNo):
		return invalid("执法证号“%s”格式有误：应为4至40位数字、字母或“-”", in.CertNo)
	case in.CertAuthority == "":
		return invalid("请填写执法证发证机关")
	case in.LawArea == "":
		return invalid("请填写执法类别/执法区域")
	case utf8.RuneCountInString(in.CertAuthority) > 100 || utf8.RuneCountInString(in.LawArea) > 200:
		return invalid("发证机关不能超过100字，执法类别/区域不能超过200字")
	}
	issued, err := calendar.ParseDate(in.IssuedOn)
	if err != nil {
		return invalid("发证日期“%s”有误，请按 2024-05-01 的格式填写", in.IssuedOn)
	}
	valid, err := calendar.ParseDate(in.ValidUntil)
	if err != nil {
		return invalid("有效期至“%s”有误，请按 2029-04-30 的格式填写", in.ValidUntil)
	}
	if in.IssuedOn > today {
		return invalid("发证日期%s晚于今天", issued.Chinese())
	}
	if !issued.Before(valid) {
		return invalid("有效期至%s应晚于发证日期%s", valid.Chinese(), issued.Chinese())
	}
	if issued.AddMonths(12 * 10).Before(valid) {
		return invalid("有效期至%s距发证日期超过10年，请核对", valid.Chinese())
	}
	return nil
}

// validPhone accepts a mobile (11 digits from 1), a landline with its area
// code (10–12 digits from 0) or a local number (7–8 digits); separators
// "-" and spaces and a leading +86 are allowed.
func validPhone(s string) bool {
	s = strings.TrimPrefix(s, "+86")
	var d []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case c == '-' || c == ' ':
		default:
			return false
		}
	}
	n := len(d)
	return n == 11 && d[0] == '1' || n >= 10 && n <= 12 && d[0] == '0' || n == 7 || n == 8
}

func validCertNo(s string) bool {
	if len(s) < 4 || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r == '-') {
			return false
		}
	}
	return true
}

// regToday is the legal date today (China time) as ISO text.
func (s *Service) regToday() string {
	return calendar.DateOf(s.Now().In(regCST)).String()
}

var regCST = time.FixedZone("CST", 8*3600)

// CreateOfficer records an officer and puts his certificate's expiry in the
// deadline monitor.
func (s *Service) CreateOfficer(ctx context.Context, in OfficerInput) (int64, error) {
	var id int64
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var err error
		id, err = s.createOfficerTx(ctx, tx, in)
		return err
	})
	return id, err
}

// createOfficerTx is CreateOfficer inside the caller's transaction (the
// officer import calls it once per row).
func (s *Service) createOfficerTx(ctx context.Context, tx *store.Tx, in OfficerInput) (int64, error) {
	in.normalise()
	if err := ValidateOfficer(in, s.regToday()); err != nil {
		return 0, err
	}
	unitName, _, _, err := regUnitOf(ctx, tx, in.UnitID)
	if err != nil {
		return 0, err
	}
	if err := s.officerFree(ctx, tx, in, 0); err != nil {
		return 0, err
	}
	idSealed, phoneSealed, err := s.sealOfficer(in)
	if err != nil {
		return 0, err
	}
	now := s.now()
	id, err := tx.InsertID(ctx, `INSERT INTO enf_officers (unit_id, subject_id, user_id, name, sex, id_sealed, id_index,
		phone_sealed, position, cert_no, cert_authority, law_area, issued_on, valid_until, status, status_note, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
		in.UnitID, store.NullInt(in.SubjectID), store.NullInt(in.UserID), in.Name, in.Sex, idSealed,
		s.Cipher.Index(in.IDNumber), phoneSealed, in.Position, in.CertNo, in.CertAuthority, in.LawArea, in.IssuedOn,
		in.ValidUntil, string(OfficerActive), now, now)
	if err != nil {
		return 0, err
	}
	if err := s.registerCertExpiry(ctx, tx, id, in); err != nil {
		return 0, err
	}
	return id, s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.officer.create", ObjectType: ObjectOfficer,
		ObjectID: regID(id), Summary: fmt.Sprintf("登记执法人员%s（%s，执法证号 %s，有效期至 %s）",
			privacy.MaskName(in.Name), unitName, in.CertNo, in.ValidUntil)})
}

// UpdateOfficer changes an officer's fields (not his status). A new expiry
// date moves his certificate's deadline: a later one completes the old
// deadline (renewed), an earlier one cancels it as a correction.
func (s *Service) UpdateOfficer(ctx context.Context, id int64, in OfficerInput) error {
	in.normalise()
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		old, err := getOfficer(ctx, tx, id)
		if err != nil {
			return err
		}
		in.UnitID = old.UnitID
		if err := ValidateOfficer(in, s.regToday()); err != nil {
			return err
		}
		if err := s.officerFree(ctx, tx, in, id); err != nil {
			return err
		}
		idSealed, phoneSealed, err := s.sealOfficer(in)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_officers SET subject_id = ?, user_id = ?, name = ?, sex = ?,
			id_sealed = ?, id_index = ?, phone_sealed = ?, position = ?, cert_no = ?, cert_authority = ?, law_area = ?,
			issued_on = ?, valid_until = ?, updated_at = ? WHERE id = ?`,
			store.NullInt(in.SubjectID), store.NullInt(in.UserID), in.Name, in.Sex, idSealed, s.Cipher.Index(in.IDNumber),
			phoneSealed, in.Position, in.CertNo, in.CertAuthority, in.LawArea, in.IssuedOn, in.ValidUntil, s.now(), id); err != nil {
			return err
		}
		if old.ValidUntil != in.ValidUntil && old.Status != OfficerRevoked {
			if err := s.moveCertExpiry(ctx, tx, id, old.ValidUntil, in); err != nil {
				return err
			}
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.officer.update", ObjectType: ObjectOfficer,
			ObjectID: regID(id), Summary: fmt.Sprintf("修改执法人员%s（执法证号 %s）的信息", privacy.MaskName(in.Name), in.CertNo),
			Changes: officerChanges(old, in, s.Cipher.Index(in.IDNumber))})
	})
}

// officerChanges lists the changed fields; personal data is recorded as
// changed, never with its values.
func officerChanges(old officerRow, in OfficerInput, index string) []audit.Change {
	var ch []audit.Change
	if old.idIndex != index {
		ch = append(ch, audit.Change{Field: "id_number", Before: "（已加密）", After: "（已修改，已加密）"})
	}
	ch = regChange(ch, "name", privacy.MaskName(old.Name), privacy.MaskName(in.Name))
	ch = regChange(ch, "sex", old.Sex, in.Sex)
	ch = regChange(ch, "position", old.Position, in.Position)
	ch = regChange(ch, "cert_no", old.CertNo, in.CertNo)
	ch = regChange(ch, "cert_authority", old.CertAuthority, in.CertAuthority)
	ch = regChange(ch, "law_area", old.LawArea, in.LawArea)
	ch = regChange(ch, "issued_on", old.IssuedOn, in.IssuedOn)
	ch = regChange(ch, "valid_until", old.ValidUntil, in.ValidUntil)
	ch = regChange(ch, "subject_id", regID(old.SubjectID), regID(in.SubjectID))
	return ch
}

func (s *Service) sealOfficer(in OfficerInput) (idSealed, phoneSealed string, err error) {
	if idSealed, err = s.Cipher.Seal(in.IDNumber); err != nil {
		return "", "", fmt.Errorf("seal id number: %w", err)
	}
	if in.Phone != "" {
		if phoneSealed, err = s.Cipher.Seal(in.Phone); err != nil {
			return "", "", fmt.Errorf("seal phone: %w", err)
		}
	}
	return idSealed, phoneSealed, nil
}

// officerFree refuses a certificate number already used and a 身份证号 that
// another officer not 注销 holds (found through the blind index). The
// message names the other record by its certificate number only.
func (s *Service) officerFree(ctx context.Context, tx *store.Tx, in OfficerInput, except int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_officers WHERE cert_no = ? AND id <> ?`,
		in.CertNo, except).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return conflict("执法证号%s已登记，请核对", in.CertNo)
	}
	var other string
	err := tx.QueryRowContext(ctx, `SELECT cert_no FROM enf_officers WHERE id_index = ? AND id <> ? AND status <> ?
		ORDER BY id LIMIT 1`, s.Cipher.Index(in.IDNumber), except, string(OfficerRevoked)).Scan(&other)
	if err == nil {
		return conflict("该身份证号已登记在执法证号%s的执法人员名下；同一人换证请修改原记录", other)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if in.SubjectID != 0 {
		sj, err := getSubject(ctx, tx, in.SubjectID)
		if err != nil {
			return err
		}
		if sj.UnitID != in.UnitID {
			return invalid("执法主体“%s”不属于该执法人员所在单位", sj.Name)
		}
	}
	return nil
}

// SetOfficerStatus moves an officer to 在岗, 暂扣 or 注销 with the reason
// (required unless returning to 在岗). 注销 is final and cancels the
// certificate's expiry deadline.
func (s *Service) SetOfficerStatus(ctx context.Context, id int64, to OfficerStatus, reason string) error {
	reason = strings.TrimSpace(reason)
	if to != OfficerActive && to != OfficerSuspended && to != OfficerRevoked {
		return invalid("执法证状态应为在岗、暂扣或注销")
	}
	if to != OfficerActive && reason == "" {
		return invalid("请填写%s执法证的原因", to.Label())
	}
	if utf8.RuneCountInString(reason) > 500 {
		return invalid("原因不能超过500字")
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		old, err := getOfficer(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case old.Status == to:
			return conflict("执法证已是“%s”状态", to.Label())
		case old.Status == OfficerRevoked:
			return conflict("执法证已注销，不能恢复；重新取得执法证的请登记新证")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_officers SET status = ?, status_note = ?, updated_at = ? WHERE id = ?`,
			string(to), reason, s.now(), id); err != nil {
			return err
		}
		if to == OfficerRevoked {
			if err := s.cancelCertExpiry(ctx, tx, id, "执法证已注销"); err != nil {
				return err
			}
		}
		summary := fmt.Sprintf("执法证%s（%s）：%s", old.CertNo, privacy.MaskName(old.Name), to.Label())
		if reason != "" {
			summary += "，原因：" + reason
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.officer.status", ObjectType: ObjectOfficer,
			ObjectID: regID(id), Summary: summary,
			Changes: []audit.Change{{Field: "status", Before: string(old.Status), After: string(to)}}})
	})
}
