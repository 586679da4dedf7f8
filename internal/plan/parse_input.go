package plan

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Errors for uploads that are not a readable plan.
var (
	ErrUnsupportedFormat = errors.New("plan: unsupported file format")
	ErrNotUTF8           = errors.New("plan: text is not UTF-8 (convert GBK/GB18030 files to UTF-8)")
	ErrEmpty             = errors.New("plan: file is empty")
)

// Format is what ParseBytes found the content to be.
type Format string

const (
	FormatText Format = "text"
	FormatDOCX Format = "docx"
)

// SniffFormat tells a .docx from text by content, never by file name.
func SniffFormat(data []byte) (Format, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", ErrEmpty
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return FormatDOCX, nil
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "", fmt.Errorf("%w: legacy .doc/.wps (save as .docx)", ErrUnsupportedFormat)
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "", fmt.Errorf("%w: PDF (save as .docx or .txt)", ErrUnsupportedFormat)
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "", fmt.Errorf("%w: RTF (save as .docx)", ErrUnsupportedFormat)
	}
	return FormatText, nil
}

// ParseBytes parses an uploaded plan, .docx or text, sniffed by content.
func ParseBytes(data []byte) (ParsedPlan, error) {
	format, err := SniffFormat(data)
	if err != nil {
		return ParsedPlan{}, err
	}
	if format == FormatDOCX {
		return ParseDOCX(bytes.NewReader(data), int64(len(data)))
	}
	text, err := DecodeText(data)
	if err != nil {
		return ParsedPlan{}, err
	}
	return ParseText(text)
}

// DecodeText decodes UTF-8 (with or without BOM) and BOM-marked UTF-16.
// The standard library has no GBK decoder, so GBK text is refused.
func DecodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decodeUTF16(data[2:], false), nil
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeUTF16(data[2:], true), nil
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return "", ErrNotUTF8
	}
	return string(data), nil
}

func decodeUTF16(b []byte, bigEndian bool) string {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(units))
}
