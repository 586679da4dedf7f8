package plan

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/store"
)

// Confirm saves a reviewed draft as a plan, all in one transaction with its
// audit record, and deletes the draft. It is refused, and nothing is saved,
// while any unit name is unresolved.
func (s *Service) Confirm(ctx context.Context, id int64) (int64, error) {
	rv, err := s.Review(ctx, id)
	if err != nil {
		return 0, err
	}
	if n := len(rv.Unresolved); n > 0 {
		return 0, invalid("还有%d个单位名称未处理：%s。请为每个名称选择对应单位或分组，或选择“忽略”后再确认",
			n, strings.Join(rv.Unresolved, "、"))
	}
	uid, uname := actorName(ctx)
	now := s.now()
	var planID int64
	err = s.DB.InTx(ctx, func(tx *store.Tx) error {
		// The draft must be the one reviewed: deleting it with its update
		// time refuses a second confirm and a mapping made meanwhile.
		res, err := tx.ExecContext(ctx, `DELETE FROM plan_drafts WHERE id = ? AND updated_at = ?`, id, rv.Draft.UpdatedAt)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return conflict("方案草稿已被修改、确认或放弃，请刷新页面后重试")
		}
		if planID, err = insertPlan(ctx, tx, rv, uid, uname, now); err != nil {
			return err
		}
		if err := insertStructure(ctx, tx, planID, rv); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, confirmEntry(planID, rv))
	})
	return planID, err
}

func confirmEntry(planID int64, rv *Review) audit.Entry {
	c := rv.Counts()
	return audit.Entry{Action: ActionImport, ObjectType: "plan", ObjectID: fmt.Sprint(planID),
		Summary: fmt.Sprintf("确认导入方案《%s》：%d项任务，单位名称%d个（精确%d、别名%d、模糊%d、分组%d、人工%d、忽略%d），来源%s，SHA-256 %s",
			rv.Draft.Title, len(rv.Tasks), len(rv.Names), c[StateExact], c[StateAlias], c[StateFuzzy], c[StateGroup],
			c[StateMapped], c[StateIgnored], orText(rv.Draft.SourceName, "粘贴文本"), rv.Draft.SourceHash)}
}

var (
	reDocType = regexp.MustCompile(`(实施方案|实施意见|工作要点|工作安排|工作计划|行动方案|规划|意见|方案|要点)`)
	reIssuer  = regexp.MustCompile(`^(?:中共)?\p{Han}{1,8}?(?:自治州|自治县|省|市|县|区|旗|镇|乡|街道)`)
)

// DocType is the kind of document a title names: 实施方案, 工作要点 …
func DocType(title string) string {
	m := reDocType.FindAllString(title, -1)
	if len(m) == 0 {
		return ""
	}
	return m[len(m)-1]
}

// Issuer is the place a title starts with: 张掖市, 清溪县.
func Issuer(title string) string { return reIssuer.FindString(title) }

func insertPlan(ctx context.Context, tx *store.Tx, rv *Review, uid int64, uname string, now time.Time) (int64, error) {
	d := rv.Draft
	return tx.InsertID(ctx, `INSERT INTO plans (title, doc_type, issuer, year, original_text, source_name, source_sha256,
		status, task_count, imported_by, imported_by_name, imported_at, confirmed_by, confirmed_by_name, confirmed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?, ?, ?, ?, ?, ?)`,
		d.Title, DocType(d.Parsed.Title), Issuer(d.Parsed.Title), d.Parsed.Year, d.Text, d.SourceName, d.SourceHash,
		len(rv.Tasks), store.NullInt(d.CreatedBy), d.CreatedByName, d.CreatedAt, store.NullInt(uid), uname, now)
}

// insertStructure writes chapters, tasks, their units and milestones.
func insertStructure(ctx context.Context, tx *store.Tx, planID int64, rv *Review) error {
	chapters := map[string]int64{}
	for _, c := range rv.Draft.Parsed.Chapters {
		id, err := tx.InsertID(ctx, `INSERT INTO plan_chapters (plan_id, no, heading, title, line) VALUES (?, ?, ?, ?, ?)`,
			planID, c.No, c.Heading, c.Title, c.Line)
		if err != nil {
			return fmt.Errorf("chapter %s: %w", c.Heading, err)
		}
		chapters[c.Heading] = id
	}
	for _, t := range rv.Tasks {
		var chapter any
		if id, ok := chapters[t.Chapter]; ok {
			chapter = id
		}
		taskID, err := tx.InsertID(ctx, `INSERT INTO plan_tasks (plan_id, chapter_id, seq, no, marker, section, title, body, line, framing)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			planID, chapter, t.Seq, t.No, t.Marker, t.Section, t.Title, t.Body, t.Line, t.Framing)
		if err != nil {
			return fmt.Errorf("task %s: %w", t.Marker, err)
		}
		if err := insertTaskUnits(ctx, tx, taskID, t); err != nil {
			return fmt.Errorf("task %s units: %w", t.Marker, err)
		}
		for _, dl := range t.Deadlines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO plan_milestones (task_id, phrase, kind, due_date, period, every, due_point)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, taskID, dl.Phrase, string(dl.Kind), dl.Date, string(dl.Period), dl.Every, dl.Due); err != nil {
				return fmt.Errorf("task %s deadline %s: %w", t.Marker, dl.Phrase, err)
			}
		}
	}
	return nil
}

// insertTaskUnits writes one row per unit a task's names resolve to, in one
// statement per task (a group name can stand for dozens of units).
func insertTaskUnits(ctx context.Context, tx *store.Tx, taskID int64, t ReviewTask) error {
	var rows []string
	var args []any
	add := func(role string, rs []Resolution) {
		for _, r := range rs {
			if r.State == StateIgnored || len(r.Units) == 0 {
				rows = append(rows, "(?, ?, ?, ?, ?, ?)")
				args = append(args, taskID, nil, role, r.Name, string(StateIgnored), nil)
				continue
			}
			for _, u := range r.Units {
				rows = append(rows, "(?, ?, ?, ?, ?, ?)")
				args = append(args, taskID, u.ID, role, r.Name, string(r.State), store.NullInt(r.GroupID))
			}
		}
	}
	add("lead", t.Lead)
	add("co", t.Co)
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO plan_task_units (task_id, unit_id, role, raw_name, match_kind, group_id) VALUES `+
		strings.Join(rows, ", "), args...)
	return err
}
