package docgen

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLibreOfficeRoundTrip opens the sample DOCX in LibreOffice (when
// installed) and checks what it lays out: the text, the page numbers and
// 28 characters to a full line.
func TestLibreOfficeRoundTrip(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion is slow")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(src, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := sofficeToPDF(t, src, dir); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "lo", "report.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no PDF: %v", err)
	}
	pages := pdfPages(t, pdf)
	if len(pages) < 3 || len(pages) > 5 {
		t.Errorf("LibreOffice laid the sample out on %d pages, the PDF writer on 4", len(pages))
	}
	all := squash(strings.Join(pages, ""))
	for _, want := range []string{"关于2025年度法治政府建设情况的报告", "一、主要举措和成效", "罚没金额", "（此件公开发布）"} {
		if !strings.Contains(all, want) {
			t.Errorf("LibreOffice text lacks %q", want)
		}
	}
	for i, p := range pages {
		if !strings.Contains(squash(p), squash(pageNumberText(i+1))) {
			t.Errorf("LibreOffice page %d lacks %q", i+1, pageNumberText(i+1))
		}
	}
	widest := 0
	for _, line := range strings.Split(strings.Join(pages, "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && strings.IndexFunc(line, func(r rune) bool { return r < 0x2000 }) < 0 {
			widest = max(widest, len([]rune(line)))
		}
	}
	if widest != charsPerLine {
		t.Errorf("LibreOffice's longest all-Chinese line has %d characters, want 28", widest)
	}
}
