package docgen

import "math"

// Tables are set in 4号 with their own line height; the grid resumes on the
// first whole grid line after the table.
const (
	tableLineH = tablePt * 1.5
	tablePadX  = 4.0 // pt, as the DOCX cell margins (80 twips)
	tablePadY  = 3.0
	ruleWidth  = 0.5
)

// tcell is one cell of a normalised table: its text and the columns
// [Col, Col+Span) it covers.
type tcell struct {
	Text      string
	Col, Span int
}

// tableShape normalises a Table: the column count, the rows as cells (the
// last cell of a short row spans the remaining columns, as forms such as
// the 立案审批表 need), and the column widths summing to total.
func tableShape(t Table, total float64) (rows [][]tcell, widths []float64, header bool) {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return nil, nil, false
	}
	shape := func(r []string) []tcell {
		if len(r) == 0 {
			r = []string{""}
		}
		out := make([]tcell, len(r))
		for i, c := range r {
			out[i] = tcell{Text: c, Col: i, Span: 1}
		}
		out[len(r)-1].Span = n - len(r) + 1
		return out
	}
	if header = len(t.Header) > 0; header {
		rows = append(rows, shape(t.Header))
	}
	for _, r := range t.Rows {
		rows = append(rows, shape(r))
	}
	return rows, columnWidths(t.Widths, n, total), header
}

// spanWidth is the width of the columns a cell covers.
func spanWidth(c tcell, widths []float64) float64 {
	w := 0.0
	for _, x := range widths[c.Col : c.Col+c.Span] {
		w += x
	}
	return w
}

// columnWidths scales relative widths to total; missing or non-positive
// entries take the mean of the valid ones (or an equal share).
func columnWidths(rel []float64, n int, total float64) []float64 {
	ws := make([]float64, n)
	sum, valid := 0.0, 0
	for i := 0; i < n && i < len(rel); i++ {
		if rel[i] > 0 && !math.IsInf(rel[i], 0) {
			ws[i] = rel[i]
			sum += rel[i]
			valid++
		}
	}
	fill := 1.0
	if valid > 0 {
		fill = sum / float64(valid)
	}
	sum = 0
	for i := range ws {
		if ws[i] == 0 {
			ws[i] = fill
		}
		sum += ws[i]
	}
	for i := range ws {
		ws[i] = ws[i] / sum * total
	}
	return ws
}

// isNumeric reports cells that are figures, which are centred.
func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '%' || r == '-' || r == ',' || r == '+') {
			return false
		}
	}
	return true
}

type tableCell struct {
	w     float64 // width in points
	s     styled
	ws    []float64
	lines []lineSpan
	st    style
}

func (l *layout) tableRow(cells []tcell, widths []float64, head bool) ([]tableCell, int) {
	out := make([]tableCell, len(cells))
	h := 1
	for i, c := range cells {
		st := style{Size: tablePt, Pitch: tablePt, Bold: head, Align: AlignLeft}
		if head || isNumeric(c.Text) {
			st.Align = AlignCenter
		}
		s := styledText(nil, c.Text, head)
		w := spanWidth(c, widths)
		lines, ws := l.wrap(s, st, w-2*tablePadX)
		out[i] = tableCell{w: w, s: s, ws: ws, lines: lines, st: st}
		h = max(h, len(lines))
	}
	return out, h
}

// table sets t with ruled cells, breaking between rows (or inside a row
// taller than a page) and repeating the header row on each new page.
func (l *layout) table(t Table) {
	rows, widths, header := tableShape(t, l.g.BlockW)
	if rows == nil {
		return
	}
	var head []tableCell
	headH := 0
	if header {
		head, headH = l.tableRow(rows[0], widths, true)
		rows = rows[1:]
		if l.g.Bottom()-l.y < float64(headH+1)*tableLineH+4*tablePadY && !l.atTop() {
			l.newPage() // no header alone at the foot of a page
		}
		l.drawRow(head, 0, headH, true, true)
	}
	for _, r := range rows {
		cells, h := l.tableRow(r, widths, false)
		for from := 0; from < h; {
			fit := int((l.g.Bottom() - l.y - 2*tablePadY) / tableLineH)
			if fit < h-from && (fit < 1 || h-from <= l.pageLines()) && !l.rowAtTop(header, headH) {
				l.newPage()
				if header {
					l.drawRow(head, 0, headH, true, true)
				}
				continue
			}
			to := min(h, from+max(fit, 1))
			l.drawRow(cells, from, to, from == 0, to == h)
			from = to
		}
	}
	l.y = l.g.Top + math.Ceil((l.y-l.g.Top)/l.g.LinePitch-1e-6)*l.g.LinePitch
}

// pageLines is how many table lines a whole page holds.
func (l *layout) pageLines() int { return int((l.g.BlockH - 2*tablePadY) / tableLineH) }

// rowAtTop reports whether the cursor is at the top of a page (after a
// repeated header), where breaking the page again would not help.
func (l *layout) rowAtTop(header bool, headH int) bool {
	top := l.g.Top
	if header {
		top += float64(headH)*tableLineH + 2*tablePadY
	}
	return l.y <= top+1e-6
}

// drawRow draws lines [from, to) of a row's cells at the cursor, with the
// cell rules; the top rule only on the row's first slice.
func (l *layout) drawRow(cells []tableCell, from, to int, first, last bool) {
	p := l.page()
	h := float64(to-from)*tableLineH + 2*tablePadY
	y0, x := l.y, l.g.Left
	rule := func(x1, y1, x2, y2 float64) {
		p.Rules = append(p.Rules, ruleOp{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: ruleWidth})
	}
	rule(l.g.Left, y0, l.g.Right(), y0)
	rule(l.g.Left, y0+h, l.g.Right(), y0+h)
	rule(l.g.Left, y0, l.g.Left, y0+h)
	for _, c := range cells {
		cw := c.w
		rule(x+cw, y0, x+cw, y0+h)
		n := min(to, len(c.lines)) - from
		if n > 0 {
			// centre the cell's lines vertically in the slice
			top := y0 + tablePadY
			if first && last {
				top += float64(to-from-len(c.lines)) * tableLineH / 2
			}
			for j := 0; j < n; j++ {
				ln := c.lines[from+j]
				base := top + float64(j)*tableLineH + tableLineH/2 + 0.36*tablePt
				lastLine := from+j == len(c.lines)-1 || endsHard(c.s.rs, ln.End)
				l.setLine(c.s, c.ws, ln, c.st, x+tablePadX, cw-2*tablePadX, base, lastLine)
			}
		}
		x += cw
	}
	l.y = y0 + h
}
