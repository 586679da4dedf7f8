package docgen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// run executes an external tool and returns its combined output.
func run(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).CombinedOutput()
	return string(out), err
}

// sofficeToPDF converts src with LibreOffice into dir/lo/<name>.pdf, with a
// private profile so parallel runs do not share one.
func sofficeToPDF(t *testing.T, src, dir string) (string, error) {
	t.Helper()
	out := filepath.Join(dir, "lo")
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	return run("soffice", "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", out, src)
}

// pdfPages extracts the text of each page with pdftotext (skipping the
// test when poppler-utils is missing).
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}
