package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func upload(t *testing.T, c *client, unitID int64, name string, content []byte) (*http.Response, string) {
	t.Helper()
	c.get("/attachments")
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", c.csrf)
	_ = mw.WriteField("unit_id", itoa(unitID))
	_ = mw.WriteField("note", "现场检查照片")
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+"/attachments", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

func TestAttachmentUploadDownloadAndScope(t *testing.T) {
	f := getFixture(t)
	officer := f.as(t, "officer.scjgj")
	me, _ := f.app.Auth.GetByUsername(t.Context(), "officer.scjgj")
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	sum := sha256.Sum256(pdf)
	hash := hex.EncodeToString(sum[:])
	resp, _ := upload(t, officer, me.UnitID, "检查笔录.pdf", pdf)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	_, body := officer.get("/attachments")
	if !strings.Contains(body, hash) || !strings.Contains(body, "检查笔录.pdf") {
		t.Fatal("list does not show the file and its SHA-256")
	}
	id := regexp.MustCompile(`href="/attachments/(\d+)">检查笔录.pdf`).FindStringSubmatch(body)
	if id == nil {
		t.Fatal("no link to the attachment")
	}
	resp, got := officer.get("/attachments/" + id[1])
	if resp.StatusCode != 200 || got != string(pdf) || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("download: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// Another department's 法制员 cannot see it; the county 法治办 can.
	other := f.as(t, "legal.sfj")
	if resp, _ := other.get("/attachments/" + id[1]); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("out-of-scope download: %d", resp.StatusCode)
	}
	if resp, _ := f.as(t, "fazhiban").get("/attachments/" + id[1]); resp.StatusCode != 200 {
		t.Fatalf("法治办 download: %d", resp.StatusCode)
	}
	// A unit outside the uploader's scope is refused.
	sfj, _ := f.app.Auth.GetByUsername(t.Context(), "legal.sfj")
	if resp, _ := upload(t, officer, sfj.UnitID, "x.pdf", pdf); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("upload to another unit: %d", resp.StatusCode)
	}
	// Executables are refused by content, whatever the name says.
	resp, body = upload(t, officer, me.UnitID, "照片.jpg", append([]byte("MZ\x90\x00\x03"), make([]byte, 200)...))
	if resp.StatusCode == http.StatusSeeOther || !strings.Contains(body, "不支持的文件类型") {
		t.Fatalf("exe accepted: %d", resp.StatusCode)
	}
}
