package plan

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// buildDOCX zips the given parts into a minimal .docx.
func buildDOCX(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func para(runs string) string { return "<w:p>" + runs + "</w:p>" }
func run(text string) string  { return `<w:r><w:t xml:space="preserve">` + text + "</w:t></w:r>" }

// numbered is a paragraph numbered by Word (list 1, level 0), not by typing.
func numbered(text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>` + run(text) + "</w:p>"
}

const testNumbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + wordNS + `>
<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>`

func testDOCX(t *testing.T) []byte {
	body := para(run("某县法治政府建设实施方案")) +
		`<w:tbl><w:tr><w:tc>` + para(run("发文单位")) + `</w:tc><w:tc>` + para(run("某县人民政府")) + `</w:tc></w:tr></w:tbl>` +
		para(run("一、主要任务")) +
		para(run("（一）推进严格执法。")+run("加强监督，")+
			`<w:del><w:r><w:delText>已删除</w:delText></w:r></w:del>`+
			run("2023年6月底前完成。（责任单位：县司法局、县公安局）")) +
		numbered("推进政务公开。完善公开制度。（牵头单位：县政府办公室；配合单位：县数据局）") +
		numbered("推进诚信建设。每季度通报。（责任单位：县发展改革局）") +
		para(`<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙。</w:t></w:r>`)
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`
	return buildDOCX(t, map[string]string{
		"[Content_Types].xml":  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":    doc,
		"word/numbering.xml":   testNumbering,
		"docProps/app.xml":     `<Properties/>`,
		"word/_rels/doc.rels":  `<Relationships/>`,
		"word/styles.xml":      `<w:styles ` + wordNS + `/>`,
		"word/fontTable.xml":   `<w:fonts ` + wordNS + `/>`,
		"word/settings.xml":    `<w:settings ` + wordNS + `/>`,
		"word/webSettings.xml": `<w:webSettings ` + wordNS + `/>`,
	})
}

func TestExtractDOCXText(t *testing.T) {
	data := testDOCX(t)
	text, err := ExtractDOCXText(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"某县法治政府建设实施方案",
		"发文单位",
		"某县人民政府",
		"一、主要任务",
		"（一）推进严格执法。加强监督，2023年6月底前完成。（责任单位：县司法局、县公安局）",
		"（二）推进政务公开。完善公开制度。（牵头单位：县政府办公室；配合单位：县数据局）",
		"（三）推进诚信建设。每季度通报。（责任单位：县发展改革局）",
		"甲\t乙",
		"丙。",
		"",
	}
	if got := strings.Split(text, "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("text:\n%q\nwant\n%q", got, want)
	}
}

func TestParseDOCX(t *testing.T) {
	data := testDOCX(t)
	p, err := ParseBytes(data) // sniffed as .docx by content
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "某县法治政府建设实施方案" || len(p.Tasks) != 3 {
		t.Fatalf("title %q tasks %+v", p.Title, p.Tasks)
	}
	t2 := p.Tasks[1]
	if t2.No != 2 || t2.Title != "推进政务公开" || !reflect.DeepEqual(t2.Units, []string{"县政府办公室"}) || !reflect.DeepEqual(t2.CoUnits, []string{"县数据局"}) {
		t.Errorf("task 2: %+v", t2)
	}
	if d := p.Tasks[0].Deadlines; len(d) != 1 || d[0].Date != "2023-06-30" {
		t.Errorf("task 1 deadlines %+v", d)
	}
}

func TestDOCXErrors(t *testing.T) {
	notDocx := buildDOCX(t, map[string]string{"hello.txt": "hi"})
	if _, err := ParseBytes(notDocx); !errors.Is(err, ErrNotDOCX) {
		t.Errorf("zip without document.xml: %v", err)
	}
	if _, err := ParseBytes([]byte("PK\x03\x04garbage")); err == nil {
		t.Error("corrupt zip accepted")
	}
	broken := buildDOCX(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"})
	if _, err := ParseBytes(broken); err == nil || !strings.Contains(err.Error(), "document.xml") {
		t.Errorf("broken XML: %v", err)
	}
}

func TestChineseNumeral(t *testing.T) {
	cases := map[int]string{1: "一", 10: "十", 11: "十一", 20: "二十", 39: "三十九", 101: "一百零一", 110: "一百一十"}
	for n, want := range cases {
		if got := chineseNumeral(n); got != want {
			t.Errorf("chineseNumeral(%d) = %q", n, got)
		}
		if back, _ := parseChineseNumber(want); back != n {
			t.Errorf("round trip %d → %q → %d", n, want, back)
		}
	}
}
