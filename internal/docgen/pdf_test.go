package docgen

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// squash drops the spaces and line breaks pdftotext puts between glyphs.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func writePDF(t *testing.T, d Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", buf.Bytes()[:min(buf.Len(), 16)])
	}
	return buf.Bytes()
}

func TestPDFText(t *testing.T) {
	pages := pdfPages(t, writePDF(t, sampleReport()))
	if len(pages) < 3 {
		t.Fatalf("sample report has %d pages, want at least 3", len(pages))
	}
	all := squash(strings.Join(pages, ""))
	for _, want := range []string{"清政报〔2026〕3号", "清溪县人民政府", "关于2025年度法治政府建设情况的报告", "市委、市政府：",
		"一、主要举措和成效", "（一）深化“放管服”改革，持续优化法治化营商环境", "全年新增市场主体4521户，同比增长12.3%",
		"1.健全法律顾问制度", "四、2026年工作安排", "事项18760件，按时办结率100%", "罚没金额", "517.5", "2026年3月1日", "（此件公开发布）"} {
		if !strings.Contains(all, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	// bold is a second stroke; the text must still come out once
	if n := strings.Count(all, "一、主要举措和成效"); n != 1 {
		t.Errorf("bold heading extracted %d times", n)
	}
	for i, p := range pages {
		if !strings.Contains(squash(p), squash(pageNumberText(i+1))) {
			t.Errorf("page %d lacks its number %q", i+1, pageNumberText(i+1))
		}
	}
}

// TestPDFGrid checks the layout against the geometry: nothing outside the
// text block, at most 22 lines per page, 28 characters to a full line.
func TestPDFGrid(t *testing.T) {
	fs, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	l := newLayout(fs)
	l.document(Document{Blocks: []Block{
		Para{Text: strings.Repeat("法", 56), NoIndent: true},
		Para{Text: strings.Repeat("治", 80)},
	}})
	var lines []textOp
	for _, op := range l.pages[0].Texts {
		lines = append(lines, op)
	}
	if len(lines) != 5 {
		t.Fatalf("got %d text ops, want 5 lines (2 + 3)", len(lines))
	}
	m := l.metrics(bodyPt, l.g.CharPitch, false)
	for i, want := range []int{28, 28, 26, 28, 26} {
		if n := len([]rune(lines[i].S)); n != want {
			t.Errorf("line %d holds %d characters, want %d", i, n, want)
		}
		if w := m.width(lines[i].S); lines[i].X+w > l.g.Right()+1e-6 {
			t.Errorf("line %d ends at %.2f, beyond the block's right edge %.2f", i, lines[i].X+w, l.g.Right())
		}
	}
	if lines[2].X-l.g.Left < 2*l.g.CharPitch-1e-6 {
		t.Error("first line of an indented paragraph does not start two 字 in")
	}

	l = newLayout(fs)
	l.document(sampleReport())
	for pi, p := range l.pages {
		baselines := map[float64]bool{}
		for _, op := range p.Texts {
			if op.X < l.g.Left-1e-6 || op.Y < l.g.Top || op.Y > l.g.Bottom() {
				t.Errorf("page %d: text %q at (%.1f, %.1f) outside the block", pi+1, op.S, op.X, op.Y)
			}
			if op.Size == bodyPt {
				baselines[op.Y] = true
			}
		}
		if len(baselines) > linesPerPage {
			t.Errorf("page %d has %d lines of body text, more than 22", pi+1, len(baselines))
		}
	}
}

func TestPDFGlyphCoverage(t *testing.T) {
	fs, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	m := metrics{faces: fs, size: bodyPt, pitch: 15.8}
	tests := []struct {
		r    rune
		kind glyphKind
	}{
		{'法', kindCJK}, {'，', kindCJK}, {'〔', kindCJK}, {'A', kindLatin}, {'7', kindLatin},
		{'%', kindLatin}, {'“', kindWide}, {'—', kindWide}, {'…', kindWide},
	}
	for _, tt := range tests {
		if k, _ := m.kind(tt.r); k != tt.kind {
			t.Errorf("kind(%q) = %d, want %d", tt.r, k, tt.kind)
		}
	}
	if k, r := m.kind('\U000F0000'); k != kindWide || r != '□' || !fs[fLatin].has('□') {
		t.Error("a rune no face has should come out as a full-width □")
	}
}

var tocLine = regexp.MustCompile(`^\s*(\d+)\s+(\S+?)\s+(\d+)\s*$`)

// TestBundlePDF checks the 目录 against the pages: each part starts where
// the 目录 says, page numbers run through the parts, cover and 目录 bear none.
func TestBundlePDF(t *testing.T) {
	b := sampleBundle()
	var buf bytes.Buffer
	if err := WriteBundlePDF(&buf, b); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, buf.Bytes())
	if len(pages) < 2+len(b.Parts) {
		t.Fatalf("bundle has %d pages", len(pages))
	}
	if !strings.Contains(squash(pages[0]), "行政处罚案卷") || !strings.Contains(squash(pages[0]), "案号：清市监罚〔2026〕12号") {
		t.Errorf("cover lacks the title or case number: %q", pages[0])
	}
	if !strings.Contains(squash(pages[1]), "目录") {
		t.Fatalf("page 2 is not the 目录: %q", pages[1])
	}
	starts := map[string]int{}
	for _, line := range strings.Split(pages[1], "\n") {
		if m := tocLine.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[3])
			starts[m[2]] = n
		}
	}
	if len(starts) != len(b.Parts) {
		t.Fatalf("目录 lists %v, want %d parts", starts, len(b.Parts))
	}
	const front = 2 // cover and one 目录 page, unnumbered
	for i, part := range b.Parts {
		title := partTitle(part, i)
		n, ok := starts[title]
		if !ok {
			t.Fatalf("目录 lacks %q", title)
		}
		p := pages[front+n-1]
		if !strings.Contains(squash(p), title) {
			t.Errorf("目录 says %q starts on page %d, but that page reads %q", title, n, p)
		}
	}
	for i, p := range pages {
		num := regexp.MustCompile(`—\s*(\d+)\s*—`).FindStringSubmatch(p)
		switch {
		case i < front && num != nil:
			t.Errorf("page %d (cover or 目录) carries number %s", i+1, num[1])
		case i >= front && (num == nil || num[1] != strconv.Itoa(i-front+1)):
			t.Errorf("page %d carries %v, want %d", i+1, num, i-front+1)
		}
	}
}

func TestBundleManyParts(t *testing.T) {
	var b Bundle
	b.Title = "案卷"
	for i := 0; i < 30; i++ { // more entries than one 目录 page holds
		b.Parts = append(b.Parts, Document{Title: "文书" + strconv.Itoa(i+1), Blocks: []Block{Para{Text: "内容"}}})
	}
	fs, _ := loadFaces()
	l := newLayout(fs)
	l.toc(b, make([]int, 30))
	if len(l.pages) != 2 {
		t.Errorf("30 entries took %d 目录 pages, want 2", len(l.pages))
	}
	var buf bytes.Buffer
	if err := WriteBundlePDF(&buf, b); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, buf.Bytes())
	if len(pages) != 1+2+30 {
		t.Fatalf("got %d pages, want cover + 2 目录 + 30 parts", len(pages))
	}
	if last := pages[len(pages)-1]; !strings.Contains(last, "文书30") || !strings.Contains(last, "— 30 —") {
		t.Errorf("last page = %q", last)
	}
}

func TestPDFEdgeCases(t *testing.T) {
	docs := map[string]Document{
		"empty":       {},
		"controls":    {Title: "a\x00b\x1f", Blocks: []Block{Para{Text: "\xff\xfe坏字节\r\n换行"}}},
		"only breaks": {Blocks: []Block{PageBreak{}, PageBreak{}}},
		"wide table": {Blocks: []Block{Table{Widths: []float64{1, -1, 0}, Rows: [][]string{
			{strings.Repeat("长", 400), "x"}, {}, {"a", "b", "c", "d"}}}}},
		"long word": {Blocks: []Block{Para{Text: strings.Repeat("https://example.invalid/", 20)}}},
	}
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			writePDF(t, d)
			var buf bytes.Buffer
			if err := WriteDOCX(&buf, d); err != nil {
				t.Fatal(err)
			}
		})
	}
	if err := WriteBundlePDF(&bytes.Buffer{}, Bundle{}); err != nil {
		t.Errorf("empty bundle: %v", err)
	}
}

// BenchmarkWritePDF20Pages measures a 20-page document.
func BenchmarkWritePDF20Pages(b *testing.B) {
	d := sampleReport()
	body := d.Blocks
	for len(d.Blocks) < 5*len(body) {
		d.Blocks = append(d.Blocks, body...)
	}
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

func TestConformance(t *testing.T) {
	c := Conformance()
	all := strings.Join(c, "\n")
	for _, want := range []string{"A4", "156 mm × 225 mm", "22 行", "28 个字", "2号小标宋", "3号仿宋", "黑体", "楷体",
		"页码", "一字线", "右空四字", "PDF 偏离", "DOCX 偏离", "目录"} {
		if !strings.Contains(all, want) {
			t.Errorf("Conformance() does not mention %q", want)
		}
	}
	c[0] = "changed"
	if Conformance()[0] == "changed" {
		t.Error("Conformance() hands out its own slice")
	}
}
