package attach

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func errMissing(a Attachment) *Error {
	return newError(CodeIntegrity, ErrMissing, "附件“%s”的文件已丢失，请联系系统管理员", a.Filename)
}

func errTampered(a Attachment) *Error {
	return newError(CodeIntegrity, ErrTampered,
		"附件“%s”的内容与上传时登记的校验值不一致，可能已被篡改或损坏，请联系系统管理员", a.Filename)
}

// Open returns the content of a. It re-checks that the row still exists with
// this hash and that the file is present with the recorded size (a full
// re-hash is Verify's job: too slow for every download).
func (s *Store) Open(ctx context.Context, a Attachment) (io.ReadSeekCloser, error) {
	if !validHash(a.Hash) {
		return nil, fmt.Errorf("attachment %d: malformed hash %q", a.ID, a.Hash)
	}
	if a.ID != 0 {
		cur, err := s.Get(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		if cur.Hash != a.Hash {
			return nil, errNotFound(a.ID)
		}
	}
	f, err := os.Open(s.path(a.Hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errMissing(a)
	}
	if err != nil {
		return nil, fmt.Errorf("open attachment %d: %w", a.ID, err)
	}
	st, err := f.Stat()
	if err == nil && st.Size() != a.Size {
		err = errTampered(a)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Verify re-hashes a's file: nil when it matches, an error matching
// ErrMissing or ErrTampered otherwise.
func (s *Store) Verify(ctx context.Context, a Attachment) error {
	if !validHash(a.Hash) {
		return errTampered(a)
	}
	f, err := os.Open(s.path(a.Hash))
	if errors.Is(err, fs.ErrNotExist) {
		return errMissing(a)
	}
	if err != nil {
		return fmt.Errorf("open attachment %d: %w", a.ID, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, ctxReader{ctx, f})
	if err != nil {
		return fmt.Errorf("read attachment %d: %w", a.ID, err)
	}
	if n != a.Size || hex.EncodeToString(h.Sum(nil)) != a.Hash {
		return errTampered(a)
	}
	return nil
}

// Problem is a stored file that failed verification.
type Problem struct {
	Hash     string
	Filename string // of one attachment using it
	Rows     int    // attachments sharing the file
	Err      error  // matches ErrMissing or ErrTampered
}

// VerifyAll re-hashes every stored file that an attachment references and
// reports the ones missing or altered.
func (s *Store) VerifyAll(ctx context.Context) ([]Problem, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT hash, MIN(size), MIN(filename), COUNT(*)
		FROM attachments GROUP BY hash ORDER BY hash`)
	if err != nil {
		return nil, fmt.Errorf("list attachment files: %w", err)
	}
	var todo []Problem
	var sizes []int64
	for rows.Next() {
		var p Problem
		var size int64
		if err := rows.Scan(&p.Hash, &size, &p.Filename, &p.Rows); err != nil {
			rows.Close()
			return nil, err
		}
		todo, sizes = append(todo, p), append(sizes, size)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var bad []Problem
	for i, p := range todo {
		err := s.Verify(ctx, Attachment{Hash: p.Hash, Size: sizes[i], Filename: p.Filename})
		if errors.Is(err, ErrMissing) || errors.Is(err, ErrTampered) {
			p.Err = err
			bad = append(bad, p)
		} else if err != nil {
			return bad, err
		}
	}
	return bad, nil
}

// GCResult counts what GC removed.
type GCResult struct {
	Files int   // unreferenced attachment files
	Bytes int64 // their total size
	Temps int   // abandoned temporary files (uploads cut off by a crash)
}

// tempGrace is the age past which a temporary file is taken for the remains
// of a crashed upload (a file being written is younger: writing touches it).
const tempGrace = time.Hour

// GC removes files no attachment references any more (when older than
// GCGrace) and temporary files left by interrupted uploads.
func (s *Store) GC(ctx context.Context) (GCResult, error) {
	var res GCResult
	refs, err := s.referenced(ctx)
	if err != nil {
		return res, err
	}
	now := s.now()
	err = filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			var info fs.FileInfo
			if info, err = d.Info(); err == nil {
				err = s.collect(ctx, p, info, refs, now, &res)
			}
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil // renamed or removed meanwhile by an upload
		}
		if err == nil {
			err = ctx.Err()
		}
		return err
	})
	return res, err
}

// collect removes the file at p if it is garbage: an old temporary file, or
// an attachment file no row references.
func (s *Store) collect(ctx context.Context, p string, info fs.FileInfo, refs map[string]bool,
	now time.Time, res *GCResult) error {
	if !info.Mode().IsRegular() {
		return nil
	}
	age := now.Sub(info.ModTime())
	rel, _ := filepath.Rel(s.Dir, p)
	parts := strings.Split(filepath.ToSlash(rel), "/")
	switch {
	case len(parts) == 2 && parts[0] == tmpDirName && strings.HasSuffix(parts[1], ".part"):
		if age > tempGrace && os.Remove(p) == nil {
			res.Temps++
		}
	case len(parts) == 3 && validHash(parts[2]) && parts[2][:2] == parts[0] && parts[2][2:4] == parts[1]:
		if refs[parts[2]] || age < s.GCGrace {
			return nil
		}
		removed, err := s.removeUnreferenced(ctx, parts[2])
		if removed {
			res.Files++
			res.Bytes += info.Size()
		}
		return err
	}
	return nil
}

func (s *Store) referenced(ctx context.Context) (map[string]bool, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT DISTINCT hash FROM attachments`)
	if err != nil {
		return nil, fmt.Errorf("list attachment hashes: %w", err)
	}
	defer rows.Close()
	refs := map[string]bool{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		refs[h] = true
	}
	return refs, rows.Err()
}

// removeUnreferenced deletes the file of hash if, checked again under the
// lock that Save holds while placing a file and committing its row, no
// attachment references it.
func (s *Store) removeUnreferenced(ctx context.Context, hash string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int
	err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM attachments WHERE hash = ?`, hash).Scan(&n)
	if err != nil || n > 0 {
		return false, err
	}
	if err := os.Remove(s.path(hash)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("remove attachment file: %w", err)
	}
	return true, nil
}
