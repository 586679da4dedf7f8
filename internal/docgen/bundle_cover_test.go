package docgen

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A cover long enough to fill its page must not leave an empty page (which
// gopdf wrote without a content stream) before the 目录.
func TestBundleLongCoverHasNoEmptyPage(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	b := Bundle{Title: "行政处罚案卷", Cover: []string{"案号：清溪县市场监督管理局罚〔2026〕1号", "案由：销售超过保质期的食品",
		"当事人：王建国", "执法单位：清溪县市场监督管理局", "立案日期：2026年2月16日", "结案日期：", "处理结果：给予行政处罚 罚款60000元"},
		Parts: []Document{{Title: "行政处罚决定书", Blocks: []Block{Para{Text: "正文"}}}}}
	var buf bytes.Buffer
	if err := WriteBundlePDF(&buf, b); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("/Contents \n")) {
		t.Error("a page without a content stream")
	}
	path := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-f", "2", "-l", "2", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ReplaceAll(string(out), " ", ""), "目录") {
		t.Errorf("page 2 is not the 目录: %q", out)
	}
}
