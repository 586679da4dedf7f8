package plan

import (
	"errors"
	"testing"
	"unicode/utf16"
)

func TestSniffFormat(t *testing.T) {
	cases := []struct {
		data   string
		format Format
		err    error
	}{
		{"PK\x03\x04rest", FormatDOCX, nil},
		{"一、总体要求", FormatText, nil},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "", ErrUnsupportedFormat},
		{"%PDF-1.7", "", ErrUnsupportedFormat},
		{"{\\rtf1", "", ErrUnsupportedFormat},
		{" \n\t", "", ErrEmpty},
	}
	for _, c := range cases {
		f, err := SniffFormat([]byte(c.data))
		if f != c.format || !errors.Is(err, c.err) {
			t.Errorf("SniffFormat(%q) = %q, %v", c.data, f, err)
		}
	}
}

func TestDecodeText(t *testing.T) {
	const want = "一、总体要求\n(一)任务。(责任单位:县司法局)"
	if got, err := DecodeText([]byte("\xef\xbb\xbf" + want)); err != nil || got != want {
		t.Errorf("UTF-8 BOM: %q, %v", got, err)
	}
	units := utf16.Encode([]rune(want))
	le, be := []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	for name, data := range map[string][]byte{"UTF-16LE": le, "UTF-16BE": be} {
		if got, err := DecodeText(data); err != nil || got != want {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	gbk := []byte{0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5} // "一、总体" in GBK
	if _, err := DecodeText(gbk); !errors.Is(err, ErrNotUTF8) {
		t.Errorf("GBK: %v", err)
	}
}

func TestParseBytesText(t *testing.T) {
	p, err := ParseBytes([]byte("\xef\xbb\xbf一、主要任务\r\n(一)推进执法。(责任单位:县司法局)\r\n"))
	if err != nil || len(p.Tasks) != 1 || p.Tasks[0].Units[0] != "县司法局" {
		t.Errorf("plan %+v, %v", p, err)
	}
}
