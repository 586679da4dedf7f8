package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenRefusesBadDataDirAndAlgorithm(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "not-a-dir")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := FromEnv()
	cfg.DB, cfg.DataDir = filepath.Join(dir, "a.db"), file
	if _, err := Open(context.Background(), cfg, nil); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("file as data dir: %v", err)
	}
	cfg.DataDir = filepath.Join(dir, "new", "data")
	a, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatalf("missing data dir should be created: %v", err)
	}
	a.Close()
	cfg.AuditHash = "md5"
	if _, err := Open(context.Background(), cfg, nil); err == nil || !strings.Contains(err.Error(), "sha256 or sm3") {
		t.Fatalf("bad algorithm: %v", err)
	}
}
