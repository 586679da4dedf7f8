package docgen

import "strings"

// Styles of the PDF. The embedded CJK face is a sans (黑体-like), so
// levels are told apart by weight: the title and level-1 and level-3
// headings get a second stroke, the others stay regular.
func (l *layout) bodyStyle() style {
	return style{Size: bodyPt, Pitch: l.g.CharPitch, Align: AlignJustify, FirstChars: 2}
}

func (l *layout) titleStyle() style {
	return style{Size: titlePt, Pitch: titlePt, Bold: true, Align: AlignCenter}
}

func (l *layout) centered() style {
	st := l.bodyStyle()
	st.Align, st.FirstChars = AlignCenter, 0
	return st
}

// headingStyle: level 1 (黑体) and level 3 (bold 仿宋) get the second
// stroke; level 2 (楷体) and level 4 (仿宋) are set like the body.
func (l *layout) headingStyle(level int) style {
	st := l.bodyStyle()
	st.Bold = level <= 1 || level == 3
	return st
}

// document lays d out from the top of a fresh page.
func (l *layout) document(d Document) {
	if d.DocNo != "" { // 发文字号 §7.2.4, then the title 空二行 below
		l.paragraph(styledText(nil, d.DocNo, false), l.centered())
		l.blank(2)
	}
	if d.Title != "" { // 标题 §7.3.1
		l.paragraph(styledText(nil, BalanceTitle(d.Title), false), l.titleStyle())
	}
	if d.Subtitle != "" {
		l.paragraph(styledText(nil, d.Subtitle, false), l.centered())
	}
	if d.Title != "" || d.Subtitle != "" {
		l.blank(1)
	}
	if d.Addressee != "" { // 主送机关 §7.3.2: 居左顶格
		st := l.bodyStyle()
		st.FirstChars = 0
		l.paragraph(styledText(nil, d.Addressee, false), st)
	}
	for _, b := range d.Blocks {
		l.block(b)
	}
	l.signature(d)
	for _, n := range d.Notes { // 附注 §7.3.6: 居左空二字
		l.paragraph(styledText(nil, n, false), l.bodyStyle())
	}
}

func (l *layout) block(b Block) {
	switch b := b.(type) {
	case Heading:
		st := l.headingStyle(b.Level)
		s := styledText(nil, b.Text, false)
		if n := len(l.wrapCount(s, st)); l.linesLeft() < n+1 && !l.atTop() {
			l.newPage() // keep a heading with the line after it
		}
		l.paragraph(s, st)
	case Para:
		st := l.bodyStyle()
		st.Align = b.Align
		if b.NoIndent || b.Align == AlignCenter || b.Align == AlignRight {
			st.FirstChars = 0
		}
		l.paragraph(styledText(b.Runs, b.Text, false), st)
	case Table:
		l.table(b)
	case PageBreak:
		if !l.atTop() {
			l.newPage()
		}
	}
}

func (l *layout) wrapCount(s styled, st style) []lineSpan {
	lines, _ := l.wrap(s, st, l.g.BlockW-st.LeftPt-st.RightPt)
	return lines
}

// signature places 发文机关署名 and 成文日期 as GB/T 9704 §7.3.5.1 lays out a
// sealed document: the date 右空四字, the issuer centred over the date, two
// empty lines above them leaving room for the seal.
func (l *layout) signature(d Document) {
	if d.Issuer == "" && d.Date == "" {
		return
	}
	m := l.metrics(bodyPt, l.g.CharPitch, false)
	cw := l.g.CharPitch
	dateRight := 4 * cw
	issuers := strings.Split(cleanText(d.Issuer), "\n")
	if d.Issuer == "" {
		issuers = nil
	}
	need := len(issuers)
	if d.Date != "" {
		need++
	}
	// two empty lines for the seal, fewer rather than leaving the 落款
	// alone on a new page (§7.3.5.4 asks to adjust spacing instead)
	switch gap := l.linesLeft() - need; {
	case gap >= 0:
		l.blank(min(gap, 2))
	case !l.atTop():
		l.newPage()
	}
	for _, is := range issuers {
		st := l.bodyStyle()
		st.Align, st.FirstChars = AlignRight, 0
		if d.Date != "" {
			st.RightPt = dateRight + (m.width(d.Date)-m.width(is))/2
		} else {
			st.RightPt = 2 * cw // §7.3.5.3: 右空二字
		}
		st.RightPt = max(st.RightPt, 0)
		l.paragraph(styledText(nil, is, false), st)
	}
	if d.Date != "" {
		st := l.bodyStyle()
		st.Align, st.FirstChars, st.RightPt = AlignRight, 0, dateRight
		l.paragraph(styledText(nil, d.Date, false), st)
	}
}
