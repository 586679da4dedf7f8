package enforcement

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fazhi/internal/privacy"
	"fazhi/internal/store"
)

// officerRecord is one imported officer row, validated.
type officerRecord struct {
	row    int
	in     OfficerInput
	status OfficerStatus
}

type officerParser struct {
	t     *table
	lk    *importLookup
	today string
}

// officerFieldWords attribute a message of ValidateOfficer to its column.
var officerFieldWords = []struct{ word, key string }{
	{"身份证", "id_number"}, {"性别", "sex"}, {"电话", "phone"}, {"职务", "position"}, {"发证日期", "issued_on"},
	{"有效期", "valid_until"}, {"执法证号", "cert_no"}, {"发证机关", "cert_authority"}, {"执法类别", "law_area"},
	{"姓名", "name"}, {"单位", "unit"},
}

func (p *officerParser) parse(row int, cells []string) (officerRecord, []ImportIssue) {
	r := &rowIssues{t: p.t, row: row}
	o := officerRecord{row: row}
	in := &o.in
	in.Name = r.text(cells, "name", true, 40)
	in.Sex = p.t.cell(cells, "sex")
	in.IDNumber = privacy.NormalizeIDNumber(p.t.cell(cells, "id_number"))
	in.Phone = p.t.cell(cells, "phone")
	in.Position = p.t.cell(cells, "position")
	in.CertNo = strings.ToUpper(r.text(cells, "cert_no", true, 40))
	in.CertAuthority = r.text(cells, "cert_authority", true, 100)
	in.LawArea = r.text(cells, "law_area", true, 200)
	// Expired certificates of officers who left are history too: only the
	// issue date has to lie in the past.
	in.IssuedOn = r.date(cells, "issued_on", true, p.today)
	in.ValidUntil = r.date(cells, "valid_until", true, "9999-12-31")
	var ok bool
	if o.status, ok = parseOfficerStatus(p.t.cell(cells, "status")); !ok {
		r.add("status", "状态“%s”无法识别，应为“在岗”“暂扣”或“注销”", p.t.cell(cells, "status"))
	}
	unit, msg := p.lk.unit(p.t.cell(cells, "unit"))
	if msg != "" {
		r.add("unit", "%s", msg)
	}
	in.UnitID = unit
	if name := p.t.cell(cells, "subject"); name != "" && unit != 0 {
		if in.SubjectID = p.lk.subjects[unitCode{unit, name}]; in.SubjectID == 0 {
			r.add("subject", "执法主体“%s”未在%s登记", name, p.lk.unitName[unit])
		}
	}
	if in.IDNumber == "" {
		r.add("id_number", "不能为空")
	}
	if len(r.issues) == 0 {
		in.normalise()
		if err := ValidateOfficer(*in, p.today); err != nil {
			r.add(officerErrorColumn(err.Error()), "%s", err.Error())
		}
	}
	return o, r.issues
}

// officerErrorColumn guesses the column a registry message is about from
// the field it names.
func officerErrorColumn(msg string) string {
	for _, w := range officerFieldWords {
		if strings.Contains(msg, w.word) {
			return w.key
		}
	}
	return "name"
}

// officerDupes finds officers already registered: by 执法证号 (any status)
// and by 身份证号 (an officer not 注销), through the blind index.
type officerDupes struct {
	certs   map[string]bool
	indexes map[string]string // id_index → cert_no of the holder
}

func loadOfficerDupes(ctx context.Context, q store.Querier) (*officerDupes, error) {
	d := &officerDupes{certs: map[string]bool{}, indexes: map[string]string{}}
	rows, err := q.QueryContext(ctx, `SELECT cert_no, id_index, status FROM enf_officers`)
	if err != nil {
		return nil, fmt.Errorf("registered officers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cert, idx, status string
		if err := rows.Scan(&cert, &idx, &status); err != nil {
			return nil, err
		}
		d.certs[strings.ToUpper(cert)] = true
		if status != string(OfficerRevoked) && idx != "" {
			d.indexes[idx] = cert
		}
	}
	return d, rows.Err()
}

// officerChecker runs the per-row checks of an officer file, including the
// duplicates within the file and against the register.
type officerChecker struct {
	p        *officerParser
	dupes    *officerDupes
	cipher   *privacy.Cipher
	certRow  map[string]int
	indexRow map[string]int
}

func (c *officerChecker) check(row int, cells []string) (officerRecord, []ImportIssue) {
	o, issues := c.p.parse(row, cells)
	if o.in.CertNo != "" {
		if prev, dup := c.certRow[o.in.CertNo]; dup {
			issues = append(issues, ImportIssue{Row: row, Column: c.p.t.name("cert_no"),
				Msg: fmt.Sprintf("执法证号%s与第%d行重复", o.in.CertNo, prev)})
		} else {
			c.certRow[o.in.CertNo] = row
			if c.dupes.certs[o.in.CertNo] {
				issues = append(issues, ImportIssue{Row: row, Column: c.p.t.name("cert_no"),
					Msg: fmt.Sprintf("执法证号%s已登记", o.in.CertNo)})
			}
		}
	}
	if o.in.IDNumber != "" && privacy.ValidateIDNumber(o.in.IDNumber) == nil {
		idx := c.cipher.Index(o.in.IDNumber)
		if prev, dup := c.indexRow[idx]; dup {
			issues = append(issues, ImportIssue{Row: row, Column: c.p.t.name("id_number"),
				Msg: fmt.Sprintf("身份证号与第%d行相同", prev)})
		} else {
			c.indexRow[idx] = row
			if cert, ok := c.dupes.indexes[idx]; ok && o.status != OfficerRevoked {
				issues = append(issues, ImportIssue{Row: row, Column: c.p.t.name("id_number"),
					Msg: fmt.Sprintf("该身份证号已登记在执法证号%s的执法人员名下", cert)})
			}
		}
	}
	return o, issues
}

// previewOfficer is a row of the preview, personal data masked.
func previewOfficer(o officerRecord, unitName string) []string {
	return []string{privacy.MaskName(o.in.Name), o.in.Sex, privacy.MaskIDNumber(o.in.IDNumber), o.in.CertNo,
		o.in.CertAuthority, o.in.LawArea, o.in.IssuedOn, o.in.ValidUntil, o.status.Label(), unitName}
}

var officerPreviewHeaders = []string{"姓名", "性别", "身份证号", "执法证号", "发证机关", "执法类别", "发证日期", "有效期至", "状态", "所属单位"}

// writeOfficers records the officers of a batch inside tx, through the
// registry's own create (sealing, duplicate checks, expiry in the deadline
// monitor), then their status and batch.
func (s *Service) writeOfficers(ctx context.Context, tx *store.Tx, batchID int64, recs []officerRecord, p ImportProgress) error {
	for i, o := range recs {
		if err := ctx.Err(); err != nil {
			return err
		}
		id, err := s.createOfficerTx(ctx, tx, o.in)
		if err != nil {
			var ae interface{ ErrorCode() string }
			if errors.As(err, &ae) {
				return invalid("第%d行：%s", o.row, err.Error())
			}
			return fmt.Errorf("import officer row %d: %w", o.row, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_officers SET batch_id = ?, status = ?, status_note = ? WHERE id = ?`,
			batchID, string(o.status), importStatusNote(o.status), id); err != nil {
			return err
		}
		if o.status == OfficerRevoked {
			if err := s.cancelCertExpiry(ctx, tx, id, "导入时执法证已注销"); err != nil {
				return err
			}
		}
		p.Set(i+1, len(recs), fmt.Sprintf("正在写入第%d条（共%d条）", i+1, len(recs)))
	}
	return nil
}

func importStatusNote(st OfficerStatus) string {
	if st == OfficerActive {
		return ""
	}
	return "导入时状态为" + st.Label()
}
