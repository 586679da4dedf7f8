package docgen

import (
	"fmt"
	"io"
	"strconv"

	"github.com/signintech/gopdf"
)

// pageNumberText is the 页码 of GB/T 9704 §7.5: Arabic digits between two
// 一字线, separated by half-width spaces.
func pageNumberText(n int) string { return "— " + strconv.Itoa(n) + " —" }

// pageNumberOp places the number 7 mm below the text block (measured to
// the 一字线), odd pages at the right and even pages at the left, each
// with one 字 of space to the block's edge.
func (l *layout) pageNumberOp(n int) textOp {
	s := pageNumberText(n)
	w := 0.0
	for _, r := range s {
		w += l.faces[fLatin].adv(r) * pageNumPt
	}
	x := l.g.Left + l.g.CharPitch
	if n%2 == 1 {
		x = l.g.Right() - l.g.CharPitch - w
	}
	dashRise := 0.27 * pageNumPt // top of the em dash above the baseline
	y := l.g.Bottom() + pageNumGap*ptPerMM + dashRise
	return textOp{X: x, Y: y, S: s, Font: fLatin, Size: pageNumPt}
}

// render draws laid-out pages into a PDF.
func render(w io.Writer, l *layout, title string) error {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: gopdf.Rect{W: l.g.PageW, H: l.g.PageH}, Unit: gopdf.UnitPT})
	for i, data := range [][]byte{ttfCJK, ttfLatin, ttfLatinBold} {
		if err := pdf.AddTTFFontData(fontID(i).family(), data); err != nil {
			return fmt.Errorf("docgen: embed font %s: %w", fontID(i).family(), err)
		}
	}
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "fazhi", Producer: "fazhi docgen (gopdf)"})
	for _, p := range l.pages {
		pdf.AddPage()
		if p.Outline != "" {
			pdf.AddOutline(p.Outline)
		}
		for _, r := range p.Rules {
			pdf.SetLineWidth(r.Width)
			if r.Dotted {
				pdf.SetCustomLineType([]float64{0.8, 2.4}, 0)
			} else {
				pdf.SetLineType("")
			}
			pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
		}
		if len(p.Rules) == 0 && len(p.Texts) == 0 && p.Number == 0 {
			// gopdf writes a page without drawing as "/Contents" with no
			// stream, which readers reject; an invisible rule gives it one.
			pdf.SetLineWidth(0)
			pdf.Line(0, 0, 0, 0)
		}
		texts := p.Texts
		if p.Number > 0 {
			texts = append(texts[:len(texts):len(texts)], l.pageNumberOp(p.Number))
		}
		for _, t := range texts {
			if err := drawText(pdf, t); err != nil {
				return err
			}
		}
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("docgen: write pdf: %w", err)
	}
	return nil
}

// fakeBoldSizeNudge sets simulated-bold text a thousandth of a point
// larger: text extractors (poppler) start a new word at a size change and
// then drop the overlapping second stroke as a duplicate word, so copied
// or extracted text has each bold character once.
const fakeBoldSizeNudge = 0.001

func drawText(pdf *gopdf.GoPdf, t textOp) error {
	if t.Fake {
		t.Size += fakeBoldSizeNudge
		t.Tc -= fakeBoldSizeNudge
	}
	if err := pdf.SetFont(t.Font.family(), "", t.Size); err != nil {
		return fmt.Errorf("docgen: set font: %w", err)
	}
	if err := pdf.SetCharSpacing(t.Tc); err != nil {
		return fmt.Errorf("docgen: char spacing: %w", err)
	}
	pdf.SetXY(t.X, t.Y)
	if err := pdf.Text(t.S); err != nil {
		return fmt.Errorf("docgen: draw text: %w", err)
	}
	if t.Fake {
		pdf.SetXY(t.X+t.Size*fakeBoldShift, t.Y)
		if err := pdf.Text(t.S); err != nil {
			return fmt.Errorf("docgen: draw text: %w", err)
		}
	}
	return nil
}
