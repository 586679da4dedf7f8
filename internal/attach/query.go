package attach

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

const columns = `a.id, a.hash, a.size, a.mime, a.filename, a.unit_id, a.object_type, a.object_id, a.note,
	a.uploaded_by, a.created_at`

func scan(sc interface{ Scan(...any) error }) (Attachment, error) {
	var a Attachment
	var by sql.NullInt64
	err := sc.Scan(&a.ID, &a.Hash, &a.Size, &a.Mime, &a.Filename, &a.UnitID, &a.ObjectType, &a.ObjectID,
		&a.Note, &by, &a.CreatedAt)
	a.UploadedBy, a.CreatedAt = by.Int64, a.CreatedAt.UTC()
	return a, err
}

func get(ctx context.Context, q store.Querier, id int64) (Attachment, error) {
	a, err := scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM attachments a WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Attachment{}, errNotFound(id)
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("load attachment %d: %w", id, err)
	}
	return a, nil
}

func list(ctx context.Context, q store.Querier, query string, args ...any) ([]Attachment, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query attachments: %w", err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		a, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Get loads an attachment's metadata. The caller checks the user's scope
// against its UnitID before showing or serving it.
func (s *Store) Get(ctx context.Context, id int64) (Attachment, error) {
	return get(ctx, s.DB.Read(), id)
}

// ListFor lists the attachments of one object, oldest first.
func (s *Store) ListFor(ctx context.Context, objectType, objectID string) ([]Attachment, error) {
	return list(ctx, s.DB.Read(), `SELECT `+columns+` FROM attachments a
		WHERE a.object_type = ? AND a.object_id = ? ORDER BY a.created_at, a.id`, objectType, objectID)
}

// ListFilter selects attachments by owning unit. A filter that sets none of
// ScopePath, UnitIDs and AllUnits matches nothing, so a forgotten scope never
// lists everything.
type ListFilter struct {
	ScopePath  string  // units whose path starts with this ("/1/5/"): a user's data scope
	UnitIDs    []int64 // these units only
	AllUnits   bool    // no unit restriction
	ObjectType string  // "" for any
	Limit      int     // 0 for no limit
	Offset     int
}

// List returns the attachments matching f, newest first, and their total.
func (s *Store) List(ctx context.Context, f ListFilter) ([]Attachment, int, error) {
	if !f.AllUnits && f.ScopePath == "" && len(f.UnitIDs) == 0 {
		return nil, 0, nil
	}
	where, args := []string{"1 = 1"}, []any{}
	if f.ScopePath != "" {
		where, args = append(where, "u.path LIKE ?"), append(args, f.ScopePath+"%")
	}
	if len(f.UnitIDs) > 0 {
		where = append(where, "a.unit_id IN ("+store.Placeholders(len(f.UnitIDs))+")")
		for _, id := range f.UnitIDs {
			args = append(args, id)
		}
	}
	if f.ObjectType != "" {
		where, args = append(where, "a.object_type = ?"), append(args, f.ObjectType)
	}
	from := ` FROM attachments a JOIN units u ON u.id = a.unit_id WHERE ` + strings.Join(where, " AND ")
	var total int
	if err := s.DB.Read().QueryRowContext(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count attachments: %w", err)
	}
	q := `SELECT ` + columns + from + ` ORDER BY a.created_at DESC, a.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	out, err := list(ctx, s.DB.Read(), q, args...)
	return out, total, err
}

// Delete removes an attachment's metadata, audited. The file stays: other
// rows may share it, and GC removes it once none does.
func (s *Store) Delete(ctx context.Context, id int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		a, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM attachments WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete attachment %d: %w", id, err)
		}
		changes := a.auditChanges()
		for i := range changes {
			changes[i].Before, changes[i].After = changes[i].After, ""
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionDelete, ObjectType: "attachment",
			ObjectID: strconv.FormatInt(id, 10),
			Summary:  fmt.Sprintf("删除附件“%s”（%s，%s）", a.Filename, a.TypeLabel(), a.SizeText()),
			Changes:  changes})
	})
}
