package enforcement

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fazhi/internal/docgen"
)

// WriteCaseFile writes a case's 案卷 as one PDF: a cover, the 目录, every
// issued 文书 in order, the list of evidence and documents with their SHA-256
// hashes, and the timeline of who did what when.
func (s *Service) WriteCaseFile(ctx context.Context, caseID int64, w io.Writer) error {
	c, err := s.GetCase(ctx, caseID)
	if err != nil {
		return err
	}
	data, err := s.docData(ctx, c)
	if err != nil {
		return err
	}
	docs, err := s.Documents(ctx, caseID)
	if err != nil {
		return err
	}
	b := docgen.Bundle{Title: "行政处罚案卷", Cover: []string{
		"案号：" + c.CaseNo, "案由：" + c.Title, "当事人：" + c.PartyName, "执法单位：" + c.UnitName,
		"立案日期：" + chineseDay(c.FiledOn), "结案日期：" + chineseDay(c.ClosedOn), "处理结果：" + c.Decision.Label() + " " + c.PenaltyText,
	}}
	for _, d := range docs {
		part := BuildDocument(data, d.Kind, d.DocNo, d.IssuedOn)
		part.Title = strings.ReplaceAll(part.Title, "\n", "")
		b.Parts = append(b.Parts, part)
	}
	files, err := s.Attach.ListFor(ctx, ObjectCase, fmt.Sprint(caseID))
	if err != nil {
		return err
	}
	rows := [][]string{}
	for i, f := range files {
		rows = append(rows, []string{fmt.Sprint(i + 1), f.Filename, f.Note, f.CreatedAt.In(regCST).Format("2006-01-02 15:04"), f.Hash})
	}
	ev := docgen.Document{Title: "证据及文书清单"}
	if len(rows) == 0 {
		ev.Blocks = []docgen.Block{docgen.Para{Text: "本案未上传证据材料。"}}
	} else {
		ev.Blocks = []docgen.Block{docgen.Table{Header: []string{"序号", "文件", "说明", "上传时间", "SHA-256"}, Rows: rows,
			Widths: []float64{0.5, 2, 1.2, 1.3, 3}}}
	}
	tl := docgen.Document{Title: "办案过程记录"}
	trows := [][]string{}
	for _, e := range data.Events {
		trows = append(trows, []string{chineseDay(e.On), e.StepLabel(), e.ActorName, e.At.In(regCST).Format("2006-01-02 15:04"), e.Note})
	}
	tl.Blocks = []docgen.Block{docgen.Table{Header: []string{"日期", "环节", "记录人", "记录时间", "内容"}, Rows: trows,
		Widths: []float64{1.3, 1, 0.8, 1.4, 3}}}
	b.Parts = append(b.Parts, ev, tl)
	return docgen.WriteBundlePDF(w, b)
}
