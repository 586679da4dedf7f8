package attach

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Store saves, reads and removes attachments.
type Store struct {
	DB      *store.DB
	Dir     string // data directory (FAZHI_DATA_DIR)
	MaxSize int64  // bytes; DefaultMaxSize when 0
	Audit   *audit.Logger
	// GCGrace keeps files younger than this from GC, so that an upload by
	// another process, placed but not yet committed, is not collected.
	GCGrace time.Duration
	Now     func() time.Time

	// mu orders file placement and row insertion (read side) against GC's
	// check-then-remove (write side) within this process.
	mu sync.RWMutex
}

const tmpDirName = "tmp"

// NewStore checks that dir exists and is writable and returns a Store with
// the given size limit (DefaultMaxSize when maxSize <= 0). Errors are worded
// for the operator.
func NewStore(db *store.DB, dir string, maxSize int64, logger *audit.Logger) (*Store, error) {
	if dir == "" {
		return nil, errors.New("no data directory configured: set FAZHI_DATA_DIR")
	}
	dir = filepath.Clean(dir)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("data directory %s does not exist: create it or set FAZHI_DATA_DIR", dir)
	case err != nil:
		return nil, fmt.Errorf("data directory %s cannot be read: %w", dir, err)
	case !st.IsDir():
		return nil, fmt.Errorf("data directory %s is not a directory", dir)
	}
	if err := probeWritable(filepath.Join(dir, tmpDirName)); err != nil {
		return nil, fmt.Errorf("data directory %s is not writable: %w", dir, err)
	}
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	return &Store{DB: db, Dir: dir, MaxSize: maxSize, Audit: logger, GCGrace: time.Hour, Now: time.Now}, nil
}

func probeWritable(tmp string) error {
	if err := os.MkdirAll(tmp, 0o750); err != nil {
		return err
	}
	f, err := os.CreateTemp(tmp, "probe-*")
	if err != nil {
		return err
	}
	_, err = f.WriteString("ok")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if rerr := os.Remove(f.Name()); err == nil {
		err = rerr
	}
	return err
}

func (s *Store) maxSize() int64 {
	if s.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return s.MaxSize
}

func (s *Store) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC().Truncate(time.Microsecond)
	}
	return s.Now().UTC().Truncate(time.Microsecond)
}

// LimitText is the size limit for forms ("50 MB").
func (s *Store) LimitText() string { return FormatSize(s.maxSize()) }

// path is where the file of a hash lives: ab/cd/abcd….
func (s *Store) path(hash string) string {
	return filepath.Join(s.Dir, hash[:2], hash[2:4], hash)
}

func validHash(h string) bool {
	if len(h) != sha256.Size*2 {
		return false
	}
	for _, c := range []byte(h) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Save stores the content of r with meta and returns the new attachment.
// The content is hashed while streamed to a temporary file, refused past the
// size limit or when its type is not allowed, then renamed to its hash path;
// identical content already stored is simply replaced by the same bytes.
func (s *Store) Save(ctx context.Context, r io.Reader, meta Meta) (Attachment, error) {
	meta, err := cleanMeta(meta)
	if err != nil {
		return Attachment{}, err
	}
	if err := s.checkUnit(ctx, meta.UnitID); err != nil {
		return Attachment{}, err
	}
	br := bufio.NewReaderSize(ctxReader{ctx, r}, HeadSize)
	head, err := br.Peek(HeadSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return Attachment{}, fmt.Errorf("read upload: %w", err)
	}
	if len(head) == 0 {
		return Attachment{}, invalid("文件为空，请重新选择")
	}
	// Refuse early what the head alone decides; containers need the whole file.
	if ft := detect(head, bytes.NewReader(head), int64(len(head)), s.maxSize()); !ft.ok && !isContainer(head) {
		return Attachment{}, unsupported(ft)
	}
	head = bytes.Clone(head)
	tmp, err := s.writeTemp(br)
	if err != nil {
		return Attachment{}, err
	}
	defer tmp.discard()
	ft := detect(head, tmp.f, tmp.size, tmp.size)
	if !ft.ok {
		return Attachment{}, unsupported(ft)
	}
	a := Attachment{Hash: tmp.hash, Size: tmp.size, Mime: ft.mime, Filename: meta.Filename, UnitID: meta.UnitID,
		ObjectType: meta.ObjectType, ObjectID: meta.ObjectID, Note: meta.Note,
		UploadedBy: audit.ActorFrom(ctx).UserID, CreatedAt: s.now()}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := s.place(tmp); err != nil {
		return Attachment{}, err
	}
	err = s.DB.InTx(ctx, func(tx *store.Tx) error { return s.insert(ctx, tx, &a, ft.label) })
	if err != nil {
		return Attachment{}, err
	}
	return a, nil
}

func unsupported(ft fileType) *Error {
	return newError(CodeInvalid, ErrUnsupported, "不支持的文件类型：%s", ft.label)
}

func (s *Store) tooLarge() *Error {
	return newError(CodeInvalid, ErrTooLarge, "文件超过大小上限 %s", s.LimitText())
}

func (s *Store) checkUnit(ctx context.Context, unitID int64) error {
	var n int
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE id = ?`, unitID).Scan(&n); err != nil {
		return fmt.Errorf("check unit: %w", err)
	}
	if n == 0 {
		return invalid("单位（编号 %d）不存在", unitID)
	}
	return nil
}

func (s *Store) insert(ctx context.Context, tx *store.Tx, a *Attachment, label string) error {
	id, err := tx.InsertID(ctx, `INSERT INTO attachments (hash, size, mime, filename, unit_id, object_type,
		object_id, note, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.Hash, a.Size, a.Mime, a.Filename, a.UnitID, a.ObjectType, a.ObjectID, a.Note,
		store.NullInt(a.UploadedBy), a.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert attachment: %w", err)
	}
	a.ID = id
	return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionUpload, ObjectType: "attachment",
		ObjectID: strconv.FormatInt(id, 10),
		Summary:  fmt.Sprintf("上传附件“%s”（%s，%s）", a.Filename, label, FormatSize(a.Size)),
		Changes:  a.auditChanges()})
}

// auditChanges records what identifies the file, so the log alone proves
// which bytes were uploaded or deleted.
func (a Attachment) auditChanges() []audit.Change {
	c := []audit.Change{{Field: "hash", After: a.Hash}, {Field: "size", After: strconv.FormatInt(a.Size, 10)},
		{Field: "mime", After: a.Mime}, {Field: "filename", After: a.Filename},
		{Field: "unit_id", After: strconv.FormatInt(a.UnitID, 10)}}
	if a.ObjectType != "" {
		c = append(c, audit.Change{Field: "object", After: a.ObjectType + ":" + a.ObjectID})
	}
	return c
}

// tempFile is an upload written under tmp/ but not yet at its hash path.
type tempFile struct {
	f      *os.File
	path   string
	hash   string
	size   int64
	placed bool
}

// writeTemp streams r into a new temporary file, hashing as it goes and
// stopping one byte past the limit. The file is synced before it is used.
func (s *Store) writeTemp(r io.Reader) (*tempFile, error) {
	f, err := os.CreateTemp(filepath.Join(s.Dir, tmpDirName), "upload-*.part")
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", err)
	}
	t := &tempFile{f: f, path: f.Name()}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, s.maxSize()+1))
	switch {
	case err != nil:
		err = fmt.Errorf("write upload: %w", err)
	case n > s.maxSize():
		err = s.tooLarge()
	default:
		err = f.Sync()
	}
	if err != nil {
		t.discard()
		return nil, err
	}
	t.hash, t.size = hex.EncodeToString(h.Sum(nil)), n
	return t, nil
}

// discard closes the file and removes it unless it was placed.
func (t *tempFile) discard() {
	_ = t.f.Close()
	if !t.placed {
		_ = os.Remove(t.path)
	}
}

// place renames the temporary file to its hash path. Replacing an existing
// file of the same hash is harmless (same bytes) and repairs a damaged one.
func (s *Store) place(t *tempFile) error {
	final := s.path(t.hash)
	dir := filepath.Dir(final)
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create attachment directory: %w", err)
	}
	if err := t.f.Close(); err != nil {
		return fmt.Errorf("close upload: %w", err)
	}
	if err := os.Rename(t.path, final); err != nil {
		return fmt.Errorf("store attachment file: %w", err)
	}
	t.placed = true
	// Make the rename (and any new directories) durable before the row commits.
	dirs := []string{dir}
	if statErr != nil {
		dirs = append(dirs, filepath.Dir(dir), s.Dir)
	}
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return fmt.Errorf("sync attachment directory: %w", err)
		}
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// ctxReader stops a long upload when its request is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
