// Package docgen writes official documents (公文) as DOCX and PDF following
// GB/T 9704-2012 党政机关公文格式: A4, 版心 156×225 mm, title in 2号小标宋,
// body in 3号仿宋, 22 lines × 28 characters, page numbers in 4号 半角 digits.
// It knows nothing of the capabilities that fill documents (reports, 执法文书,
// 案卷); they build a Document and pick a writer. Conformance lists, in
// Chinese, what the output follows and where it departs.
//
// The DOCX is WordprocessingML written with archive/zip and hand-built XML:
// no maintained, permissively licensed Go DOCX writer is available here
// (unioffice needs a paid licence, gooxml is unmaintained and not served,
// godocx has no released version), and a 公文 needs only paragraphs, runs,
// tables, styles and two footers, so the few parts are written directly,
// in schema order, and tested by parsing them back and by a LibreOffice
// round trip.
//
// The PDF is drawn with gopdf (MIT), which subsets the embedded TrueType
// fonts (fonts/README.md: Droid Sans Fallback for Chinese, Liberation Serif
// for digits and Latin text). Layout is done here, not by gopdf: the same
// 22 × 28 grid as the DOCX, line breaking with the 标点 rules (linebreak.go),
// tables with ruled cells, then the pages are drawn. A Bundle is laid out
// part by part first so its 目录 can name each part's first page.
package docgen

import (
	"io"
)

// Block is one piece of a document body.
type Block interface{ block() }

// Heading is a numbered heading; the caller writes the number in Text
// ("一、主要举措和成效", "（一）…", "1.…"). Level 1 is set in 黑体, level 2 in
// 楷体, level 3 in bold 仿宋, as GB/T 9704 7.3.3 asks.
type Heading struct {
	Level int
	Text  string
}

// Para is a body paragraph with a two-character first-line indent. Runs
// allow part of it to be bold (e.g. a figure); Text is used when Runs is nil.
type Para struct {
	Text     string
	Runs     []Run
	NoIndent bool
	Align    Align // default justified
}

// Run is a span of text with its own emphasis.
type Run struct {
	Text string
	Bold bool
}

// Align is a paragraph's horizontal alignment.
type Align int

const (
	AlignJustify Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a ruled table (e.g. 立案审批表, a statistics table). Widths are
// relative column widths (nil: equal). Rows may be ragged: the last cell of
// a row shorter than the widest spans the remaining columns (a form's
// "案情摘要" value across the row); a cell of "" stays empty. The header
// row, if any, repeats on each page.
type Table struct {
	Header []string
	Rows   [][]string
	Widths []float64
}

// PageBreak starts a new page.
type PageBreak struct{}

func (Heading) block()   {}
func (Para) block()      {}
func (Table) block()     {}
func (PageBreak) block() {}

// Document is one 公文 or 文书.
type Document struct {
	Title     string // 标题, 2号小标宋, centred, may contain "\n" for a two-line title
	Subtitle  string // optional line under the title, e.g. "（2020年12月）", 3号楷体
	DocNo     string // optional 发文字号 above the title, e.g. "清政发〔2026〕3号"
	Addressee string // optional 主送机关, e.g. "县委、市政府："
	Blocks    []Block
	Issuer    string // 发文机关署名 at the end (optional)
	Date      string // 成文日期 "2026年3月1日" (optional)
	// Footer lines after the signature, e.g. "（此件公开发布）".
	Notes []string
}

// Bundle is several documents bound into one PDF with a table of contents
// (an enforcement 案卷): a cover page, the 目录 with each part's first page,
// then the parts, page numbers running through.
type Bundle struct {
	Title string   // on the cover, e.g. "行政处罚案卷"
	Cover []string // cover lines, e.g. "案号：清市监罚〔2026〕12号"
	Parts []Document
}

// WriteDOCX writes d as a WordprocessingML document.
func WriteDOCX(w io.Writer, d Document) error { return writeDOCX(w, d) }

// WritePDF writes d as a PDF with the embedded CJK font.
func WritePDF(w io.Writer, d Document) error {
	fs, err := loadFaces()
	if err != nil {
		return err
	}
	l := newLayout(fs)
	l.document(d)
	for i, p := range l.pages {
		p.Number = i + 1
	}
	return render(w, l, oneLine(d.Title))
}

// WriteBundlePDF writes b as one PDF with a table of contents.
func WriteBundlePDF(w io.Writer, b Bundle) error { return writeBundle(w, b) }

// Conformance lists, in Chinese, what the output follows of GB/T 9704 and
// where it departs (shown next to every export button).
func Conformance() []string { return append([]string(nil), conformance...) }
