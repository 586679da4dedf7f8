package enforcement

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/docgen"
	"fazhi/internal/store"
)

// DocKind is a kind of 执法文书.
type DocKind string

const (
	DocFiling     DocKind = "filing"     // 立案审批表
	DocNotice     DocKind = "notice"     // 行政处罚事先告知书
	DocReview     DocKind = "review"     // 法制审核意见书
	DocCollective DocKind = "collective" // 集体讨论记录
	DocDecision   DocKind = "decision"   // 行政处罚决定书
	DocNoPenalty  DocKind = "no_penalty" // 不予行政处罚决定书
	DocService    DocKind = "service"    // 送达回证
	DocClosing    DocKind = "closing"    // 结案审批表
)

// docDef is a 文书 kind: its title, the abbreviation in its number, and the
// step after which it may be issued.
type docDef struct {
	Kind   DocKind
	Title  string
	Abbr   string
	After  string  // the event step that must be on the timeline
	States []State // or: the case must be in one of these states
}

var docDefs = []docDef{
	{DocFiling, "立案审批表", "立", "file", nil},
	{DocNotice, "行政处罚事先告知书", "告", string(StepNotify), nil},
	{DocReview, "重大执法决定法制审核意见书", "审", string(StepReview), nil},
	{DocCollective, "案件集体讨论记录", "议", string(StepCollective), nil},
	{DocDecision, "行政处罚决定书", "罚决", "", []State{StateDecided, StateServed, StateExecuting, StateClosed, StateRevoked}},
	{DocNoPenalty, "不予行政处罚决定书", "不罚", "", []State{StateNoPenalty}},
	{DocService, "送达回证", "送", "", []State{StateDecided, StateServed, StateExecuting, StateClosed, StateNoPenalty, StateRevoked}},
	{DocClosing, "结案审批表", "结", string(StepClose), nil},
}

// DocTitle names a kind.
func (k DocKind) Title() string {
	for _, d := range docDefs {
		if d.Kind == k {
			return d.Title
		}
	}
	return string(k)
}

func docDefOf(k DocKind) (docDef, bool) {
	for _, d := range docDefs {
		if d.Kind == k {
			return d, true
		}
	}
	return docDef{}, false
}

// IssuableDocs lists the 文书 a case may have issued now.
func IssuableDocs(c Case, events []Event) []DocKind {
	var out []DocKind
	for _, d := range docDefs {
		if docIssuable(d, c, events) {
			out = append(out, d.Kind)
		}
	}
	return out
}

func docIssuable(d docDef, c Case, events []Event) bool {
	if d.Kind == DocFiling && c.Procedure == ProcSimple {
		return false
	}
	if d.Kind == DocDecision && c.Decision != DecPenalty {
		return false
	}
	for _, st := range d.States {
		if c.State == st {
			return true
		}
	}
	if d.After == "" {
		return false
	}
	for _, e := range events {
		if e.Step == d.After {
			return true
		}
	}
	return false
}

// IssuedDoc is a 文书 issued for a case.
type IssuedDoc struct {
	ID           int64
	Kind         DocKind
	DocNo        string
	AttachmentID int64
	IssuedOn     string
	IssuedBy     string
}

// Documents lists a case's issued 文书.
func (s *Service) Documents(ctx context.Context, caseID int64) ([]IssuedDoc, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, kind, doc_no, COALESCE(attachment_id, 0), issued_on, issued_by_name
		FROM enf_documents WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IssuedDoc
	for rows.Next() {
		var d IssuedDoc
		var kind string
		if err := rows.Scan(&d.ID, &kind, &d.DocNo, &d.AttachmentID, &d.IssuedOn, &d.IssuedBy); err != nil {
			return nil, err
		}
		d.Kind = DocKind(kind)
		out = append(out, d)
	}
	return out, rows.Err()
}

// caseDocData is everything a 文书 is filled from.
type caseDocData struct {
	Case     Case
	Item     Item
	Officers []OfficerOnCase
	Events   []Event
	Party    string // full, with the 身份证号 masked (the 文书 go to the party)
}

func (s *Service) docData(ctx context.Context, c Case) (caseDocData, error) {
	d := caseDocData{Case: c}
	var err error
	if d.Item, err = s.Item(ctx, c.ItemID); err != nil {
		return d, err
	}
	if d.Officers, err = s.CaseOfficers(ctx, c.ID); err != nil {
		return d, err
	}
	if d.Events, err = s.Events(ctx, c.ID); err != nil {
		return d, err
	}
	d.Party = c.PartyName
	if c.PartyIDMasked != "" {
		d.Party += "（证件号码：" + c.PartyIDMasked + "）"
	}
	return d, nil
}

// IssueDocument numbers a 文书 of a case (清市监罚决〔2026〕3号 style: the
// case number's prefix, the kind's abbreviation, the year, a sequence per
// unit, kind and year), renders it as PDF, keeps it as an attachment and
// records it on the timeline.
func (s *Service) IssueDocument(ctx context.Context, caseID int64, kind DocKind) (IssuedDoc, error) {
	def, ok := docDefOf(kind)
	if !ok {
		return IssuedDoc{}, invalid("未知的文书类型")
	}
	c, err := s.GetCase(ctx, caseID)
	if err != nil {
		return IssuedDoc{}, err
	}
	data, err := s.docData(ctx, c)
	if err != nil {
		return IssuedDoc{}, err
	}
	if !docIssuable(def, c, data.Events) {
		return IssuedDoc{}, conflict("案件尚未进行到可以出具《%s》的环节", def.Title)
	}
	today := s.today()
	// The number is taken and recorded first (so two people issuing at once
	// get different numbers), then the PDF is rendered and kept; the
	// attachment store writes in its own transaction.
	var out IssuedDoc
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		no, err := s.nextDocNo(ctx, tx, c, def, today[:4])
		if err != nil {
			return err
		}
		_, uname := s.actor(ctx, tx)
		id, err := tx.InsertID(ctx, `INSERT INTO enf_documents (case_id, kind, doc_no, issued_on, issued_by_name, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, c.ID, string(kind), no, today, uname, s.now())
		if err != nil {
			return err
		}
		out = IssuedDoc{ID: id, Kind: kind, DocNo: no, IssuedOn: today, IssuedBy: uname}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.case.document", ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID),
			Summary: fmt.Sprintf("%s出具《%s》%s", c.CaseNo, def.Title, no)})
	})
	if err != nil {
		return out, err
	}
	var buf bytes.Buffer
	if err := docgen.WritePDF(&buf, BuildDocument(data, kind, out.DocNo, today)); err != nil {
		return out, err
	}
	att, err := s.Attach.Save(ctx, &buf, attach.Meta{Filename: def.Title + "-" + out.DocNo + ".pdf", UnitID: c.UnitID,
		ObjectType: ObjectCase, ObjectID: fmt.Sprint(c.ID), Note: def.Title})
	if err != nil {
		return out, err
	}
	out.AttachmentID = att.ID
	return out, s.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE enf_documents SET attachment_id = ? WHERE id = ?`, att.ID, out.ID)
		return err
	})
}

func (s *Service) nextDocNo(ctx context.Context, tx *store.Tx, c Case, def docDef, year string) (string, error) {
	prefix := c.CaseNo
	if i := strings.Index(prefix, "罚〔"); i > 0 {
		prefix = prefix[:i]
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_documents d JOIN enf_cases c ON c.id = d.case_id
		WHERE c.unit_id = ? AND d.kind = ? AND d.issued_on >= ? AND d.issued_on <= ?`, c.UnitID, string(def.Kind),
		year+"-01-01", year+"-12-31").Scan(&n); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%s〔%s〕%d号", prefix, def.Abbr, year, n+1), nil
}

// chineseDay writes an ISO date as 2026年3月2日.
func chineseDay(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2006年1月2日")
}

// RenderDocument rebuilds an issued 文书 from the case data (for the DOCX).
func (s *Service) RenderDocument(ctx context.Context, caseID int64, d IssuedDoc) (docgen.Document, error) {
	c, err := s.GetCase(ctx, caseID)
	if err != nil {
		return docgen.Document{}, err
	}
	data, err := s.docData(ctx, c)
	if err != nil {
		return docgen.Document{}, err
	}
	return BuildDocument(data, d.Kind, d.DocNo, d.IssuedOn), nil
}
