package enforcement

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Label is the list status's Chinese name.
func (s ListStatus) Label() string {
	switch s {
	case ListDraft:
		return "草稿"
	case ListPublished:
		return "现行"
	case ListSuperseded:
		return "已替代"
	}
	return string(s)
}

// ListVersions lists a unit's 权责清单 versions, newest first.
func (s *Service) ListVersions(ctx context.Context, unitID int64) ([]List, error) {
	return queryLists(ctx, s.DB.Read(), "WHERE l.unit_id = ? ORDER BY l.version DESC", unitID)
}

// ListVersion loads one version.
func (s *Service) ListVersion(ctx context.Context, id int64) (List, error) {
	return getList(ctx, s.DB.Read(), id)
}

// VersionItems lists a version's items with their 裁量基准 rows.
func (s *Service) VersionItems(ctx context.Context, listID int64) ([]Item, error) {
	return queryItems(ctx, s.DB.Read(), "WHERE i.list_id = ?"+itemOrder, listID)
}

// CurrentLists lists the published versions of the units under scopePath
// ("" for all), by unit.
func (s *Service) CurrentLists(ctx context.Context, scopePath string) ([]List, error) {
	return queryLists(ctx, s.DB.Read(), "WHERE u.path LIKE ? AND l.status = 'published' ORDER BY u.path", scopePath+"%")
}

// draftList loads a version that must be a draft (only drafts change).
func draftList(ctx context.Context, tx *store.Tx, id int64) (List, error) {
	l, err := getList(ctx, tx, id)
	if err != nil {
		return l, err
	}
	if l.Status != ListDraft {
		return l, conflict("权责清单第%d版为“%s”版本，不能修改；请先新建草稿", l.Version, l.Status.Label())
	}
	return l, nil
}

// NewListDraft starts editing a unit's 权责清单: a new draft version holding
// a copy of the published one's items and 裁量基准. When a draft exists it
// is returned instead.
func (s *Service) NewListDraft(ctx context.Context, unitID int64, note string) (int64, error) {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 500 {
		return 0, invalid("版本说明不能超过500字")
	}
	var id int64
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		unitName, _, _, err := regUnitOf(ctx, tx, unitID)
		if err != nil {
			return err
		}
		drafts, err := queryLists(ctx, tx, "WHERE l.unit_id = ? AND l.status = 'draft'", unitID)
		if err != nil || len(drafts) > 0 {
			if err == nil {
				id = drafts[0].ID
			}
			return err
		}
		var version int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM enf_lists WHERE unit_id = ?`,
			unitID).Scan(&version); err != nil {
			return err
		}
		if id, err = tx.InsertID(ctx, `INSERT INTO enf_lists (unit_id, version, status, note, created_at)
			VALUES (?, ?, 'draft', ?, ?)`, unitID, version, note, s.now()); err != nil {
			return err
		}
		copied, err := copyPublished(ctx, tx, unitID, id)
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.list.draft", ObjectType: "enf_list", ObjectID: regID(id),
			Summary: fmt.Sprintf("新建%s权责清单第%d版草稿（复制现行版本事项%d项）", unitName, version, copied)})
	})
	return id, err
}

// copyPublished copies the unit's published items into the draft and
// returns how many.
func copyPublished(ctx context.Context, tx *store.Tx, unitID, draftID int64) (int, error) {
	items, err := queryItems(ctx, tx, `JOIN enf_lists l ON l.id = i.list_id WHERE l.unit_id = ? AND l.status = 'published'`+
		itemOrder, unitID)
	if err != nil {
		return 0, err
	}
	l := List{ID: draftID, UnitID: unitID}
	for _, it := range items {
		if _, err := insertItem(ctx, tx, l, ItemInputOf(it)); err != nil {
			return 0, err
		}
	}
	return len(items), nil
}

// PublishList publishes a draft: it becomes the version the portal shows and
// new cases use; the version published before is superseded (its items stay,
// so cases decided under it keep pointing at them).
func (s *Service) PublishList(ctx context.Context, listID int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		l, err := draftList(ctx, tx, listID)
		if err != nil {
			return err
		}
		if l.Items == 0 {
			return invalid("权责清单第%d版没有事项，不能发布", l.Version)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_lists SET status = 'superseded' WHERE unit_id = ? AND status = 'published'`,
			l.UnitID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enf_lists SET status = 'published', published_at = ?, published_by_name = ?
			WHERE id = ?`, s.now(), regActorName(ctx, tx), listID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.list.publish", ObjectType: "enf_list", ObjectID: regID(listID),
			Summary: fmt.Sprintf("发布%s权责清单第%d版（事项%d项），原现行版本同时废止", l.UnitName, l.Version, l.Items),
			Changes: []audit.Change{{Field: "status", Before: string(ListDraft), After: string(ListPublished)}}})
	})
}

// DiscardDraft deletes a draft version with its items.
func (s *Service) DiscardDraft(ctx context.Context, listID int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		l, err := draftList(ctx, tx, listID)
		if err != nil {
			return err
		}
		if err := deleteItems(ctx, tx, "list_id = ?", listID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM enf_lists WHERE id = ?`, listID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.list.discard", ObjectType: "enf_list", ObjectID: regID(listID),
			Summary: fmt.Sprintf("删除%s权责清单第%d版草稿（事项%d项）", l.UnitName, l.Version, l.Items)})
	})
}
