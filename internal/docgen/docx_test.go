package docgen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestGeometry(t *testing.T) {
	g := docxGeometry()
	checks := []struct {
		name      string
		got, want int
	}{
		{"page width", g.PageW, 11906},
		{"page height", g.PageH, 16838},
		{"top (天头 37 mm)", g.Top, 2098},
		{"left (订口 28 mm)", g.Left, 1587},
		{"block width 156 mm", g.BlockW, 8844},
		{"block height 225 mm", g.BlockH, 12756},
		{"right", g.Right, 1475},
		{"bottom", g.Bottom, 1984},
		{"line pitch", g.LinePitch, 579},
		{"char pitch", g.CharPitch, 315},
		{"char spacing", g.CharSpacing, -5},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if g.Left+g.BlockW+g.Right != g.PageW || g.Top+g.BlockH+g.Bottom != g.PageH {
		t.Errorf("margins and block do not add up to the page: %+v", g)
	}
	if n := g.BlockH / g.LinePitch; n != linesPerPage {
		t.Errorf("%d lines fit the block, want 22", n)
	}
	if n := g.BlockW / (int(bodyPt*20) + g.CharSpacing); n != charsPerLine {
		t.Errorf("%d characters fit a line, want 28", n)
	}
	p := pdfGeometry()
	if d := p.BlockW/p.CharPitch - 28; d*d > 1e-12 {
		t.Errorf("PDF char pitch %.3f does not divide the block into 28", p.CharPitch)
	}
	if d := p.LinePitch*22 - p.BlockH; d*d > 1e-12 {
		t.Errorf("PDF line pitch %.3f does not divide the block into 22", p.LinePitch)
	}
}

// docxParts unzips a DOCX into its parts.
func docxParts(t *testing.T, d Document) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// xmlText checks that part is well-formed XML and returns the text of its
// w:t elements, paragraphs separated by newlines.
func xmlText(t *testing.T, name, part string) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(part))
	var b strings.Builder
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inT = tok.Name.Local == "t"
		case xml.EndElement:
			inT = false
			if tok.Name.Local == "p" {
				b.WriteString("\n")
			}
		case xml.CharData:
			if inT {
				b.Write(tok)
			}
		}
	}
}

func TestDOCXStructure(t *testing.T) {
	parts := docxParts(t, sampleReport())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml", "docProps/core.xml"} {
		if _, ok := parts[name]; !ok {
			t.Fatalf("part %s missing", name)
		}
		xmlText(t, name, parts[name])
	}
	doc := parts["word/document.xml"]
	text := xmlText(t, "document.xml", doc)
	for _, want := range []string{"清政报〔2026〕3号", "清溪县人民政府", "关于2025年度法治政府建设情况的报告", "一、主要举措和成效",
		"（一）深化“放管服”改革", "4521户", "罚没金额（万元）", "517.5", "2026年3月1日", "（此件公开发布）"} {
		if !strings.Contains(text, want) {
			t.Errorf("document text lacks %q", want)
		}
	}
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`<w:pgMar w:top="2098" w:right="1475" w:bottom="1984" w:left="1587"`,
		`<w:docGrid w:type="lines" w:linePitch="579"/>`,
		`<w:footerReference w:type="default" r:id="rIdFooterOdd"/>`,
		`<w:footerReference w:type="even" r:id="rIdFooterEven"/>`,
		`<w:pStyle w:val="GWHeading1"/>`, `<w:pStyle w:val="GWHeading2"/>`, `<w:pStyle w:val="GWHeading3"/>`,
		`<w:tblHeader/>`, `<w:b/>`,
		`<w:ind w:rightChars="400" w:right="1260"`, // 成文日期 右空四字
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["word/settings.xml"], "<w:evenAndOddHeaders/>") {
		t.Error("settings.xml does not turn on even and odd footers")
	}
	odd, even := parts["word/footer1.xml"], parts["word/footer2.xml"]
	for name, f := range map[string]string{"odd": odd, "even": even} {
		if !strings.Contains(f, "> PAGE <") || !strings.Contains(f, ">— <") || !strings.Contains(f, "> —<") {
			t.Errorf("%s footer is not a PAGE field between 一字线: %s", name, f)
		}
	}
	if !strings.Contains(odd, `<w:jc w:val="right"/>`) || !strings.Contains(even, `<w:jc w:val="left"/>`) {
		t.Error("odd page numbers must sit right and even ones left")
	}
	styles := parts["word/styles.xml"]
	for _, want := range []string{
		`w:eastAsia="仿宋_GB2312"`, `w:eastAsia="方正小标宋简体"`, `w:eastAsia="黑体"`, `w:eastAsia="楷体_GB2312"`,
		`<w:sz w:val="44"/>`, `<w:sz w:val="32"/>`, `<w:sz w:val="28"/>`,
		`<w:spacing w:val="-5"/>`, `w:line="579" w:lineRule="exact"`, `w:firstLineChars="200"`,
	} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	fonts := parts["word/fontTable.xml"]
	for _, want := range []string{`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`,
		`<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>`, `<w:font w:name="仿宋"><w:altName w:val="FangSong"/>`} {
		if !strings.Contains(fonts, want) {
			t.Errorf("fontTable.xml lacks %s", want)
		}
	}
}

func TestDOCXEscaping(t *testing.T) {
	nasty := "A&B <c> \"q\" 'x' ]]> \x01\x0b\x1f\x7f end \xff"
	d := Document{
		Title:  nasty,
		Issuer: "<机关>",
		Blocks: []Block{
			Para{Text: nasty},
			Heading{Level: 1, Text: "一、&amp;"},
			Table{Header: []string{"<h>"}, Rows: [][]string{{"a&b"}}},
			Para{Text: "第一行\n第二行\t制表"},
		},
	}
	parts := docxParts(t, d)
	text := xmlText(t, "document.xml", parts["word/document.xml"])
	want := "A&B <c> \"q\" 'x' ]]>  end \uFFFD"
	if !strings.Contains(text, want) {
		t.Errorf("escaped text came back as %q, want it to contain %q", text, want)
	}
	for _, w := range []string{"一、&amp;", "<h>", "a&b", "<机关>"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	if !strings.Contains(parts["word/document.xml"], "第一行</w:t><w:br/><w:t xml:space=\"preserve\">第二行</w:t><w:tab/>") {
		t.Error("newline and tab are not a line break and a tab")
	}
	xmlText(t, "core.xml", parts["docProps/core.xml"])
}

func TestEsc(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"公文", "公文"},
		{`<a href="x">&'`, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"},
		{"a\x00b\x08c\x1bd", "abcd"},
		{"tab\tnl\n", "tab\tnl\n"},
		{"bad\xc3(", "bad\uFFFD("},
		{"\uFFFE\uFFFF", ""},
	}
	for _, tt := range tests {
		if got := esc(tt.in); got != tt.want {
			t.Errorf("esc(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
