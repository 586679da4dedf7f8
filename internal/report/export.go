package report

import (
	"fmt"
	"io"
	"time"

	"fazhi/internal/docgen"
)

// cnNumber writes 1–99 in Chinese numerals (一, 十二, 二十三).
func cnNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// PartHeading is the numbered heading of a part: part 一 has a fixed title,
// the others carry their section's (editable) heading.
func PartHeading(part, year int, heading string) string {
	if part == 1 {
		return fmt.Sprintf("一、%d年度推进法治政府建设的主要举措和成效", year)
	}
	return cnNumber(part) + "、" + heading
}

// AreaHeading numbers the n-th area of part 一 (n from 1).
func AreaHeading(n int, heading string) string { return "（" + cnNumber(n) + "）" + heading }

// Document is the report as published or exported: headings numbered,
// figures resolved, links dropped. date is the 成文日期 (ISO).
func (f Full) Document(date string) PublicDoc {
	d := PublicDoc{Title: f.Title, DocNo: f.DocNo, Addressee: f.Addressee, Issuer: f.Issuer, Date: dateText(date)}
	part, area := -1, 0
	for _, s := range f.Sections {
		if s.Part != part {
			part = s.Part
			if part > 0 {
				d.Blocks = append(d.Blocks, PublicBlock{Level: 1, Text: PartHeading(part, f.Year, s.Heading)})
			}
		}
		if part == 1 {
			area++
			d.Blocks = append(d.Blocks, PublicBlock{Level: 2, Text: AreaHeading(area, s.Heading)})
		}
		for _, p := range s.Paragraphs() {
			d.Blocks = append(d.Blocks, PublicBlock{Text: Plain(p, f.Figures[s.Snapshot])})
		}
	}
	return d
}

// DocDate is the 成文日期 of an export: the day the report was submitted,
// else today.
func (f Full) DocDate(today time.Time) string {
	if f.SubmittedOn != "" {
		return f.SubmittedOn
	}
	return today.Format(time.DateOnly)
}

// Gongwen is the document in docgen's 公文 model.
func (d PublicDoc) Gongwen() docgen.Document {
	g := docgen.Document{Title: d.Title, DocNo: d.DocNo, Addressee: d.Addressee, Issuer: d.Issuer, Date: d.Date}
	for _, b := range d.Blocks {
		switch b.Level {
		case 0:
			g.Blocks = append(g.Blocks, docgen.Para{Text: b.Text})
		default:
			g.Blocks = append(g.Blocks, docgen.Heading{Level: b.Level, Text: b.Text})
		}
	}
	return g
}

// WriteDOCX writes the document as DOCX (GB/T 9704 via docgen).
func (d PublicDoc) WriteDOCX(w io.Writer) error { return docgen.WriteDOCX(w, d.Gongwen()) }

// WritePDF writes the document as PDF with the embedded CJK font.
func (d PublicDoc) WritePDF(w io.Writer) error { return docgen.WritePDF(w, d.Gongwen()) }
