package attach

import (
	"bytes"
	"encoding/binary"
	"io"
	"net/http"
	"strings"
)

// HeadSize is how much of the start of a file Detect is given by Save. Zip
// and OLE2 containers are then confirmed from the whole file.
const HeadSize = 64 << 10

// MIME types of the accepted formats that callers may want to compare with.
const (
	MimePDF  = "application/pdf"
	MimeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	MimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MimePPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	MimeDOC  = "application/msword"
	MimeXLS  = "application/vnd.ms-excel"
	MimePPT  = "application/vnd.ms-powerpoint"
	MimeOFD  = "application/ofd"
)

// fileType is a detected format: its MIME type, its Chinese label and
// whether it is on the allow-list.
type fileType struct {
	mime, label string
	ok          bool
}

func accept(mime, label string) fileType { return fileType{mime, label, true} }
func refuse(label string) fileType       { return fileType{"", label, false} }

// signature matches a format by its leading bytes.
type signature struct {
	match func(b []byte) bool
	ft    fileType
}

func prefix(p string) func([]byte) bool {
	return func(b []byte) bool { return bytes.HasPrefix(b, []byte(p)) }
}

// riff matches a RIFF container of the given form type (WAVE, AVI , WEBP).
func riff(form string) func([]byte) bool {
	return func(b []byte) bool {
		return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == form
	}
}

// signatures is checked in order; AMR ("#!AMR") must come before scripts ("#!").
var signatures = []signature{
	{prefix("%PDF-"), accept(MimePDF, "PDF 文档")},
	{prefix("\xFF\xD8\xFF"), accept("image/jpeg", "JPEG 图片")},
	{prefix("\x89PNG\r\n\x1a\n"), accept("image/png", "PNG 图片")},
	{prefix("GIF87a"), accept("image/gif", "GIF 图片")},
	{prefix("GIF89a"), accept("image/gif", "GIF 图片")},
	{riff("WEBP"), accept("image/webp", "WebP 图片")},
	{prefix("II*\x00"), accept("image/tiff", "TIFF 图片")},
	{prefix("MM\x00*"), accept("image/tiff", "TIFF 图片")},
	{riff("WAVE"), accept("audio/wav", "WAV 音频")},
	{riff("AVI "), accept("video/x-msvideo", "AVI 视频")},
	{prefix("#!AMR\n"), accept("audio/amr", "AMR 音频")},
	{prefix("#!AMR-WB\n"), accept("audio/amr-wb", "AMR 音频")},
	{isID3, accept("audio/mpeg", "MP3 音频")},
	{isMP3Frame, accept("audio/mpeg", "MP3 音频")},
	{isADTS, accept("audio/aac", "AAC 音频")},
	{prefix("MZ"), refuse("Windows 可执行程序（EXE/DLL）")},
	{prefix("\x7fELF"), refuse("Linux 可执行程序（ELF）")},
	{prefix("\xCF\xFA\xED\xFE"), refuse("macOS 可执行程序")},
	{prefix("\xCA\xFE\xBA\xBE"), refuse("可执行程序或 Java 类文件")},
	{prefix("#!"), refuse("脚本文件")},
	{prefix("Rar!\x1a\x07"), refuse("RAR 压缩包")},
	{prefix("7z\xBC\xAF\x27\x1C"), refuse("7z 压缩包")},
	{prefix("\x1F\x8B"), refuse("GZIP 压缩包")},
}

// Detect identifies a file from its first bytes (not its name, not the
// client's Content-Type). ok reports whether the type is on the allow-list;
// label names the type in Chinese either way, for "不支持的文件类型：…".
// A zip or OLE2 file is recognised as an Office or OFD document only when
// head holds enough of it; Save confirms those from the whole file.
func Detect(head []byte) (mime, label string, ok bool) {
	// head may be the start of a larger file: media boxes may then be as
	// large as the default size limit.
	ft := detect(head, bytes.NewReader(head), int64(len(head)), max(int64(len(head)), DefaultMaxSize))
	return ft.mime, ft.label, ft.ok
}

// detect classifies head, reading containers (zip, OLE2) of size bytes
// through r; fileSize bounds the size a leading media box may claim.
func detect(head []byte, r io.ReaderAt, size, fileSize int64) fileType {
	if len(head) == 0 {
		return refuse("空文件")
	}
	if ft, found := detectISOMedia(head, fileSize); found {
		return ft
	}
	for _, s := range signatures {
		if s.match(head) {
			return s.ft
		}
	}
	switch {
	case isZip(head):
		return classifyZip(zipNames(head, r, size))
	case isOLE(head):
		return classifyOLE(oleNames(r, size))
	}
	return sniffRefused(head)
}

// isContainer reports whether head starts a format that Detect can only
// judge from the whole file.
func isContainer(head []byte) bool { return isZip(head) || isOLE(head) }

// sniffRefused names a format that is not on the allow-list, using the
// standard library's sniffer for what our table does not know.
func sniffRefused(head []byte) fileType {
	ct := http.DetectContentType(head)
	mime, _, _ := strings.Cut(ct, ";")
	if l, ok := refusedLabels[mime]; ok {
		return refuse(l)
	}
	if strings.HasPrefix(mime, "font/") {
		return refuse("字体文件")
	}
	if l, ok := mimeLabels[mime]; ok {
		// The sniffer's looser rule matched a type we accept; ours did not.
		return refuse("已损坏或无法识别的文件（疑似" + l + "）")
	}
	return refuse(mime)
}

var refusedLabels = map[string]string{
	"text/html":                     "HTML 网页",
	"text/xml":                      "XML 文件",
	"text/plain":                    "纯文本文件",
	"application/octet-stream":      "无法识别的格式",
	"image/bmp":                     "BMP 图片",
	"image/x-icon":                  "图标文件",
	"image/svg+xml":                 "SVG 图像",
	"audio/ogg":                     "OGG 音频",
	"application/ogg":               "OGG 媒体",
	"video/webm":                    "WebM 视频",
	"audio/aiff":                    "AIFF 音频",
	"audio/midi":                    "MIDI 音频",
	"application/wasm":              "WebAssembly 程序",
	"application/postscript":        "PostScript 文件",
	"application/vnd.ms-fontobject": "字体文件",
}

// detectISOMedia recognises the ISO base media family (MP4, MOV, M4A, 3GP)
// by the "ftyp" box and its major brand; old QuickTime files start with a
// movie atom instead. The box size must fit in the file, which rules out text
// that happens to spell a box name at offset 4 (its first four bytes read as
// a size of hundreds of megabytes).
func detectISOMedia(b []byte, fileSize int64) (fileType, bool) {
	if len(b) < 12 {
		return fileType{}, false
	}
	box, size := string(b[4:8]), int64(binary.BigEndian.Uint32(b[:4]))
	if size < 8 || size > fileSize {
		return fileType{}, false
	}
	switch box {
	case "ftyp":
		if size%4 == 0 && size >= 16 {
			return classifyBrand(string(b[8:12])), true
		}
	case "moov", "mdat", "wide", "free", "skip":
		return accept("video/quicktime", "MOV 视频"), true
	}
	return fileType{}, false
}

func classifyBrand(brand string) fileType {
	switch {
	case brand == "qt  ":
		return accept("video/quicktime", "MOV 视频")
	case brand == "M4A " || brand == "M4B ":
		return accept("audio/mp4", "M4A 音频")
	case strings.HasPrefix(brand, "3gp") || strings.HasPrefix(brand, "3ge") || strings.HasPrefix(brand, "3gs"):
		return accept("video/3gpp", "3GP 视频")
	case strings.HasPrefix(brand, "3g2"):
		return accept("video/3gpp2", "3GP 视频")
	}
	switch brand {
	case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis":
		return refuse("HEIF/AVIF 图片")
	}
	// Recorders use many brands (isom, mp41, mp42, avc1, XAVC …); all are MP4.
	return accept("video/mp4", "MP4 视频")
}

// MPEG audio tables for Layer III, indexed by the header's bit fields.
var (
	mp3Bitrates = [2][16]int{ // kbit/s: [0] MPEG-1, [1] MPEG-2 and 2.5
		{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
	}
	mp3Rates = [4][3]int{ // Hz by version bits (0 = 2.5, 2 = MPEG-2, 3 = MPEG-1)
		{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000},
	}
)

// mp3FrameLen returns the length of the MPEG-1/2/2.5 Layer III frame whose
// header starts b, or 0 when b does not start such a header.
func mp3FrameLen(b []byte) int {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 || b[1]&0x06 != 0x02 {
		return 0
	}
	version, bi, ri := (b[1]>>3)&3, b[2]>>4, (b[2]>>2)&3
	if version == 1 || bi == 0 || bi == 15 || ri == 3 {
		return 0
	}
	table, coef := 1, 72
	if version == 3 {
		table, coef = 0, 144
	}
	pad := int(b[2]>>1) & 1
	return coef*mp3Bitrates[table][bi]*1000/mp3Rates[version][ri] + pad
}

// isMP3Frame matches a bare MP3 (no ID3 tag): a Layer III frame header,
// followed by a second one where head is long enough to hold it.
func isMP3Frame(b []byte) bool {
	n := mp3FrameLen(b)
	if n == 0 {
		return false
	}
	return len(b) < n+4 || mp3FrameLen(b[n:]) > 0
}

// isID3 matches an ID3v2 tag header (version 2 to 4, sync-safe size), the
// usual start of an MP3 file.
func isID3(b []byte) bool {
	if len(b) < 10 || string(b[:3]) != "ID3" || b[3] < 2 || b[3] > 4 || b[4] == 0xFF {
		return false
	}
	return b[6]|b[7]|b[8]|b[9] < 0x80
}

// isADTS matches an AAC stream in ADTS framing (sync word, layer 0).
func isADTS(b []byte) bool {
	return len(b) >= 7 && b[0] == 0xFF && b[1]&0xF6 == 0xF0 && (b[2]>>2)&0xF < 13
}
