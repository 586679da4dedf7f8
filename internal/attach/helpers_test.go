package attach_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// zipOf builds a zip archive holding the named entries (small text bodies,
// or body for the entry named big).
func zipOf(t testing.TB, names ...string) []byte {
	t.Helper()
	return zipWith(t, "", nil, names...)
}

func zipWith(t testing.TB, big string, body []byte, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		data := []byte("<x/>")
		if n == big {
			data = body
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cfbOf builds a minimal compound file (512-byte sectors): a FAT in sector
// 0 and a directory chained over as many sectors as the names need, with a
// root entry first.
func cfbOf(names ...string) []byte {
	names = append([]string{"Root Entry"}, names...)
	nDir := (len(names) + 3) / 4
	h := make([]byte, 512)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(h[0x18:], 0x3E)
	le.PutUint16(h[0x1A:], 3)
	le.PutUint16(h[0x1C:], 0xFFFE)
	le.PutUint16(h[0x1E:], 9)
	le.PutUint16(h[0x20:], 6)
	le.PutUint32(h[0x2C:], 1)          // one FAT sector
	le.PutUint32(h[0x30:], 1)          // directory starts in sector 1
	le.PutUint32(h[0x38:], 4096)       // mini stream cutoff
	le.PutUint32(h[0x3C:], 0xFFFFFFFE) // no mini FAT
	le.PutUint32(h[0x44:], 0xFFFFFFFE) // no DIFAT sectors
	for i := 0; i < 109; i++ {
		le.PutUint32(h[0x4C+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(h[0x4C:], 0) // the FAT is sector 0
	fat := make([]byte, 512)
	for i := 0; i < 128; i++ {
		le.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat, 0xFFFFFFFD)
	for s := 1; s <= nDir; s++ {
		next := uint32(s + 1)
		if s == nDir {
			next = 0xFFFFFFFE
		}
		le.PutUint32(fat[4*s:], next)
	}
	dir := make([]byte, 512*nDir)
	for i, n := range names {
		e := dir[128*i:]
		u := utf16.Encode([]rune(n))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[0x40:], uint16(2*len(u)+2))
		e[0x42] = 2 // stream
		if i == 0 {
			e[0x42] = 5 // root storage
		}
	}
	return append(append(h, fat...), dir...)
}

// mp3Frames is n MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes).
func mp3Frames(n int) []byte {
	frame := make([]byte, 417)
	copy(frame, []byte{0xFF, 0xFB, 0x90, 0x00})
	return bytes.Repeat(frame, n)
}
