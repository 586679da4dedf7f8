// Package attach stores uploaded files (evidence, scanned decisions, audio and
// video of enforcement) content-addressed under the data directory, with
// their metadata in the attachments table. Identical content is stored once;
// the type is decided from the bytes against an allow-list; every upload and
// deletion is audited. Scope checks are the caller's: each row names its unit.
package attach

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultMaxSize is the upload limit when none is configured.
const DefaultMaxSize int64 = 50 << 20

// Audit actions of this package.
const (
	ActionUpload = "attachment.upload"
	ActionDelete = "attachment.delete"
)

// AllowedTypesText lists the accepted formats for upload forms.
const AllowedTypesText = "PDF、Word/Excel/PowerPoint（DOCX/XLSX/PPTX/DOC/XLS/PPT）、OFD、" +
	"图片（JPEG/PNG/GIF/WebP/TIFF）、音视频（MP4/MOV/3GP/AVI/MP3/M4A/AAC/WAV/AMR）"

// Attachment is the metadata of one stored file. Several attachments may
// share a Hash (the same bytes uploaded twice) and so one file on disk.
type Attachment struct {
	ID         int64
	Hash       string // SHA-256 of the content, lower-case hex
	Size       int64
	Mime       string // detected from the content
	Filename   string // as uploaded, without directories
	UnitID     int64  // owning unit: the caller checks the user's scope against it
	ObjectType string // what it belongs to ("case", "normdoc" …); may be empty
	ObjectID   string
	Note       string
	UploadedBy int64 // 0 when uploaded by the system
	CreatedAt  time.Time
}

// TypeLabel names the attachment's type in Chinese ("PDF 文档").
func (a Attachment) TypeLabel() string { return TypeLabel(a.Mime) }

// SizeText is the size for display ("1.5 MB").
func (a Attachment) SizeText() string { return FormatSize(a.Size) }

// IsImage and IsMedia let templates choose a preview.
func (a Attachment) IsImage() bool { return strings.HasPrefix(a.Mime, "image/") }

// IsMedia reports an audio or video file.
func (a Attachment) IsMedia() bool {
	return strings.HasPrefix(a.Mime, "audio/") || strings.HasPrefix(a.Mime, "video/")
}

// TypeLabel names an accepted MIME type in Chinese (the type itself if unknown).
func TypeLabel(mime string) string {
	if l, ok := mimeLabels[mime]; ok {
		return l
	}
	return mime
}

var mimeLabels = func() map[string]string {
	m := map[string]string{
		MimeDOCX: "Word 文档（DOCX）", MimeXLSX: "Excel 表格（XLSX）", MimePPTX: "PowerPoint 演示文稿（PPTX）",
		MimeDOC: "Word 文档（DOC）", MimeXLS: "Excel 表格（XLS）", MimePPT: "PowerPoint 演示文稿（PPT）",
		MimeOFD: "OFD 版式文档", "video/mp4": "MP4 视频", "video/quicktime": "MOV 视频",
		"audio/mp4": "M4A 音频", "video/3gpp": "3GP 视频", "video/3gpp2": "3GP 视频",
	}
	for _, s := range signatures {
		if s.ft.ok {
			m[s.ft.mime] = s.ft.label
		}
	}
	return m
}()

// FormatSize renders a byte count with a binary unit ("512 B", "1.5 MB").
func FormatSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return trimZero(float64(n)/(1<<10)) + " KB"
	case n < 1<<30:
		return trimZero(float64(n)/(1<<20)) + " MB"
	}
	return trimZero(float64(n)/(1<<30)) + " GB"
}

func trimZero(f float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0")
}

// Meta is what the uploader states about a file; the rest is measured.
type Meta struct {
	Filename   string
	UnitID     int64
	ObjectType string
	ObjectID   string
	Note       string
}

// Length limits of the metadata, in characters.
const (
	maxFilename   = 200
	maxObjectType = 50
	maxObjectID   = 100
	maxNote       = 500
)

// cleanMeta validates m and normalises the file name: directories a browser
// may send are dropped, control characters removed, length bounded.
func cleanMeta(m Meta) (Meta, error) {
	if m.UnitID <= 0 {
		return m, invalid("请选择附件所属单位")
	}
	m.ObjectType, m.ObjectID = strings.TrimSpace(m.ObjectType), strings.TrimSpace(m.ObjectID)
	m.Note = strings.TrimSpace(m.Note)
	switch {
	case utf8.RuneCountInString(m.ObjectType) > maxObjectType || utf8.RuneCountInString(m.ObjectID) > maxObjectID:
		return m, invalid("附件关联对象的标识过长")
	case m.ObjectID != "" && m.ObjectType == "":
		return m, invalid("附件关联对象缺少类型")
	case utf8.RuneCountInString(m.Note) > maxNote:
		return m, invalid("附件说明不能超过 %d 字", maxNote)
	}
	m.Filename = cleanFilename(m.Filename)
	return m, nil
}

func cleanFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == ".." {
		return "未命名文件"
	}
	if utf8.RuneCountInString(name) <= maxFilename {
		return name
	}
	ext := path.Ext(name)
	if utf8.RuneCountInString(ext) > 20 {
		ext = ""
	}
	stem := []rune(strings.TrimSuffix(name, ext))
	return string(stem[:maxFilename-utf8.RuneCountInString(ext)]) + ext
}
