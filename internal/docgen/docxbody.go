package docgen

import (
	"fmt"
	"math"
	"strings"
)

// docxBody accumulates document.xml's body.
type docxBody struct {
	b         strings.Builder
	g         twipGeometry
	breakNext bool // a PageBreak is pending for the next paragraph
	lastTable bool
}

// pOpts are the per-paragraph properties beyond the style.
type pOpts struct {
	ind string // a whole <w:ind/> overriding the style's
	jc  string
}

func documentXML(d Document, g twipGeometry) string {
	x := &docxBody{g: g}
	x.b.WriteString(xmlPI + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	if d.DocNo != "" {
		x.para("GWDocNo", pOpts{}, plain(d.DocNo))
		x.empty(2)
	}
	if d.Title != "" {
		x.para("GWTitle", pOpts{}, plain(BalanceTitle(d.Title)))
	}
	if d.Subtitle != "" {
		x.para("GWSubtitle", pOpts{}, plain(d.Subtitle))
	}
	if d.Title != "" || d.Subtitle != "" {
		x.empty(1)
	}
	if d.Addressee != "" {
		x.para("GWAddressee", pOpts{}, plain(d.Addressee))
	}
	for _, bl := range d.Blocks {
		x.block(bl)
	}
	x.signature(d)
	for _, n := range d.Notes {
		x.para("GWNote", pOpts{}, plain(n))
	}
	if x.lastTable || x.breakNext {
		x.para("", pOpts{}, nil) // the body must end with a paragraph
	}
	x.sectPr()
	x.b.WriteString(`</w:body></w:document>`)
	return x.b.String()
}

func plain(s string) []Run { return []Run{{Text: s}} }

func (x *docxBody) block(bl Block) {
	switch bl := bl.(type) {
	case Heading:
		style := fmt.Sprintf("GWHeading%d", max(bl.Level, 1))
		if bl.Level > 3 { // 第四层 is plain 仿宋 (§7.3.3)
			style = "GWBody"
		}
		x.para(style, pOpts{}, plain(bl.Text))
	case Para:
		runs := bl.Runs
		if runs == nil {
			runs = plain(bl.Text)
		}
		var o pOpts
		o.jc = map[Align]string{AlignLeft: "left", AlignCenter: "center", AlignRight: "right"}[bl.Align]
		if bl.NoIndent || bl.Align == AlignCenter || bl.Align == AlignRight {
			o.ind = `<w:ind w:firstLineChars="0" w:firstLine="0"/>`
		}
		x.para("GWBody", o, runs)
	case Table:
		x.table(bl)
	case PageBreak:
		x.breakNext = true
	}
}

// empty writes n empty lines of the grid.
func (x *docxBody) empty(n int) {
	for i := 0; i < n; i++ {
		x.para("", pOpts{}, nil)
	}
}

func (x *docxBody) para(style string, o pOpts, runs []Run) {
	x.b.WriteString(`<w:p><w:pPr>`)
	if style != "" {
		x.b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
	}
	if x.breakNext {
		x.b.WriteString(`<w:pageBreakBefore/>`)
		x.breakNext = false
	}
	x.b.WriteString(o.ind)
	if o.jc != "" {
		x.b.WriteString(`<w:jc w:val="` + o.jc + `"/>`)
	}
	x.b.WriteString(`</w:pPr>`)
	for _, r := range runs {
		x.run(r)
	}
	x.b.WriteString(`</w:p>`)
	x.lastTable = false
}

// run writes one run; "\n" becomes a line break and a tab a tab stop.
func (x *docxBody) run(r Run) {
	x.b.WriteString(`<w:r>`)
	if r.Bold {
		x.b.WriteString(`<w:rPr><w:b/><w:bCs/></w:rPr>`)
	}
	for i, line := range strings.Split(esc(r.Text), "\n") {
		if i > 0 {
			x.b.WriteString(`<w:br/>`)
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				x.b.WriteString(`<w:tab/>`)
			}
			if part != "" {
				x.b.WriteString(`<w:t xml:space="preserve">` + part + `</w:t>`)
			}
		}
	}
	x.b.WriteString(`</w:r>`)
}

// gridChars measures s in 字: half-width characters count one half.
func gridChars(s string) float64 {
	n := 0.0
	for _, r := range s {
		if r < 0x2000 {
			n += 0.5
		} else {
			n++
		}
	}
	return n
}

// rightIndent is a <w:ind/> leaving chars 字 at the right.
func (x *docxBody) rightIndent(chars float64) string {
	chars = max(chars, 0)
	return fmt.Sprintf(`<w:ind w:rightChars="%d" w:right="%d" w:firstLineChars="0" w:firstLine="0"/>`,
		int(math.Round(chars*100)), int(math.Round(chars*float64(x.g.CharPitch))))
}

// signature follows the PDF writer's layout (see layout.signature).
func (x *docxBody) signature(d Document) {
	if d.Issuer == "" && d.Date == "" {
		return
	}
	x.empty(2)
	if d.Issuer != "" {
		for _, is := range strings.Split(d.Issuer, "\n") {
			chars := 2.0
			if d.Date != "" {
				chars = 4 + (gridChars(d.Date)-gridChars(is))/2
			}
			x.para("GWSignature", pOpts{ind: x.rightIndent(chars)}, plain(is))
		}
	}
	if d.Date != "" {
		x.para("GWSignature", pOpts{ind: x.rightIndent(4)}, plain(d.Date))
	}
}

// footerDistance places the footer so the page number's 一字线 falls 7 mm
// below the text block (§7.5): from the page edge to the baseline, less
// the part of the exact 18 pt footer line below its baseline.
func (g twipGeometry) footerDistance() int {
	baseline := float64(g.Bottom) - pageNumGap*twipsPerMM - 0.27*pageNumPt*20
	return int(math.Round(baseline - 0.25*360))
}

func (x *docxBody) sectPr() {
	g := x.g
	fmt.Fprintf(&x.b, `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>`+
		`<w:footerReference w:type="even" r:id="rIdFooterEven"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/>`+
		`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`+
		`<w:pgNumType w:start="1"/><w:cols w:space="425"/>`+
		`<w:docGrid w:type="lines" w:linePitch="%d"/></w:sectPr>`,
		g.PageW, g.PageH, g.Top, g.Right, g.Bottom, g.Left, g.footerDistance(), g.LinePitch)
}
