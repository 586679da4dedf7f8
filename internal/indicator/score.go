package indicator

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"fazhi/internal/audit"
	"fazhi/internal/metric"
	"fazhi/internal/store"
)

// Audit actions of scoring.
const (
	ActionSelf  = "assess.self"
	ActionScore = "assess.score"
)

const maxNote = 1000

// Cells returns one unit's cells of a round: every leaf indicator with the
// self-assessment, the automatic score and the reviewer's score.
func (s *Service) Cells(ctx context.Context, r Round, unitID int64) ([]Cell, error) {
	items, err := s.Items(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	all, err := s.storedCells(ctx, s.DB.Read(), r.ID, unitID)
	if err != nil {
		return nil, err
	}
	var out []Cell
	for _, it := range items {
		if !it.Leaf {
			continue
		}
		c := all[[2]any{unitID, it.Code}]
		c.Item = it
		if it.Method == MethodAuto {
			a, err := s.auto(ctx, it, unitID, r.Year)
			if err != nil {
				return nil, err
			}
			c.Auto = &a
		}
		out = append(out, c)
	}
	return out, nil
}

func (s *Service) auto(ctx context.Context, it Node, unitID int64, year int) (Auto, error) {
	if s.Metrics == nil {
		return Auto{Why: "指标目录不可用"}, nil
	}
	if _, ok := s.Metrics.Lookup(it.MetricKey); !ok {
		return Auto{Why: "指标项“" + it.MetricKey + "”不在指标目录中，得 0 分"}, nil
	}
	v, err := s.Metrics.Value(ctx, it.MetricKey, unitID, metric.Year(year))
	if err != nil {
		return Auto{}, fmt.Errorf("indicator %s: %w", it.Code, err)
	}
	return AutoScore(it, s.MetricName(it.MetricKey), v), nil
}

// storedCells reads the stored rows of a round (one unit, or all with 0),
// keyed by unit id and code.
func (s *Service) storedCells(ctx context.Context, q store.Querier, roundID, unitID int64) (map[[2]any]Cell, error) {
	query := `SELECT unit_id, code, claimed, occurrences, self_note, self_by_name, score, justification, scored_by_name
		FROM assessment_scores WHERE round_id = ?`
	args := []any{roundID}
	if unitID != 0 {
		query += ` AND unit_id = ?`
		args = append(args, unitID)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query scores: %w", err)
	}
	defer rows.Close()
	out := map[[2]any]Cell{}
	for rows.Next() {
		var (
			u            int64
			code         string
			claimed, scr sql.NullFloat64
			occ          sql.NullInt64
			c            Cell
		)
		if err := rows.Scan(&u, &code, &claimed, &occ, &c.SelfNote, &c.SelfByName, &scr, &c.Justification, &c.ScoredByName); err != nil {
			return nil, fmt.Errorf("scan score: %w", err)
		}
		if claimed.Valid {
			c.Claimed = &claimed.Float64
		}
		if occ.Valid {
			n := int(occ.Int64)
			c.Occurrences = &n
		}
		if scr.Valid {
			c.Score = &scr.Float64
		}
		out[[2]any{u, code}] = c
	}
	return out, rows.Err()
}

// SelfEntry is a unit's self-assessment of one leaf, as typed in the form:
// Value is the claimed score (manual) or the occurrences (deduction).
type SelfEntry struct {
	Code  string
	Value string
	Note  string
}

// ScoreEntry is a reviewer's score of one leaf; a blank Score clears it.
type ScoreEntry struct {
	Code          string
	Score         string
	Justification string
}

func (s *Service) openRound(ctx context.Context, roundID, unitID int64) (Round, map[string]Node, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return Round{}, nil, err
	}
	if r.Status != "open" {
		return Round{}, nil, &Error{Code: CodeConflict, Message: "本轮考核已结束，不能再修改"}
	}
	if !r.HasUnit(unitID) {
		return Round{}, nil, &Error{Code: CodeNotFound, Message: "该单位未参加本轮考核"}
	}
	items, err := s.Items(ctx, roundID)
	if err != nil {
		return Round{}, nil, err
	}
	byCode := map[string]Node{}
	for _, it := range items {
		if it.Leaf {
			byCode[it.Code] = it
		}
	}
	return r, byCode, nil
}

// SelfAssess stores a unit's self-assessment: all entries or none.
func (s *Service) SelfAssess(ctx context.Context, roundID, unitID int64, entries []SelfEntry) error {
	_, items, err := s.openRound(ctx, roundID, unitID)
	if err != nil {
		return err
	}
	type parsed struct {
		code    string
		claimed any
		occ     any
		note    string
	}
	var ps []parsed
	var probs []Problem
	for _, e := range entries {
		it, ok := items[e.Code]
		if !ok || it.Method == MethodAuto {
			continue
		}
		p := parsed{code: e.Code, note: strings.TrimSpace(e.Note)}
		v := strings.TrimSpace(e.Value)
		if utf8.RuneCountInString(p.note) > maxNote {
			probs = append(probs, Problem{Code: it.Code, Column: "自评说明", Reason: fmt.Sprintf("不能超过 %d 个字", maxNote)})
		}
		if v != "" {
			if it.Method == MethodManual {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || f < 0 || f > it.MaxScore+scoreEpsilon {
					probs = append(probs, Problem{Code: it.Code, Column: "自评分", Reason: fmt.Sprintf("应为 0 到 %s 之间的数", Num(it.MaxScore))})
				}
				p.claimed = round2(f)
			} else {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 || n > 10000 {
					probs = append(probs, Problem{Code: it.Code, Column: "发生次数", Reason: "应为非负整数"})
				}
				p.occ = n
			}
		}
		ps = append(ps, p)
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	by := actorName(audit.ActorFrom(ctx))
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		old, err := s.storedCells(ctx, tx, roundID, unitID)
		if err != nil {
			return err
		}
		var changes []audit.Change
		for _, p := range ps {
			before := old[[2]any{unitID, p.code}]
			b, a := selfText(before.Claimed, before.Occurrences, before.SelfNote), selfText(anyFloat(p.claimed), anyInt(p.occ), p.note)
			if a == b {
				continue
			}
			changes = append(changes, audit.Change{Field: p.code, Before: b, After: a})
			if _, err := tx.ExecContext(ctx, `INSERT INTO assessment_scores (round_id, unit_id, code, claimed, occurrences,
				self_note, self_by_name, self_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (round_id, unit_id, code) DO UPDATE SET claimed = excluded.claimed, occurrences = excluded.occurrences,
				self_note = excluded.self_note, self_by_name = excluded.self_by_name, self_at = excluded.self_at`,
				roundID, unitID, p.code, p.claimed, p.occ, p.note, by, s.now()); err != nil {
				return fmt.Errorf("save self-assessment %s: %w", p.code, err)
			}
		}
		if len(changes) == 0 {
			return nil
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionSelf, ObjectType: "assessment",
			ObjectID: cellObject(roundID, unitID), Changes: changes, Summary: fmt.Sprintf("自评 %d 项", len(changes))})
	})
}

func anyFloat(v any) *float64 {
	if f, ok := v.(float64); ok {
		return &f
	}
	return nil
}

func anyInt(v any) *int {
	if n, ok := v.(int); ok {
		return &n
	}
	return nil
}

func selfText(claimed *float64, occ *int, note string) string {
	var parts []string
	if claimed != nil {
		parts = append(parts, "自评 "+Num(*claimed)+" 分")
	}
	if occ != nil {
		parts = append(parts, "发生 "+strconv.Itoa(*occ)+" 次")
	}
	if note != "" {
		parts = append(parts, note)
	}
	return strings.Join(parts, "；")
}

func cellObject(roundID, unitID int64) string {
	return strconv.FormatInt(roundID, 10) + "/" + strconv.FormatInt(unitID, 10)
}

// EvidenceObject is the attachment object id of a unit's evidence for one
// indicator of a round (object type "assessment").
func EvidenceObject(roundID, unitID int64, code string) string {
	return cellObject(roundID, unitID) + "/" + code
}

// ScoreUnit stores a reviewer's scores of one unit: all or none. A score that
// differs from the unit's claim needs a justification.
func (s *Service) ScoreUnit(ctx context.Context, roundID, unitID int64, entries []ScoreEntry) error {
	r, _, err := s.openRound(ctx, roundID, unitID)
	if err != nil {
		return err
	}
	cells, err := s.Cells(ctx, r, unitID)
	if err != nil {
		return err
	}
	byCode := map[string]Cell{}
	for _, c := range cells {
		byCode[c.Item.Code] = c
	}
	type parsed struct {
		code  string
		score any
		why   string
	}
	var ps []parsed
	var probs []Problem
	for _, e := range entries {
		c, ok := byCode[e.Code]
		if !ok {
			continue
		}
		p := parsed{code: e.Code, why: strings.TrimSpace(e.Justification)}
		if v := strings.TrimSpace(e.Score); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			switch {
			case err != nil || f < 0 || f > c.Item.MaxScore+scoreEpsilon || math.IsNaN(f):
				probs = append(probs, Problem{Code: e.Code, Column: "评分", Reason: fmt.Sprintf("应为 0 到 %s 之间的数", Num(c.Item.MaxScore))})
			case p.why == "" && needsJustification(c, f):
				probs = append(probs, Problem{Code: e.Code, Column: "评分理由", Reason: "评分与自评（或自动计算）结果不一致，须填写评分理由"})
			}
			p.score = round2(f)
		}
		if utf8.RuneCountInString(p.why) > maxNote {
			probs = append(probs, Problem{Code: e.Code, Column: "评分理由", Reason: fmt.Sprintf("不能超过 %d 个字", maxNote)})
		}
		ps = append(ps, p)
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	by := actorName(audit.ActorFrom(ctx))
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		var changes []audit.Change
		for _, p := range ps {
			before := byCode[p.code]
			b, a := scoreText(before.Score, before.Justification), scoreText(anyFloat(p.score), p.why)
			if a == b {
				continue
			}
			changes = append(changes, audit.Change{Field: p.code, Before: b, After: a})
			if _, err := tx.ExecContext(ctx, `INSERT INTO assessment_scores (round_id, unit_id, code, score, justification,
				scored_by_name, scored_at) VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (round_id, unit_id, code) DO UPDATE SET score = excluded.score, justification = excluded.justification,
				scored_by_name = excluded.scored_by_name, scored_at = excluded.scored_at`,
				roundID, unitID, p.code, p.score, p.why, by, s.now()); err != nil {
				return fmt.Errorf("save score %s: %w", p.code, err)
			}
		}
		if len(changes) == 0 {
			return nil
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionScore, ObjectType: "assessment",
			ObjectID: cellObject(roundID, unitID), Changes: changes, Summary: fmt.Sprintf("评分 %d 项", len(changes))})
	})
}

func scoreText(score *float64, why string) string {
	if score == nil {
		return why
	}
	if why == "" {
		return Num(*score) + " 分"
	}
	return Num(*score) + " 分；" + why
}
