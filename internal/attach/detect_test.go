package attach_test

import (
	"strings"
	"testing"

	"fazhi/internal/attach"
)

func TestDetect(t *testing.T) {
	docx := zipOf(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
	tests := []struct {
		name  string
		head  []byte
		mime  string // accepted type; "" when refused
		label string // substring of the label
	}{
		{"pdf", []byte("%PDF-1.7\n%\xE2\xE3"), attach.MimePDF, "PDF"},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), "image/jpeg", "JPEG"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png", "PNG"},
		{"gif87", []byte("GIF87a\x01\x00"), "image/gif", "GIF"},
		{"gif89", []byte("GIF89a\x01\x00"), "image/gif", "GIF"},
		{"webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), "image/webp", "WebP"},
		{"tiff le", []byte("II*\x00\x08\x00\x00\x00"), "image/tiff", "TIFF"},
		{"tiff be", []byte("MM\x00*\x00\x00\x00\x08"), "image/tiff", "TIFF"},
		{"docx", docx, attach.MimeDOCX, "DOCX"},
		{"docx head only", docx[:len(docx)-40], attach.MimeDOCX, "DOCX"},
		{"xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), attach.MimeXLSX, "XLSX"},
		{"pptx", zipOf(t, "[Content_Types].xml", "ppt/presentation.xml"), attach.MimePPTX, "PPTX"},
		{"ofd", zipOf(t, "OFD.xml", "Doc_0/Document.xml"), attach.MimeOFD, "OFD"},
		{"docm", zipOf(t, "[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), "", "含宏"},
		{"plain zip", zipOf(t, "a.txt", "b/c.exe"), "", "ZIP 压缩包"},
		{"odt", zipOf(t, "mimetype", "content.xml"), "", "OpenDocument"},
		{"doc", cfbOf("WordDocument", "1Table", "\x05SummaryInformation"), attach.MimeDOC, "DOC"},
		{"xls", cfbOf("Workbook"), attach.MimeXLS, "XLS"},
		{"xls 95", cfbOf("Book"), attach.MimeXLS, "XLS"},
		{"ppt", cfbOf("PowerPoint Document", "Current User"), attach.MimePPT, "PPT"},
		{"doc dir over sectors", cfbOf("a", "b", "c", "d", "e", "f", "WordDocument"), attach.MimeDOC, "DOC"},
		{"doc with macros", cfbOf("WordDocument", "Macros", "VBA"), "", "含宏"},
		{"encrypted docx", cfbOf("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"), "", "加密"},
		{"msi", cfbOf("\u4840\u3f3f", "SummaryInformation"), "", "OLE 复合文档"},
		{"ole truncated", cfbOf("WordDocument")[:600], "", "OLE 复合文档"},
		{"mp4", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2avc1mp41"), "video/mp4", "MP4"},
		{"mp4 recorder brand", []byte("\x00\x00\x00\x14ftypXAVC\x00\x00\x00\x00XAVC"), "video/mp4", "MP4"},
		{"mov", []byte("\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  "), "video/quicktime", "MOV"},
		{"mov old", []byte("\x00\x00\x00\x08wide\x00\x00\x10\x00mdat"), "video/quicktime", "MOV"},
		{"m4a", []byte("\x00\x00\x00\x1CftypM4A \x00\x00\x00\x00M4A mp42isom"), "audio/mp4", "M4A"},
		{"3gp", []byte("\x00\x00\x00\x14ftyp3gp4\x00\x00\x00\x003gp4"), "video/3gpp", "3GP"},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "", "HEIF"},
		{"html posing as mov", []byte("<br>moov<script>x()</script>"), "", "HTML"},
		{"text posing as mov", []byte("Get free stuff now, it is all free"), "", "纯文本"},
		{"mp3 id3", []byte("ID3\x04\x00\x00\x00\x00\x01\x21TIT2"), "audio/mpeg", "MP3"},
		{"text posing as id3", []byte("ID3 tags are metadata"), "", "疑似MP3"},
		{"mp3 frames", mp3Frames(3), "audio/mpeg", "MP3"},
		{"mp3 frame head", mp3Frames(1)[:64], "audio/mpeg", "MP3"},
		{"mp3 sync then junk", append(mp3Frames(1), "junkjunk"...), "", ""},
		{"aac adts", []byte("\xFF\xF1\x50\x80\x02\x1F\xFC"), "audio/aac", "AAC"},
		{"wav", []byte("RIFF\x24\x08\x00\x00WAVEfmt "), "audio/wav", "WAV"},
		{"avi", []byte("RIFF\x24\x08\x00\x00AVI LIST"), "video/x-msvideo", "AVI"},
		{"amr", []byte("#!AMR\n\x3c\x00"), "audio/amr", "AMR"},
		{"amr-wb", []byte("#!AMR-WB\n\x00"), "audio/amr-wb", "AMR"},
		{"exe", []byte("MZ\x90\x00\x03\x00\x00\x00"), "", "EXE"},
		{"elf", []byte("\x7fELF\x02\x01\x01"), "", "ELF"},
		{"script", []byte("#!/bin/sh\nrm -rf /\n"), "", "脚本"},
		{"html", []byte("<!DOCTYPE html><html><body>"), "", "HTML"},
		{"svg", []byte(`<?xml version="1.0"?><svg onload="alert(1)"/>`), "", "XML"},
		{"text", []byte("这是一个文本文件"), "", "纯文本"},
		{"utf-16 text", []byte("\xFF\xFEa\x00b\x00c\x00"), "", "纯文本"},
		{"rar", []byte("Rar!\x1a\x07\x01\x00"), "", "RAR"},
		{"7z", []byte("7z\xBC\xAF\x27\x1C\x00\x04"), "", "7z"},
		{"gzip", []byte("\x1F\x8B\x08\x00"), "", "GZIP"},
		{"binary", []byte{0, 1, 2, 3, 4, 5}, "", "无法识别"},
		{"empty", nil, "", "空文件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mime, label, ok := attach.Detect(tt.head)
			if ok != (tt.mime != "") || mime != tt.mime {
				t.Fatalf("Detect = %q %q %v, want %q", mime, label, ok, tt.mime)
			}
			if label == "" || !strings.Contains(label, tt.label) {
				t.Fatalf("label %q, want …%s…", label, tt.label)
			}
			if ok && attach.TypeLabel(mime) != label {
				t.Fatalf("TypeLabel(%q) = %q, want %q", mime, attach.TypeLabel(mime), label)
			}
		})
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1 KB", 1536: "1.5 KB",
		50 << 20: "50 MB", 3 << 30: "3 GB"} {
		if got := attach.FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
