package docgen

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The PDF is laid out first into pages of positioned text and rules, then
// drawn; the bundle needs each part's page count before its 目录 is drawn.

// textOp is one piece of text on a page; (X, Y) is the baseline origin in
// points from the top left.
type textOp struct {
	X, Y float64
	S    string
	Font fontID
	Size float64
	Tc   float64 // extra space after each glyph (grid tracking + justification)
	Fake bool    // bold simulated by a second stroke (the CJK face has no bold)
}

// ruleOp is a straight line: table rules and 目录 leaders.
type ruleOp struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Dotted         bool
}

type pdfPage struct {
	Texts   []textOp
	Rules   []ruleOp
	Number  int    // printed page number; 0 prints none
	Outline string // bookmark starting at this page
}

// style is how a paragraph is set.
type style struct {
	Size       float64
	Pitch      float64 // advance of a full-width character
	Bold       bool
	Align      Align
	FirstChars float64 // first-line indent in 字
	RightPt    float64 // right indent in points
	LeftPt     float64 // left indent in points
}

// fakeBoldShift is the offset of the second stroke, as a share of the size.
const fakeBoldShift = 0.035

type layout struct {
	g     ptGeometry
	faces [3]*face
	pages []*pdfPage
	y     float64 // top of the next free space on the last page
}

func newLayout(fs [3]*face) *layout {
	l := &layout{g: pdfGeometry(), faces: fs}
	l.newPage()
	return l
}

func (l *layout) page() *pdfPage { return l.pages[len(l.pages)-1] }

func (l *layout) newPage() {
	l.pages = append(l.pages, &pdfPage{})
	l.y = l.g.Top
}

// atTop reports whether nothing has been placed on the current page.
func (l *layout) atTop() bool { return l.y <= l.g.Top+1e-6 }

// gridLine returns the index of the next free grid line on the page.
func (l *layout) gridLine() int {
	return int(math.Ceil((l.y-l.g.Top)/l.g.LinePitch - 1e-6))
}

// linesLeft is how many grid lines remain on the current page.
func (l *layout) linesLeft() int { return linesPerPage - l.gridLine() }

// nextLine reserves one grid line, starting a page when this one is full,
// and returns its top.
func (l *layout) nextLine() float64 {
	if l.linesLeft() <= 0 {
		l.newPage()
	}
	top := l.g.Top + float64(l.gridLine())*l.g.LinePitch
	l.y = top + l.g.LinePitch
	return top
}

// blank leaves n empty grid lines, none at the top of a page.
func (l *layout) blank(n int) {
	for i := 0; i < n && !l.atTop(); i++ {
		if l.linesLeft() <= 0 {
			l.newPage()
			return
		}
		l.nextLine()
	}
}

func (l *layout) metrics(size, pitch float64, bold bool) metrics {
	return metrics{faces: l.faces, size: size, pitch: pitch, bold: bold}
}

// styled is a paragraph's text with each rune's emphasis.
type styled struct {
	rs   []rune
	bold []bool
}

func styledText(runs []Run, text string, bold bool) styled {
	if runs == nil {
		runs = []Run{{Text: text}}
	}
	var s styled
	for _, r := range runs {
		for _, c := range cleanText(r.Text) {
			s.rs = append(s.rs, c)
			s.bold = append(s.bold, bold || r.Bold)
		}
	}
	return s
}

// cleanText keeps "\n", turns tabs into spaces and drops other control
// characters and invalid UTF-8, which neither writer can show.
func cleanText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError || r == '\r' }) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("  ")
		case r == utf8.RuneError, unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wrap breaks st into lines of the given width.
// A bold style makes every rune bold.
func (l *layout) wrap(s styled, st style, width float64) ([]lineSpan, []float64) {
	if st.Bold {
		for i := range s.bold {
			s.bold[i] = true
		}
	}
	ws := make([]float64, len(s.rs))
	for i, r := range s.rs {
		ws[i] = l.metrics(st.Size, st.Pitch, s.bold[i]).adv(r)
	}
	first := width - st.FirstChars*st.Pitch
	return breakLines(s.rs, ws, first, width), ws
}

// paragraph sets text on the grid, one grid line per output line.
func (l *layout) paragraph(s styled, st style) {
	width := l.g.BlockW - st.LeftPt - st.RightPt
	lines, ws := l.wrap(s, st, width)
	for i, ln := range lines {
		top := l.nextLine()
		x0 := l.g.Left + st.LeftPt
		avail := width
		if i == 0 {
			x0 += st.FirstChars * st.Pitch
			avail -= st.FirstChars * st.Pitch
		}
		last := i == len(lines)-1 || endsHard(s.rs, ln.End)
		base := top + l.g.LinePitch/2 + 0.36*st.Size
		l.setLine(s, ws, ln, st, x0, avail, base, last)
	}
}

// endsHard reports whether the line ending at end was ended by "\n".
func endsHard(rs []rune, end int) bool {
	for end < len(rs) && rs[end] == ' ' {
		end++
	}
	return end >= len(rs) || rs[end] == '\n'
}

// setLine places one line's glyphs at baseline y between x0 and x0+avail.
func (l *layout) setLine(s styled, ws []float64, ln lineSpan, st style, x0, avail, y float64, last bool) {
	natural := 0.0
	for i := ln.Start; i < ln.End; i++ {
		natural += ws[i]
	}
	n := ln.End - ln.Start
	extra, x := 0.0, x0
	align := st.Align
	if align == AlignJustify && last {
		align = AlignLeft
	}
	switch align {
	case AlignJustify:
		if n > 1 && natural < avail {
			extra = (avail - natural) / float64(n-1)
			if extra > st.Pitch {
				extra = 0
			}
		}
	case AlignCenter:
		x += (avail - natural) / 2
	case AlignRight:
		x += avail - natural
	}
	l.emitGlyphs(s, ws, ln, st, x, y, extra)
}

// emitGlyphs turns a line into text ops: one per stretch of the same face
// and emphasis, so justification and grid tracking go into Tc.
func (l *layout) emitGlyphs(s styled, ws []float64, ln lineSpan, st style, x, y, extra float64) {
	p := l.page()
	var cur *textOp
	var sb strings.Builder
	flush := func() {
		if cur != nil {
			cur.S = sb.String()
			p.Texts = append(p.Texts, *cur)
			cur = nil
			sb.Reset()
		}
	}
	for i := ln.Start; i < ln.End; i++ {
		m := l.metrics(st.Size, st.Pitch, s.bold[i])
		kind, r := m.kind(s.rs[i])
		full := kind == kindCJK && ws[i] == st.Pitch
		font, tc := fCJK, extra
		switch {
		case kind == kindWide:
			flush()
			l.wideGlyph(m, r, x, y, s.bold[i])
			x += ws[i] + extra
			continue
		case kind == kindLatin && s.bold[i]:
			font = fLatinBold
		case kind == kindLatin:
			font = fLatin
		case full:
			tc = st.Pitch - st.Size + extra
		}
		fake := kind == kindCJK && s.bold[i]
		if cur == nil || cur.Font != font || cur.Fake != fake || cur.Tc != tc {
			flush()
			cur = &textOp{X: x, Y: y, Font: font, Size: st.Size, Tc: tc, Fake: fake}
		}
		sb.WriteRune(r)
		x += ws[i] + extra
	}
	flush()
}

// wideGlyph sets a Latin-face mark in a full-width cell.
func (l *layout) wideGlyph(m metrics, r rune, x, y float64, bold bool) {
	gw := m.latin().adv(r) * m.size
	switch {
	case strings.ContainsRune(wideOpen, r):
		x += m.pitch - gw
	case strings.ContainsRune(wideCenter, r):
		x += (m.pitch - gw) / 2
	}
	font := fLatin
	if bold {
		font = fLatinBold
	}
	dy := 0.0
	if r == '…' || r == '·' || r == '•' { // Chinese sets these at mid-height
		dy = -0.3 * m.size
	}
	l.page().Texts = append(l.page().Texts, textOp{X: x, Y: y + dy, S: string(r), Font: font, Size: m.size})
}
