package enforcement

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// ItemInput is an 执法事项 with its 裁量基准 rows as a form or an import sends
// it. ID is 0 for a new item.
type ItemInput struct {
	ID         int64
	Code       string
	Name       string
	Category   Category
	Law        string
	Article    string
	BasisText  string
	Major      bool
	Hearing    bool
	Collective bool
	SortOrder  int
	Discretion []DiscretionInput
}

func (in *ItemInput) normalise() {
	for _, p := range []*string{&in.Code, &in.Name, &in.Law, &in.Article, &in.BasisText} {
		*p = strings.TrimSpace(*p)
	}
	for i := range in.Discretion {
		d := &in.Discretion[i]
		d.Circumstance, d.Other, d.ListKind = strings.TrimSpace(d.Circumstance), strings.TrimSpace(d.Other), strings.TrimSpace(d.ListKind)
	}
}

// ValidateItem checks an item and its 裁量基准 rows, naming the field (and
// the row) at fault.
func ValidateItem(in ItemInput) error {
	in.normalise()
	if _, msg := itemProblem(in); msg != "" {
		return invalid("%s", msg)
	}
	if len(in.Discretion) > 50 {
		return invalid("一个事项最多设50行裁量基准")
	}
	seen := map[string]int{}
	for i, d := range in.Discretion {
		if _, msg := discretionProblem(d); msg != "" {
			return invalid("裁量基准第%d行：%s", i+1, msg)
		}
		if j, dup := seen[d.Circumstance]; dup {
			return invalid("裁量基准第%d行与第%d行的违法情节相同：%s", i+1, j, d.Circumstance)
		}
		seen[d.Circumstance] = i + 1
	}
	return nil
}

// itemProblem checks an item's own fields (not its rows) and returns the
// field at fault (its import column key) and the reason, or "" "".
func itemProblem(in ItemInput) (field, msg string) {
	switch {
	case in.Code == "":
		return "code", "请填写事项编码"
	case !validItemCode(in.Code):
		return "code", fmt.Sprintf("事项编码“%s”格式有误：应为1至40位数字、字母、“-”、“_”或“.”，不含空格", in.Code)
	case in.Name == "":
		return "name", "请填写事项名称"
	case utf8.RuneCountInString(in.Name) > 200:
		return "name", "事项名称不能超过200字"
	case in.Category.Label() == string(in.Category):
		return "category", "请选择事项类别（行政处罚、行政许可、行政强制、行政检查 …）"
	case in.Law == "":
		return "law", "请填写事项依据的法律法规名称"
	case utf8.RuneCountInString(in.Law) > 200:
		return "law", "法律法规名称不能超过200字"
	case utf8.RuneCountInString(in.Article) > 100:
		return "article", "条款不能超过100字"
	case utf8.RuneCountInString(in.BasisText) > 5000:
		return "basis", "依据条文内容不能超过5000字"
	}
	return "", ""
}

func validItemCode(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// SaveItem adds (in.ID 0) or changes an item of a draft version, replacing
// its 裁量基准 rows, and returns its id.
func (s *Service) SaveItem(ctx context.Context, listID int64, in ItemInput) (int64, error) {
	in.normalise()
	if err := ValidateItem(in); err != nil {
		return 0, err
	}
	id := in.ID
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		l, err := draftList(ctx, tx, listID)
		if err != nil {
			return err
		}
		if err := itemCodeFree(ctx, tx, listID, in.Code, in.ID); err != nil {
			return err
		}
		action, summary := "enforcement.item.create", "新增"
		if in.ID == 0 {
			if id, err = insertItem(ctx, tx, l, in); err != nil {
				return err
			}
		} else {
			old, err := getItem(ctx, tx, in.ID)
			if err != nil {
				return err
			}
			if old.ListID != listID {
				return notFound("执法事项（编号 %d）不在该清单版本中", in.ID)
			}
			if err := updateItem(ctx, tx, in); err != nil {
				return err
			}
			action, summary = "enforcement.item.update", "修改"
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: action, ObjectType: "enf_item", ObjectID: regID(id),
			Summary: fmt.Sprintf("%s权责清单（%s 第%d版草稿）事项 %s“%s”，裁量基准%d行", summary, l.UnitName, l.Version,
				in.Code, in.Name, len(in.Discretion))})
	})
	return id, err
}

func insertItem(ctx context.Context, tx *store.Tx, l List, in ItemInput) (int64, error) {
	id, err := tx.InsertID(ctx, `INSERT INTO enf_items (list_id, unit_id, code, name, category, law, article, basis_text,
		major, hearing, collective, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.UnitID, in.Code, in.Name, string(in.Category), in.Law, in.Article, in.BasisText, in.Major, in.Hearing,
		in.Collective, in.SortOrder)
	if err != nil {
		return 0, err
	}
	return id, insertDiscretion(ctx, tx, id, in.Discretion)
}

func updateItem(ctx context.Context, tx *store.Tx, in ItemInput) error {
	if _, err := tx.ExecContext(ctx, `UPDATE enf_items SET code = ?, name = ?, category = ?, law = ?, article = ?,
		basis_text = ?, major = ?, hearing = ?, collective = ?, sort_order = ? WHERE id = ?`,
		in.Code, in.Name, string(in.Category), in.Law, in.Article, in.BasisText, in.Major, in.Hearing, in.Collective,
		in.SortOrder, in.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM enf_discretion WHERE item_id = ?`, in.ID); err != nil {
		return err
	}
	return insertDiscretion(ctx, tx, in.ID, in.Discretion)
}

func insertDiscretion(ctx context.Context, tx *store.Tx, itemID int64, rows []DiscretionInput) error {
	for i, d := range rows {
		if _, err := tx.ExecContext(ctx, `INSERT INTO enf_discretion (item_id, seq, circumstance, level, min_fen, max_fen,
			other, list_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, itemID, i+1, d.Circumstance, string(d.Level),
			nullFen(d.MinFen), nullFen(d.MaxFen), d.Other, d.ListKind); err != nil {
			return err
		}
	}
	return nil
}

func nullFen(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}

func itemCodeFree(ctx context.Context, tx *store.Tx, listID int64, code string, except int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enf_items WHERE list_id = ? AND code = ? AND id <> ?`,
		listID, code, except).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return conflict("事项编码%s在本清单中已存在，编码不能重复", code)
	}
	return nil
}

// DeleteItem removes an item from a draft version.
func (s *Service) DeleteItem(ctx context.Context, itemID int64) error {
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		it, err := getItem(ctx, tx, itemID)
		if err != nil {
			return err
		}
		l, err := draftList(ctx, tx, it.ListID)
		if err != nil {
			return err
		}
		if err := deleteItems(ctx, tx, "id = ?", itemID); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: "enforcement.item.delete", ObjectType: "enf_item",
			ObjectID: regID(itemID), Summary: fmt.Sprintf("从权责清单（%s 第%d版草稿）删除事项 %s“%s”", l.UnitName,
				l.Version, it.Code, it.Name)})
	})
}

// deleteItems removes the items where selects (on enf_items) with their rows.
func deleteItems(ctx context.Context, tx *store.Tx, where string, args ...any) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM enf_discretion WHERE item_id IN (SELECT id FROM enf_items WHERE `+
		where+`)`, args...); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM enf_items WHERE `+where, args...)
	return err
}

// ItemInputOf turns a stored item back into input (for forms and copies).
func ItemInputOf(it Item) ItemInput {
	in := ItemInput{ID: it.ID, Code: it.Code, Name: it.Name, Category: it.Category, Law: it.Law, Article: it.Article,
		BasisText: it.BasisText, Major: it.Major, Hearing: it.Hearing, Collective: it.Collective, SortOrder: it.SortOrder}
	for _, d := range it.Discretion {
		in.Discretion = append(in.Discretion, DiscretionInput{Circumstance: d.Circumstance, Level: d.Level,
			MinFen: d.MinFen, MaxFen: d.MaxFen, Other: d.Other, ListKind: d.ListKind})
	}
	return in
}
