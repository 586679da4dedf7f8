package attach

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
)

// Zip-based formats (OOXML, OFD) and OLE2 compound files (legacy Office)
// share their container magic with formats we refuse (plain zip, JAR, MSI),
// so they are told apart by the names of the entries inside.

func isZip(b []byte) bool { return bytes.HasPrefix(b, []byte("PK\x03\x04")) }

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func isOLE(b []byte) bool { return bytes.HasPrefix(b, oleMagic) }

// zipNames lists the entry names of a zip: from the central directory when r
// holds the whole archive, else from the local headers found in head.
func zipNames(head []byte, r io.ReaderAt, size int64) []string {
	if n, ok := zipEntryCount(r, size); ok && n <= maxZipEntries {
		zr, err := zip.NewReader(r, size)
		if zr != nil && (err == nil || errors.Is(err, zip.ErrInsecurePath)) {
			names := make([]string, 0, len(zr.File))
			for _, f := range zr.File {
				names = append(names, f.Name)
			}
			return names
		}
	}
	var names []string
	for i := 0; ; {
		j := bytes.Index(head[i:], []byte("PK\x03\x04"))
		if j < 0 {
			return names
		}
		i += j
		if i+30 > len(head) {
			return names
		}
		n := int(binary.LittleEndian.Uint16(head[i+26:]))
		if i+30+n <= len(head) {
			names = append(names, string(head[i+30:i+30+n]))
		}
		i += 4
	}
}

// maxZipEntries is far above what an Office document holds; a zip with more
// entries is not read whole (archive/zip would hold every entry in memory).
const maxZipEntries = 20000

// zipEntryCount reads the entry count from the end-of-central-directory
// record (which may be followed by a comment of up to 64 KiB). Zip64
// archives report ok false: no Office document needs one.
func zipEntryCount(r io.ReaderAt, size int64) (int, bool) {
	const eocdLen, maxComment = 22, 1<<16 - 1
	n := min(size, eocdLen+maxComment)
	if n < eocdLen {
		return 0, false
	}
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil {
		return 0, false
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || i+eocdLen > len(tail) {
		return 0, false
	}
	count := binary.LittleEndian.Uint16(tail[i+10:])
	return int(count), count != 0xFFFF
}

// classifyZip recognises OOXML (a [Content_Types].xml part and the
// word/, xl/ or ppt/ folder) and OFD (OFD.xml at the root, GB/T 33190).
func classifyZip(names []string) fileType {
	var contentTypes, word, xl, ppt, ofd, macros, odf bool
	for _, n := range names {
		switch {
		case n == "[Content_Types].xml":
			contentTypes = true
		case strings.EqualFold(n, "OFD.xml"):
			ofd = true
		case n == "mimetype":
			odf = true
		}
		word = word || strings.HasPrefix(n, "word/")
		xl = xl || strings.HasPrefix(n, "xl/")
		ppt = ppt || strings.HasPrefix(n, "ppt/")
		macros = macros || strings.HasSuffix(strings.ToLower(n), "vbaproject.bin")
	}
	switch {
	case contentTypes && macros && (word || xl || ppt):
		return refuse(macroLabel)
	case contentTypes && word:
		return accept(MimeDOCX, "Word 文档（DOCX）")
	case contentTypes && xl:
		return accept(MimeXLSX, "Excel 表格（XLSX）")
	case contentTypes && ppt:
		return accept(MimePPTX, "PowerPoint 演示文稿（PPTX）")
	case ofd:
		return accept(MimeOFD, "OFD 版式文档")
	case odf:
		return refuse("OpenDocument 文档（请另存为 DOCX/XLSX/PDF 后上传）")
	}
	return refuse("ZIP 压缩包")
}

const macroLabel = "含宏的 Office 文档（请另存为不含宏的格式后上传）"

// classifyOLE recognises Word, Excel and PowerPoint 97–2003 files by their
// main stream; other compound files (MSI installers, Outlook messages …)
// are refused.
func classifyOLE(names []string) fileType {
	var word, excel, ppt, vba, encrypted bool
	for _, n := range names {
		switch n {
		case "EncryptedPackage":
			encrypted = true
		case "WordDocument":
			word = true
		case "Workbook", "Book":
			excel = true
		case "PowerPoint Document":
			ppt = true
		case "VBA", "_VBA_PROJECT_CUR", "_VBA_PROJECT":
			vba = true
		}
	}
	switch {
	case encrypted:
		// A password-protected DOCX/XLSX is an OLE2 wrapper around the
		// encrypted package: nothing inside can be checked.
		return refuse("加密的 Office 文档（请取消密码保护后上传）")
	case vba && (word || excel || ppt):
		return refuse(macroLabel)
	case word:
		return accept(MimeDOC, "Word 文档（DOC）")
	case excel:
		return accept(MimeXLS, "Excel 表格（XLS）")
	case ppt:
		return accept(MimePPT, "PowerPoint 演示文稿（PPT）")
	}
	return refuse("OLE 复合文档（不是 Word/Excel/PowerPoint 文件）")
}

// Compound File Binary format ([MS-CFB]) constants.
const (
	cfbMaxSector = 0xFFFFFFFA // sector numbers at or above are markers (end of chain, free …)
	cfbDirEntry  = 128
	// cfbMaxSectors bounds every chain walk, against loops in a crafted file.
	cfbMaxSectors = 1 << 16
)

// cfb reads the sector chains of a compound file.
type cfb struct {
	r       io.ReaderAt
	size    int64
	shift   uint
	fatSecs []uint32 // locations of the FAT sectors, from the DIFAT
}

func (c *cfb) sectorSize() int64 { return 1 << c.shift }

func (c *cfb) read(sector uint32, off int64, n int) ([]byte, error) {
	pos := (int64(sector)+1)<<c.shift + off
	if sector >= cfbMaxSector || pos+int64(n) > c.size {
		return nil, io.ErrUnexpectedEOF
	}
	b := make([]byte, n)
	_, err := c.r.ReadAt(b, pos)
	return b, err
}

// next returns the sector after s in its chain, from the FAT.
func (c *cfb) next(s uint32) (uint32, error) {
	per := uint32(c.sectorSize() / 4)
	k := int(s / per)
	if k >= len(c.fatSecs) {
		return 0, io.ErrUnexpectedEOF
	}
	b, err := c.read(c.fatSecs[k], int64(s%per)*4, 4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

// openCFB parses the header and the DIFAT (the list of FAT sectors).
func openCFB(r io.ReaderAt, size int64) (*cfb, error) {
	h := make([]byte, 512)
	if _, err := r.ReadAt(h, 0); err != nil {
		return nil, err
	}
	shift := uint(binary.LittleEndian.Uint16(h[0x1E:]))
	if shift != 9 && shift != 12 {
		return nil, errors.New("bad sector size")
	}
	c := &cfb{r: r, size: size, shift: shift}
	nFAT := int64(binary.LittleEndian.Uint32(h[0x2C:]))
	if nFAT > size>>shift+1 {
		return nil, errors.New("more FAT sectors than the file holds")
	}
	for i := 0; i < 109 && int64(len(c.fatSecs)) < nFAT; i++ {
		c.fatSecs = append(c.fatSecs, binary.LittleEndian.Uint32(h[0x4C+4*i:]))
	}
	per := int(c.sectorSize()/4) - 1
	for s, n := binary.LittleEndian.Uint32(h[0x44:]), 0; int64(len(c.fatSecs)) < nFAT && s < cfbMaxSector; n++ {
		if n >= cfbMaxSectors {
			return nil, errors.New("DIFAT chain too long")
		}
		b, err := c.read(s, 0, int(c.sectorSize()))
		if err != nil {
			return nil, err
		}
		for i := 0; i < per && int64(len(c.fatSecs)) < nFAT; i++ {
			c.fatSecs = append(c.fatSecs, binary.LittleEndian.Uint32(b[4*i:]))
		}
		s = binary.LittleEndian.Uint32(b[4*per:])
	}
	return c, nil
}

// oleNames lists the names in a compound file's directory (streams and
// storages, at any depth). A damaged or truncated file yields what was read.
func oleNames(r io.ReaderAt, size int64) []string {
	c, err := openCFB(r, size)
	if err != nil {
		return nil
	}
	h := make([]byte, 4)
	if _, err := r.ReadAt(h, 0x30); err != nil {
		return nil
	}
	var names []string
	s := binary.LittleEndian.Uint32(h)
	for n := 0; s < cfbMaxSector && n < cfbMaxSectors; n++ {
		b, err := c.read(s, 0, int(c.sectorSize()))
		if err != nil {
			return names
		}
		for off := 0; off+cfbDirEntry <= len(b); off += cfbDirEntry {
			if name := dirEntryName(b[off : off+cfbDirEntry]); name != "" {
				names = append(names, name)
			}
		}
		if s, err = c.next(s); err != nil {
			return names
		}
	}
	return names
}

// dirEntryName decodes the UTF-16 name of a directory entry ("" if unused).
func dirEntryName(e []byte) string {
	n := int(binary.LittleEndian.Uint16(e[0x40:]))
	if e[0x42] == 0 || n < 2 || n > 64 {
		return ""
	}
	u := make([]uint16, n/2-1)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(e[2*i:])
	}
	return string(utf16.Decode(u))
}
