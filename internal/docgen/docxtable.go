package docgen

import (
	"fmt"
	"math"
)

// table writes a ruled, fixed-layout table as wide as the text block; the
// header row repeats on every page, cells are centred vertically and
// figures horizontally, as in the PDF.
func (x *docxBody) table(t Table) {
	rows, widths, header := tableShape(t, float64(x.g.BlockW))
	if rows == nil {
		return
	}
	tw := twipWidths(widths, x.g.BlockW)
	if x.breakNext { // a table cannot start a page itself
		x.b.WriteString(`<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:line="20" w:lineRule="exact"/></w:pPr></w:p>`)
		x.breakNext = false
	}
	x.tableProps(tw)
	for i, r := range rows {
		head := header && i == 0
		x.b.WriteString(`<w:tr>`)
		if head {
			x.b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for _, c := range r {
			w := 0
			for _, cw := range tw[c.Col : c.Col+c.Span] {
				w += cw
			}
			fmt.Fprintf(&x.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
			if c.Span > 1 {
				fmt.Fprintf(&x.b, `<w:gridSpan w:val="%d"/>`, c.Span)
			}
			x.b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			style, jc := "GWTableText", ""
			if head {
				style = "GWTableHead"
			} else if isNumeric(c.Text) {
				jc = "center"
			}
			x.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>`)
			if jc != "" {
				x.b.WriteString(`<w:jc w:val="` + jc + `"/>`)
			}
			x.b.WriteString(`</w:pPr>`)
			if c.Text != "" {
				x.run(Run{Text: c.Text})
			}
			x.b.WriteString(`</w:p></w:tc>`)
		}
		x.b.WriteString(`</w:tr>`)
	}
	x.b.WriteString(`</w:tbl>`)
	x.lastTable = true
}

// tableProps writes tblPr (single 0.5 pt rules, fixed layout, the PDF's
// cell padding) and the column grid.
func (x *docxBody) tableProps(tw []int) {
	border := func(side string) string {
		return `<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`
	}
	fmt.Fprintf(&x.b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, x.g.BlockW)
	x.b.WriteString(`<w:tblBorders>` + border("top") + border("left") + border("bottom") + border("right") +
		border("insideH") + border("insideV") + `</w:tblBorders><w:tblLayout w:type="fixed"/>`)
	padX, padY := int(tablePadX*20), int(tablePadY*20)
	fmt.Fprintf(&x.b, `<w:tblCellMar><w:top w:w="%d" w:type="dxa"/><w:left w:w="%d" w:type="dxa"/>`+
		`<w:bottom w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar>`, padY, padX, padY, padX)
	x.b.WriteString(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range tw {
		fmt.Fprintf(&x.b, `<w:gridCol w:w="%d"/>`, w)
	}
	x.b.WriteString(`</w:tblGrid>`)
}

// twipWidths rounds column widths to whole twips summing exactly to total.
func twipWidths(ws []float64, total int) []int {
	out := make([]int, len(ws))
	sum := 0
	for i, w := range ws {
		out[i] = int(math.Round(w))
		sum += out[i]
	}
	out[len(out)-1] += total - sum
	return out
}
