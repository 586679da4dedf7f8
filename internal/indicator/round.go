package indicator

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// ActionRoundOpen is the audit action of a new assessment round.
const ActionRoundOpen = "assess.round"

// Round is an assessment round (考核轮次).
type Round struct {
	ID            int64
	Year          int
	Title         string
	Status        string
	CreatedByName string
	CreatedAt     time.Time
	UnitIDs       []int64
}

// Year bounds of a round.
const (
	MinYear = 2000
	MaxYear = 2100
)

// OpenRound starts a round for year over units, copying the current tree.
func (s *Service) OpenRound(ctx context.Context, year int, title string, unitIDs []int64) (Round, error) {
	title = strings.TrimSpace(title)
	switch {
	case year < MinYear || year > MaxYear:
		return Round{}, invalid("考核年度应在 %d 到 %d 之间", MinYear, MaxYear)
	case title == "":
		return Round{}, invalid("请填写考核名称")
	case utf8.RuneCountInString(title) > 100:
		return Round{}, invalid("考核名称不能超过 100 个字")
	case len(unitIDs) == 0:
		return Round{}, invalid("请至少选择一个参加考核的单位")
	}
	seen := map[int64]bool{}
	var units []int64
	for _, id := range unitIDs {
		if seen[id] {
			continue
		}
		if _, err := s.Org.Get(ctx, id); err != nil {
			return Round{}, &Error{Code: CodeNotFound, Message: "单位不存在"}
		}
		seen[id] = true
		units = append(units, id)
	}
	actor := audit.ActorFrom(ctx)
	r := Round{Year: year, Title: title, Status: "open", CreatedByName: actorName(actor), CreatedAt: s.now(), UnitIDs: units}
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM indicators`).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return invalid("尚未导入指标体系，无法开始考核")
		}
		id, err := tx.InsertID(ctx, `INSERT INTO assessment_rounds (year, title, status, created_by, created_by_name, created_at)
			VALUES (?, ?, 'open', ?, ?, ?)`, year, title, store.NullInt(actor.UserID), r.CreatedByName, r.CreatedAt)
		if err != nil {
			return fmt.Errorf("insert round: %w", err)
		}
		r.ID = id
		for _, u := range units {
			if _, err := tx.ExecContext(ctx, `INSERT INTO assessment_units (round_id, unit_id) VALUES (?, ?)`, id, u); err != nil {
				return fmt.Errorf("insert round unit: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO assessment_items (round_id, code, level, name, max_score, method,
			metric_key, target, per_deduction, deduction_cap, description, sort_order)
			SELECT ?, code, level, name, max_score, method, metric_key, target, per_deduction, deduction_cap, description, sort_order
			FROM indicators`, id); err != nil {
			return fmt.Errorf("copy indicators: %w", err)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRoundOpen, ObjectType: "assessment",
			ObjectID: strconv.FormatInt(id, 10), Summary: fmt.Sprintf("开始考核“%s”（%d年度，%d 个单位，%d 项指标）", title, year, len(units), n)})
	})
	return r, err
}

func actorName(a audit.Actor) string {
	if a.Username == "" {
		return "系统"
	}
	return a.Username
}

// Rounds lists every round, newest first.
func (s *Service) Rounds(ctx context.Context) ([]Round, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT id, year, title, status, created_by_name, created_at
		FROM assessment_rounds ORDER BY year DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("query rounds: %w", err)
	}
	defer rows.Close()
	var out []Round
	for rows.Next() {
		var r Round
		if err := rows.Scan(&r.ID, &r.Year, &r.Title, &r.Status, &r.CreatedByName, &r.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Round returns one round with its units.
func (s *Service) Round(ctx context.Context, id int64) (Round, error) {
	var r Round
	err := s.DB.Read().QueryRowContext(ctx, `SELECT id, year, title, status, created_by_name, created_at
		FROM assessment_rounds WHERE id = ?`, id).Scan(&r.ID, &r.Year, &r.Title, &r.Status, &r.CreatedByName, &r.CreatedAt)
	if err == sql.ErrNoRows {
		return Round{}, &Error{Code: CodeNotFound, Message: "考核不存在"}
	}
	if err != nil {
		return Round{}, fmt.Errorf("get round: %w", err)
	}
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT a.unit_id FROM assessment_units a JOIN units u ON u.id = a.unit_id
		WHERE a.round_id = ? ORDER BY u.sort_order, u.name`, id)
	if err != nil {
		return Round{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return Round{}, err
		}
		r.UnitIDs = append(r.UnitIDs, u)
	}
	return r, rows.Err()
}

// HasUnit reports whether unitID takes part in the round.
func (r Round) HasUnit(unitID int64) bool {
	for _, u := range r.UnitIDs {
		if u == unitID {
			return true
		}
	}
	return false
}

// Items returns the round's copy of the tree in code order.
func (s *Service) Items(ctx context.Context, roundID int64) ([]Node, error) {
	return scanNodes(ctx, s.DB.Read(), `SELECT 0, code, level, name, max_score, method, metric_key, target,
		per_deduction, deduction_cap, description, sort_order FROM assessment_items WHERE round_id = ? ORDER BY sort_order`, roundID)
}

// ActionRoundClose is the audit action of closing a round.
const ActionRoundClose = "assess.close"

// CloseRound ends a round: its scores can no longer change.
func (s *Service) CloseRound(ctx context.Context, id int64) error {
	r, err := s.Round(ctx, id)
	if err != nil {
		return err
	}
	if r.Status != "open" {
		return &Error{Code: CodeConflict, Message: "本轮考核已结束"}
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE assessment_rounds SET status = 'closed' WHERE id = ?`, id); err != nil {
			return fmt.Errorf("close round: %w", err)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionRoundClose, ObjectType: "assessment",
			ObjectID: strconv.FormatInt(id, 10), Summary: "结束考核“" + r.Title + "”，得分不再修改",
			Changes: []audit.Change{{Field: "状态", Before: "进行中", After: "已结束"}}})
	})
}
