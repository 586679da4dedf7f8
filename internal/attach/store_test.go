package attach_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"fazhi/internal/attach"
	"fazhi/internal/audit"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

type fixture struct {
	t      *testing.T
	db     *store.DB
	s      *attach.Store
	ctx    context.Context
	unit   int64 // path /unit/
	child  int64 // below unit
	other  int64 // another top-level unit
	userID int64
}

func setup(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	s, err := attach.NewStore(db, t.TempDir(), 0, l)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, s: s, ctx: context.Background()}
	f.unit = f.addUnit("县司法局", "")
	f.child = f.addUnit("城关司法所", fmt.Sprintf("/%d/", f.unit))
	f.other = f.addUnit("县市场监管局", "")
	err = db.InTx(f.ctx, func(tx *store.Tx) error {
		now := time.Now().UTC()
		f.userID, err = tx.InsertID(f.ctx, `INSERT INTO users (username, display_name, unit_id, scope_unit_id,
			password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			"zhang", "张三", f.unit, f.unit, "x", now, now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.ctx = audit.WithActor(f.ctx, audit.Actor{UserID: f.userID, Username: "zhang", IP: "127.0.0.1"})
	return f
}

func (f *fixture) addUnit(name, parentPath string) int64 {
	f.t.Helper()
	var id int64
	err := f.db.InTx(f.ctx, func(tx *store.Tx) error {
		now := time.Now().UTC()
		var err error
		id, err = tx.InsertID(f.ctx, `INSERT INTO units (name, level, org_type, path, created_at, updated_at)
			VALUES (?, 'department', 'admin_organ', '', ?, ?)`, name, now, now)
		if err != nil {
			return err
		}
		if parentPath == "" {
			parentPath = "/"
		}
		_, err = tx.ExecContext(f.ctx, `UPDATE units SET path = ? WHERE id = ?`, fmt.Sprintf("%s%d/", parentPath, id), id)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func (f *fixture) save(content []byte, m attach.Meta) attach.Attachment {
	f.t.Helper()
	if m.UnitID == 0 {
		m.UnitID = f.unit
	}
	a, err := f.s.Save(f.ctx, bytes.NewReader(content), m)
	if err != nil {
		f.t.Fatalf("save %s: %v", m.Filename, err)
	}
	return a
}

func pdf(text string) []byte { return []byte("%PDF-1.4\n" + text + "\n%%EOF\n") }

// files lists every file under the data directory, relative, sorted.
func (f *fixture) files() []string {
	f.t.Helper()
	var out []string
	err := filepath.WalkDir(f.s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(f.s.Dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(f.ctx, q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func TestSaveDedupeAndOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		content := pdf("处罚决定书")
		a := f.save(content, attach.Meta{Filename: `C:\fakepath\决定书.pdf`, ObjectType: "case", ObjectID: "12", Note: "扫描件"})
		b := f.save(content, attach.Meta{Filename: "副本.pdf", ObjectType: "case", ObjectID: "12"})
		if a.Hash != b.Hash || a.ID == b.ID || a.Mime != attach.MimePDF || a.Size != int64(len(content)) {
			t.Fatalf("got %+v and %+v", a, b)
		}
		if a.Filename != "决定书.pdf" || a.UploadedBy != f.userID || a.UnitID != f.unit {
			t.Fatalf("metadata %+v", a)
		}
		want := []string{a.Hash[:2] + "/" + a.Hash[2:4] + "/" + a.Hash}
		if got := f.files(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("files on disk %v, want %v", got, want)
		}
		got, err := f.s.Get(f.ctx, a.ID)
		if err != nil || got != a {
			t.Fatalf("Get = %+v, %v; want %+v", got, err, a)
		}
		list, err := f.s.ListFor(f.ctx, "case", "12")
		if err != nil || len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID {
			t.Fatalf("ListFor = %+v, %v", list, err)
		}
		rc, err := f.s.Open(f.ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(data, content) {
			t.Fatalf("Open read %q", data)
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND object_type = 'attachment'`,
			attach.ActionUpload); n != 2 {
			t.Fatalf("%d upload audit entries, want 2", n)
		}
	})
}

// TestSaveOfficeFromWholeFile uploads a DOCX whose word/ part lies beyond the
// head: only the zip's central directory shows what it is.
func TestSaveOfficeFromWholeFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		big := make([]byte, attach.HeadSize+1000)
		_, _ = rand.Read(big)
		docx := zipWith(t, "word/media/image1.png", big, "[Content_Types].xml", "word/media/image1.png", "word/document.xml")
		late := zipWith(t, "media/big.bin", big, "[Content_Types].xml", "media/big.bin", "word/document.xml")
		if _, _, ok := attach.Detect(late[:attach.HeadSize]); ok {
			t.Fatal("head alone should not identify the document")
		}
		for _, c := range [][]byte{docx, late} {
			a := f.save(c, attach.Meta{Filename: "报告.docx"})
			if a.Mime != attach.MimeDOCX {
				t.Fatalf("mime %q", a.Mime)
			}
		}
	})
}

// refused checks a refusal: its sentinel and message, no row, no file.
func (f *fixture) refused(err error, sentinel error, msg string) {
	f.t.Helper()
	var ae *attach.Error
	if !errors.As(err, &ae) || !errors.Is(err, sentinel) || !strings.Contains(ae.Message, msg) {
		f.t.Fatalf("got %v, want %v with …%s…", err, sentinel, msg)
	}
	if n := f.count(`SELECT COUNT(*) FROM attachments`); n != 0 {
		f.t.Fatalf("%d attachment rows after a refusal", n)
	}
	if files := f.files(); len(files) != 0 {
		f.t.Fatalf("stray files after a refusal: %v", files)
	}
}

func TestSizeLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		if f.s.LimitText() != "50 MB" {
			t.Fatalf("default limit %s", f.s.LimitText())
		}
		f.s.MaxSize = 1 << 10
		over := pdf(strings.Repeat("x", 1<<10))
		_, err := f.s.Save(f.ctx, bytes.NewReader(over), attach.Meta{Filename: "big.pdf", UnitID: f.unit})
		f.refused(err, attach.ErrTooLarge, "文件超过大小上限 1 KB")
		exact := over[:1<<10]
		if a := f.save(exact, attach.Meta{Filename: "exact.pdf"}); a.Size != 1<<10 {
			t.Fatalf("size %d", a.Size)
		}
	})
}

func TestRefusedTypes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		for _, c := range []struct {
			name    string
			content []byte
			label   string
		}{
			{"setup.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00"), "不支持的文件类型：Windows 可执行程序"},
			{"page.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script>"), "不支持的文件类型：HTML 网页"},
			{"bundle.docx", zipOf(t, "a.txt", "run.bat"), "不支持的文件类型：ZIP 压缩包"},
			{"setup.doc", cfbOf("SummaryInformation", "\u4840\u3f3f"), "不支持的文件类型：OLE 复合文档"},
			{"run.mp3", []byte("#!/bin/sh\necho hi\n"), "不支持的文件类型：脚本文件"},
		} {
			_, err := f.s.Save(f.ctx, bytes.NewReader(c.content), attach.Meta{Filename: c.name, UnitID: f.unit})
			f.refused(err, attach.ErrUnsupported, c.label)
		}
		_, err := f.s.Save(f.ctx, bytes.NewReader(nil), attach.Meta{Filename: "empty.pdf", UnitID: f.unit})
		f.refused(err, attach.ErrInvalid, "文件为空")
	})
}

func TestInvalidMeta(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		for _, c := range []struct {
			meta attach.Meta
			msg  string
		}{
			{attach.Meta{Filename: "a.pdf"}, "请选择附件所属单位"},
			{attach.Meta{Filename: "a.pdf", UnitID: 9999}, "单位（编号 9999）不存在"},
			{attach.Meta{Filename: "a.pdf", UnitID: f.unit, ObjectID: "3"}, "缺少类型"},
			{attach.Meta{Filename: "a.pdf", UnitID: f.unit, Note: strings.Repeat("注", 501)}, "不能超过 500 字"},
		} {
			_, err := f.s.Save(f.ctx, bytes.NewReader(pdf("x")), c.meta)
			f.refused(err, attach.ErrInvalid, c.msg)
		}
		a := f.save(pdf("x"), attach.Meta{Filename: " ../\x00 "})
		if a.Filename != "未命名文件" {
			t.Fatalf("filename %q", a.Filename)
		}
	})
}

// TestTempCleanupOnError cuts uploads off mid-stream: a failing reader, a
// cancelled request. Nothing may stay behind in the data directory.
func TestTempCleanupOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		boom := errors.New("connection reset")
		body := append(pdf("start"), make([]byte, attach.HeadSize*2)...)
		r := io.MultiReader(bytes.NewReader(body), iotest.ErrReader(boom))
		_, err := f.s.Save(f.ctx, r, attach.Meta{Filename: "a.pdf", UnitID: f.unit})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v", err)
		}
		ctx, cancel := context.WithCancel(f.ctx)
		r = io.MultiReader(bytes.NewReader(body), readerFunc(func([]byte) (int, error) {
			cancel()
			return 0, nil
		}), bytes.NewReader(body))
		_, err = f.s.Save(ctx, r, attach.Meta{Filename: "b.pdf", UnitID: f.unit})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v", err)
		}
		if files := f.files(); len(files) != 0 {
			t.Fatalf("stray files: %v", files)
		}
		if n := f.count(`SELECT COUNT(*) FROM attachments`); n != 0 {
			t.Fatalf("%d rows", n)
		}
	})
}

type readerFunc func([]byte) (int, error)

func (r readerFunc) Read(p []byte) (int, error) { return r(p) }

func TestNewStoreErrors(t *testing.T) {
	db := storetest.SQLite(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	blocked := filepath.Join(dir, "blocked")
	// A file where the temporary directory must go makes the directory
	// unusable even for root, who ignores permission bits.
	if err := os.Mkdir(blocked, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, "tmp"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		filepath.Join(dir, "none"): "does not exist",
		file:                       "is not a directory",
		blocked:                    "data directory " + blocked + " is not writable: ",
		"":                         "FAZHI_DATA_DIR",
	} {
		if _, err := attach.NewStore(db, dir, 0, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewStore(%q) = %v, want …%s…", dir, err, want)
		}
	}
}

// TestSaveDuringGC races uploads of one content against GC with no grace:
// the lock between placing and collecting must keep every row's file.
func TestSaveDuringGC(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		f.s.GCGrace = 0
		stop := make(chan struct{})
		gcDone := make(chan error)
		go func() {
			for {
				select {
				case <-stop:
					gcDone <- nil
					return
				default:
				}
				if _, err := f.s.GC(f.ctx); err != nil {
					gcDone <- err
					return
				}
			}
		}()
		// Each round leaves the file unreferenced for GC to find, then
		// uploads the same bytes again: a committed row must keep its file.
		var lost error
		for i := 0; i < 50 && lost == nil; i++ {
			a := f.save(pdf("同一内容"), attach.Meta{Filename: fmt.Sprintf("%d.pdf", i)})
			lost = f.s.Verify(f.ctx, a)
			if err := f.s.Delete(f.ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		close(stop)
		if err := <-gcDone; err != nil {
			t.Fatal(err)
		}
		if lost != nil {
			t.Fatalf("file of a committed attachment lost: %v", lost)
		}
	})
}
