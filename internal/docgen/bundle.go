package docgen

import (
	"io"
	"strconv"
	"strings"
)

// oneLine joins a multi-line title for the 目录, bookmarks and metadata.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(cleanText(s), "\n", " ")), "")
}

// partTitle names part i in the 目录.
func partTitle(d Document, i int) string {
	if t := oneLine(d.Title); t != "" {
		return t
	}
	return "第" + strconv.Itoa(i+1) + "部分"
}

// writeBundle lays every part out first, so the 目录 can give each part's
// first page, then binds cover, 目录 and parts. As in 文书档案 practice
// the cover and 目录 carry no page number; the parts are numbered from 1
// straight through.
func writeBundle(w io.Writer, b Bundle) error {
	fs, err := loadFaces()
	if err != nil {
		return err
	}
	parts := make([]*layout, len(b.Parts))
	starts := make([]int, len(b.Parts))
	next := 1
	for i, d := range b.Parts {
		parts[i] = newLayout(fs)
		parts[i].document(d)
		starts[i] = next
		next += len(parts[i].pages)
	}
	l := newLayout(fs)
	l.cover(b)
	if !l.atTop() || len(l.page().Texts) > 0 {
		// A cover that filled its page has already opened the next one.
		l.newPage()
	}
	l.page().Outline = "目录"
	l.toc(b, starts)
	for i, pl := range parts {
		for j, p := range pl.pages {
			p.Number = starts[i] + j
			if j == 0 {
				p.Outline = partTitle(b.Parts[i], i)
			}
			l.pages = append(l.pages, p)
		}
	}
	return render(w, l, oneLine(b.Title))
}

// cover sets the bundle title large in the upper third and the cover lines
// as a block centred under it.
func (l *layout) cover(b Bundle) {
	l.page().Outline = "封面"
	for i := 0; i < 4; i++ {
		l.nextLine()
	}
	st := l.titleStyle()
	st.Size, st.Pitch = 26, 26 // 一号
	l.paragraph(styledText(nil, b.Title, false), st)
	l.blank(4)
	m := l.metrics(bodyPt, l.g.CharPitch, false)
	widest := 0.0
	for _, c := range b.Cover {
		widest = max(widest, m.width(cleanText(c)))
	}
	st = l.bodyStyle()
	st.Align, st.FirstChars = AlignLeft, 0
	st.LeftPt = max(0, (l.g.BlockW-widest)/2)
	for _, c := range b.Cover {
		l.paragraph(styledText(nil, c, false), st)
		l.blank(1)
	}
}

// toc sets the 目录: one entry per part, dotted leaders to its first page.
func (l *layout) toc(b Bundle, starts []int) {
	l.paragraph(styledText(nil, "目　录", false), l.titleStyle())
	l.blank(1)
	st := l.bodyStyle()
	st.Align, st.FirstChars = AlignLeft, 0
	numW := 3 * l.g.CharPitch // room for the page number column
	st.RightPt = numW + 2*l.g.CharPitch
	latin := l.faces[fLatin]
	for i, d := range b.Parts {
		s := styledText(nil, strconv.Itoa(i+1)+"　"+partTitle(d, i), false)
		lines, ws := l.wrap(s, st, l.g.BlockW-st.RightPt)
		var base, end float64
		for j, ln := range lines {
			top := l.nextLine()
			base = top + l.g.LinePitch/2 + 0.36*st.Size
			l.setLine(s, ws, ln, st, l.g.Left, l.g.BlockW-st.RightPt, base, true)
			if j == len(lines)-1 {
				end = l.g.Left
				for k := ln.Start; k < ln.End; k++ {
					end += ws[k]
				}
			}
		}
		num := strconv.Itoa(starts[i])
		nw := 0.0
		for _, r := range num {
			nw += latin.adv(r) * bodyPt
		}
		p := l.page()
		p.Texts = append(p.Texts, textOp{X: l.g.Right() - nw, Y: base, S: num, Font: fLatin, Size: bodyPt})
		p.Rules = append(p.Rules, ruleOp{X1: end + 6, Y1: base - 1, X2: l.g.Right() - nw - 6, Y2: base - 1, Width: 1.2, Dotted: true})
	}
}
