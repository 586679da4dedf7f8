package plan

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrNotDOCX means a zip file has no word/document.xml.
var ErrNotDOCX = errors.New("plan: zip file is not a .docx document")

// errBadZip means a file that starts like a .docx is not a readable zip.
var errBadZip = errors.New("docx")

// maxDOCXPart caps the decompressed size of one XML part (zip bombs).
const maxDOCXPart = 64 << 20

// ParseDOCX parses a .docx plan.
func ParseDOCX(r io.ReaderAt, size int64) (ParsedPlan, error) {
	text, err := ExtractDOCXText(r, size)
	if err != nil {
		return ParsedPlan{}, err
	}
	return ParseText(text)
}

// ExtractDOCXText returns the text of a .docx file, one paragraph per line
// (table cells too), with Word's automatic list numbering written out so
// that "(一)" produced by a list style reads like typed numbering.
func ExtractDOCXText(r io.ReaderAt, size int64) (string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return "", fmt.Errorf("%w: %w", errBadZip, err)
	}
	var doc, numXML *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			doc = f
		case "word/numbering.xml":
			numXML = f
		}
	}
	if doc == nil {
		return "", ErrNotDOCX
	}
	var num *numbering
	if numXML != nil {
		if num, err = loadNumbering(numXML); err != nil {
			return "", err
		}
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("docx: open document.xml: %w", err)
	}
	defer rc.Close()
	return docxParagraphs(&limitedReader{r: rc, left: maxDOCXPart}, num)
}

// docxState tracks where the decoder is inside document.xml.
type docxState struct {
	out     strings.Builder
	paras   []*docxPara // open paragraphs (text boxes nest them)
	inText  bool
	inRun   int
	inNumPr bool
}

type docxPara struct {
	text        strings.Builder
	numID, ilvl string
}

func docxParagraphs(r io.Reader, num *numbering) (string, error) {
	dec := xml.NewDecoder(r)
	var st docxState
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("docx: document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			st.start(t)
		case xml.EndElement:
			st.end(t.Name.Local, num)
		case xml.CharData:
			if st.inText && len(st.paras) > 0 {
				st.paras[len(st.paras)-1].text.Write(t)
			}
		}
	}
	return st.out.String(), nil
}

func (st *docxState) start(t xml.StartElement) {
	var p *docxPara
	if len(st.paras) > 0 {
		p = st.paras[len(st.paras)-1]
	}
	switch t.Name.Local {
	case "p":
		st.paras = append(st.paras, &docxPara{})
	case "r":
		st.inRun++
	case "t":
		st.inText = true
	case "tab":
		if st.inRun > 0 && p != nil {
			p.text.WriteByte('\t')
		}
	case "br", "cr":
		if st.inRun > 0 && p != nil {
			p.text.WriteByte('\n')
		}
	case "numPr":
		st.inNumPr = true
	case "numId", "ilvl":
		if st.inNumPr && p != nil {
			if t.Name.Local == "numId" {
				p.numID = attr(t, "val")
			} else {
				p.ilvl = attr(t, "val")
			}
		}
	}
}

func (st *docxState) end(local string, num *numbering) {
	switch local {
	case "t":
		st.inText = false
	case "r":
		st.inRun--
	case "numPr":
		st.inNumPr = false
	case "p":
		if len(st.paras) == 0 {
			return
		}
		p := st.paras[len(st.paras)-1]
		st.paras = st.paras[:len(st.paras)-1]
		st.out.WriteString(num.label(p.numID, p.ilvl))
		st.out.WriteString(p.text.String())
		st.out.WriteByte('\n')
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// limitedReader fails instead of silently stopping at the limit.
type limitedReader struct {
	r    io.Reader
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errors.New("docx: XML part too large")
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}
