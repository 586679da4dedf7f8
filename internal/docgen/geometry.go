package docgen

import "math"

// Page geometry of GB/T 9704-2012 §5.2 (A4) and §5.2.1 (版心), shared by both
// writers so the DOCX and the PDF break pages alike.
const (
	pageWmm  = 210.0
	pageHmm  = 297.0
	topMM    = 37.0  // 天头 §5.2.1
	leftMM   = 28.0  // 订口 §5.2.1
	blockWmm = 156.0 // 版心宽 §5.2.1
	blockHmm = 225.0 // 版心高 §5.2.1

	linesPerPage = 22 // §5.2.2: 一般每面排22行
	charsPerLine = 28 // §5.2.2: 每行排28个字

	bodyPt     = 16.0 // 3号 正文 §5.2.2
	titlePt    = 22.0 // 2号 标题 §7.3.2
	pageNumPt  = 14.0 // 4号 页码 §7.5
	tablePt    = 14.0 // 4号: tables keep several columns readable in 28 字
	pageNumGap = 7.0  // mm: 一字线上距版心下边缘7mm §7.5
)

const twipsPerMM = 1440 / 25.4
const ptPerMM = 72 / 25.4

// twipGeometry is the DOCX section geometry in twentieths of a point.
type twipGeometry struct {
	PageW, PageH             int
	Top, Right, Bottom, Left int
	BlockW, BlockH           int
	LinePitch                int // docGrid w:linePitch and the exact line height
	CharSpacing              int // w:spacing of body runs, in twentieths of a point
	CharPitch                int // one 字 in twips (the grid character width)
}

// docxGeometry computes the section so the text block is exactly 156×225 mm
// and 22 lines of 28 characters fit inside it (rounding down, never over).
//
// Word templates for GB/T 9704 usually get the 28 characters from a
// docGrid of type linesAndChars with a negative charSpace. LibreOffice 7.4
// lays such a grid out with each character taking about two cells (16 to
// the line instead of 28), so the DOCX uses a line grid and tightens the
// characters by CharSpacing instead, which Word, WPS and LibreOffice all
// honour.
func docxGeometry() twipGeometry {
	g := twipGeometry{
		PageW:  11906, // A4 as Word writes it
		PageH:  16838,
		Top:    int(math.Round(topMM * twipsPerMM)),
		Left:   int(math.Round(leftMM * twipsPerMM)),
		BlockW: int(math.Round(blockWmm * twipsPerMM)),
		BlockH: int(math.Round(blockHmm * twipsPerMM)),
	}
	g.Right = g.PageW - g.Left - g.BlockW
	g.Bottom = g.PageH - g.Top - g.BlockH
	g.LinePitch = g.BlockH / linesPerPage
	g.CharPitch = int(math.Floor(float64(g.BlockW) / charsPerLine))
	// 3号 characters are 320 twips wide; tighten them until 28 fit.
	g.CharSpacing = int(math.Floor(float64(g.CharPitch) - bodyPt*20))
	return g
}

// ptGeometry is the same page in PDF points, origin top left.
type ptGeometry struct {
	PageW, PageH   float64
	Left, Top      float64
	BlockW, BlockH float64
	LinePitch      float64 // height of one of the 22 lines
	CharPitch      float64 // width of one 字 of 3号 on the 28-character grid
}

func pdfGeometry() ptGeometry {
	return ptGeometry{
		PageW:     pageWmm * ptPerMM,
		PageH:     pageHmm * ptPerMM,
		Left:      leftMM * ptPerMM,
		Top:       topMM * ptPerMM,
		BlockW:    blockWmm * ptPerMM,
		BlockH:    blockHmm * ptPerMM,
		LinePitch: blockHmm * ptPerMM / linesPerPage,
		CharPitch: blockWmm * ptPerMM / charsPerLine,
	}
}

// Right and Bottom edges of the text block.
func (g ptGeometry) Right() float64  { return g.Left + g.BlockW }
func (g ptGeometry) Bottom() float64 { return g.Top + g.BlockH }
