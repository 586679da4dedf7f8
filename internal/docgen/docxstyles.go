package docgen

import (
	"fmt"
	"strings"
)

// Fonts named in the DOCX. The GB/T 9704 faces come first; each has an
// altName that Word falls back to when the face is not installed, and the
// alternates are declared too so a chain (仿宋_GB2312 → 仿宋 → FangSong)
// is available to applications that follow it.
const (
	fontTitle = "方正小标宋简体"
	fontBody  = "仿宋_GB2312"
	fontHei   = "黑体"
	fontKai   = "楷体_GB2312"
	fontSong  = "宋体"
	fontLatin = "Times New Roman"
)

type fontDecl struct {
	name, alt, panose, charset, family, pitch string
}

var fontDecls = []fontDecl{
	{fontTitle, "宋体", "02000000000000000000", "86", "script", "variable"},
	{fontBody, "仿宋", "02010609030101010101", "86", "modern", "fixed"},
	{"仿宋", "FangSong", "02010609060101010101", "86", "modern", "fixed"},
	{fontKai, "楷体", "02010609030101010101", "86", "modern", "fixed"},
	{"楷体", "KaiTi", "02010609060101010101", "86", "modern", "fixed"},
	{fontHei, "SimHei", "02010609060101010101", "86", "modern", "fixed"},
	{fontSong, "SimSun", "02010600030101010101", "86", "auto", "variable"},
	{fontLatin, "", "02020603050405020304", "00", "roman", "variable"},
}

func fontTableXML() string {
	var b strings.Builder
	b.WriteString(xmlPI + `<w:fonts xmlns:w="` + nsW + `">`)
	for _, f := range fontDecls {
		b.WriteString(`<w:font w:name="` + esc(f.name) + `">`)
		if f.alt != "" {
			b.WriteString(`<w:altName w:val="` + esc(f.alt) + `"/>`)
		}
		fmt.Fprintf(&b, `<w:panose1 w:val="%s"/><w:charset w:val="%s"/><w:family w:val="%s"/><w:pitch w:val="%s"/></w:font>`,
			f.panose, f.charset, f.family, f.pitch)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

// rFonts sets the East Asian face and the one for digits and Latin text.
func rFonts(eastAsia, latin string) string {
	return fmt.Sprintf(`<w:rFonts w:ascii="%s" w:eastAsia="%s" w:hAnsi="%s" w:cs="%s"/>`, latin, eastAsia, latin, latin)
}

func sz(halfPoints int) string {
	return fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, halfPoints, halfPoints)
}

// indentFirst is the two-字 first-line indent of body text (§7.3.3), in
// characters for Word and in twips for applications that ignore *Chars.
func indentFirst(g twipGeometry) string {
	return fmt.Sprintf(`<w:ind w:firstLineChars="200" w:firstLine="%d"/>`, 2*g.CharPitch)
}

func paraStyle(id, name, pPr, rPr string) string {
	return `<w:style w:type="paragraph" w:customStyle="1" w:styleId="` + id + `"><w:name w:val="` + name + `"/>` +
		`<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>` + pPr + `</w:pPr><w:rPr>` + rPr + `</w:rPr></w:style>`
}

// stylesXML defines Normal as the body (3号 仿宋, exact line pitch of the
// 22-line grid, justified, no widow control so pages keep 22 lines) and
// one style per kind of paragraph.
func stylesXML(g twipGeometry) string {
	line := fmt.Sprintf(`<w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/>`, g.LinePitch)
	bodyR := rFonts(fontBody, fontLatin) + fmt.Sprintf(`<w:spacing w:val="%d"/>`, g.CharSpacing) +
		`<w:kern w:val="2"/>` + sz(32) + `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>`
	noGrid := `<w:snapToGrid w:val="0"/>`
	var b strings.Builder
	b.WriteString(xmlPI + `<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + bodyR + `</w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr>` + line + `<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:widowControl w:val="0"/>` + line + `<w:jc w:val="both"/></w:pPr><w:rPr>` + bodyR + `</w:rPr></w:style>`)
	b.WriteString(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">` +
		`<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
		`<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>` +
		`<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(paraStyle("GWBody", "公文正文", indentFirst(g), ""))
	b.WriteString(paraStyle("GWTitle", "公文标题", noGrid+`<w:jc w:val="center"/>`, rFonts(fontTitle, fontTitle)+sz(44)))
	b.WriteString(paraStyle("GWSubtitle", "公文副标题", `<w:jc w:val="center"/>`, rFonts(fontKai, fontKai)))
	b.WriteString(paraStyle("GWDocNo", "发文字号", `<w:jc w:val="center"/>`, ""))
	b.WriteString(paraStyle("GWAddressee", "主送机关", `<w:jc w:val="both"/>`, ""))
	heads := []struct{ font, extra string }{{fontHei, ""}, {fontKai, ""}, {fontBody, `<w:b/><w:bCs/>`}}
	for i, h := range heads {
		latin := h.font
		if i == 2 {
			latin = fontLatin
		}
		pPr := `<w:keepNext/>` + indentFirst(g) + fmt.Sprintf(`<w:outlineLvl w:val="%d"/>`, i)
		b.WriteString(paraStyle(fmt.Sprintf("GWHeading%d", i+1), []string{"一级标题", "二级标题", "三级标题"}[i], pPr, rFonts(h.font, latin)+h.extra))
	}
	b.WriteString(paraStyle("GWSignature", "落款", `<w:jc w:val="right"/>`, ""))
	b.WriteString(paraStyle("GWNote", "附注", indentFirst(g), ""))
	tableLine := fmt.Sprintf(`<w:spacing w:before="0" w:after="0" w:line="%d" w:lineRule="exact"/>`, int(tableLineH*20))
	b.WriteString(paraStyle("GWTableText", "表格文字", noGrid+tableLine+`<w:jc w:val="left"/>`, sz(28)))
	b.WriteString(paraStyle("GWTableHead", "表头", noGrid+tableLine+`<w:jc w:val="center"/>`, rFonts(fontHei, fontHei)+sz(28)))
	b.WriteString(paraStyle("GWPageNumber", "页码", noGrid+`<w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="exact"/>`,
		rFonts(fontSong, fontSong)+sz(28)))
	b.WriteString(`</w:styles>`)
	return b.String()
}
