package enforcement

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"fazhi/internal/xlsx"
)

// File formats and CSV encodings an import accepts. Chinese Excel saves
// "CSV (逗号分隔)" in GBK, which GB18030 decodes (it is a superset).
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"

	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncGB18030 = "gb18030"
)

// EncodingLabel names an encoding for people.
func EncodingLabel(enc string) string {
	switch enc {
	case EncUTF8:
		return "UTF-8"
	case EncUTF8BOM:
		return "UTF-8（带BOM）"
	case EncGB18030:
		return "GBK/GB18030"
	}
	return enc
}

// DetectFormat tells an XLSX workbook (a zip) from a CSV text; the old
// binary .xls format is refused with advice.
func DetectFormat(filename string, head []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(filename))
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormatXLSX, nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) || ext == ".xls":
		return "", invalid("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传")
	case ext == ".xlsx":
		return "", invalid("文件“%s”不是有效的 .xlsx 文件", filename)
	}
	return FormatCSV, nil
}

// detectEncoding decides a CSV's encoding from its first bytes: a UTF-8 BOM,
// else valid UTF-8, else GB18030.
func detectEncoding(head []byte) string {
	if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		return EncUTF8BOM
	}
	// The sample may end inside a character: drop up to three bytes.
	for cut := 0; cut <= 3 && cut <= len(head); cut++ {
		if utf8.Valid(head[:len(head)-cut]) {
			return EncUTF8
		}
	}
	return EncGB18030
}

// rowSource yields a table's rows with their number as the user sees it
// (row 1 is the file's first line or the sheet's first row).
type rowSource interface {
	next() (row int, cells []string, err error) // io.EOF at the end
}

type sliceRows struct {
	rows [][]string
	at   int
}

func (s *sliceRows) next() (int, []string, error) {
	if s.at >= len(s.rows) {
		return 0, nil, io.EOF
	}
	s.at++
	return s.at, s.rows[s.at-1], nil
}

type csvRows struct {
	r   *csv.Reader
	n   int
	enc string
}

func (c *csvRows) next() (int, []string, error) {
	rec, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) && !errors.Is(err, csv.ErrFieldCount) {
			return 0, nil, invalid("CSV 文件第%d行格式有误（引号不配对或多余）：请在 Excel 中重新另存为 CSV", pe.StartLine)
		}
		return 0, nil, err
	}
	c.n++
	if c.enc != EncGB18030 {
		for _, s := range rec {
			if !utf8.ValidString(s) {
				return c.n, nil, invalid("第%d行含有无法识别的字符：文件应为 UTF-8 或 GBK 编码", c.n)
			}
		}
	}
	return c.n, rec, nil
}

// openRows opens an uploaded file as rows: the first sheet of an XLSX, or
// a CSV in UTF-8 (with or without BOM) or GB18030.
func openRows(format string, r io.Reader) (rowSource, string, error) {
	if format == FormatXLSX {
		rows, err := xlsx.Read(r, "")
		if err != nil {
			return nil, "", invalid("%s", err.Error())
		}
		return &sliceRows{rows: rows}, "", nil
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64 << 10)
	enc := detectEncoding(head)
	var in io.Reader = br
	switch enc {
	case EncUTF8BOM:
		_, _ = br.Discard(3)
	case EncGB18030:
		in = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return &csvRows{r: cr, enc: enc}, enc, nil
}

// table reads the rows below a layout's header row by column key.
type table struct {
	src       rowSource
	cols      []importCol
	at        map[string]int // column key → cell index
	headerRow int
	headers   []string          // the template headers of the columns present, in layout order
	names     map[string]string // column key → the header as written in the file
	warnings  []string
	pending   [][]string // rows read while looking for the header
	pendingNo []int
}

// headerSearchRows is how far down a title or notes may push the header.
const headerSearchRows = 10

// openTable finds the header row among the first rows (the one naming the
// most known columns) and maps the columns; a missing required column is an
// error naming it.
func openTable(src rowSource, cols []importCol) (*table, []ImportIssue, error) {
	byName := map[string]string{}
	for _, c := range cols {
		byName[headerKey(c.header)] = c.key
		for _, a := range c.aliases {
			byName[headerKey(a)] = c.key
		}
	}
	t := &table{src: src, cols: cols}
	best, bestRow := 0, -1
	for i := 0; i < headerSearchRows; i++ {
		n, cells, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		cp := append([]string(nil), cells...)
		t.pending, t.pendingNo = append(t.pending, cp), append(t.pendingNo, n)
		hits := 0
		for _, h := range cp {
			if _, ok := byName[headerKey(h)]; ok {
				hits++
			}
		}
		if hits > best {
			best, bestRow = hits, len(t.pending)-1
		}
	}
	if best < 2 {
		return nil, []ImportIssue{{Row: 1, Msg: fmt.Sprintf("找不到表头：应有一行列名，如“%s”“%s”；请使用下载的模板",
			cols[0].header, cols[1].header)}}, nil
	}
	issues := t.mapHeader(bestRow, byName)
	t.pending, t.pendingNo = t.pending[bestRow+1:], t.pendingNo[bestRow+1:]
	return t, issues, nil
}

func (t *table) mapHeader(at int, byName map[string]string) []ImportIssue {
	t.headerRow = t.pendingNo[at]
	t.at, t.names = map[string]int{}, map[string]string{}
	var issues []ImportIssue
	seen := map[string]string{}
	for j, h := range t.pending[at] {
		if strings.TrimSpace(h) == "" {
			continue
		}
		key, ok := byName[headerKey(h)]
		if !ok {
			t.warnings = append(t.warnings, fmt.Sprintf("未识别的列“%s”已忽略", strings.TrimSpace(h)))
			continue
		}
		if prev, dup := seen[key]; dup {
			issues = append(issues, ImportIssue{Row: t.headerRow, Column: strings.TrimSpace(h),
				Msg: fmt.Sprintf("与“%s”列是同一项，请只保留一列", prev)})
			continue
		}
		seen[key] = strings.TrimSpace(h)
		t.at[key] = j
		t.names[key] = strings.TrimSpace(h)
	}
	for _, c := range t.cols {
		if _, ok := t.at[c.key]; ok {
			t.headers = append(t.headers, c.header)
		} else if c.required {
			issues = append(issues, ImportIssue{Row: t.headerRow, Column: c.header, Msg: "缺少必填的列"})
		}
	}
	return issues
}

// next returns the next row that is not blank.
func (t *table) next() (int, []string, error) {
	for {
		var n int
		var cells []string
		if len(t.pending) > 0 {
			n, cells = t.pendingNo[0], t.pending[0]
			t.pending, t.pendingNo = t.pending[1:], t.pendingNo[1:]
		} else {
			var err error
			if n, cells, err = t.src.next(); err != nil {
				return n, nil, err
			}
		}
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				return n, cells, nil
			}
		}
	}
}

// cell is a row's trimmed value of the column key ("" when absent).
func (t *table) cell(cells []string, key string) string {
	j, ok := t.at[key]
	if !ok || j >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[j])
}

// has reports whether the file has the column.
func (t *table) has(key string) bool { _, ok := t.at[key]; return ok }

// name is a column's header as the file writes it (the template's header
// when the file has no such column).
func (t *table) name(key string) string {
	if n, ok := t.names[key]; ok {
		return n
	}
	for _, c := range t.cols {
		if c.key == key {
			return c.header
		}
	}
	return key
}
