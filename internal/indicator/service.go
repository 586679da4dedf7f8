package indicator

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/metric"
	"fazhi/internal/org"
	"fazhi/internal/store"
)

// Audit actions.
const (
	ActionImport = "indicator.import"
	ActionUpdate = "indicator.update"
)

// Service stores the indicator tree and the assessment rounds.
type Service struct {
	DB      *store.DB
	Audit   *audit.Logger
	Org     *org.Service
	Metrics *metric.Registry
	Now     func() time.Time
}

// NewService returns a Service with the real clock.
func NewService(db *store.DB, logger *audit.Logger, units *org.Service, metrics *metric.Registry) *Service {
	return &Service{DB: db, Audit: logger, Org: units, Metrics: metrics, Now: time.Now}
}

func (s *Service) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

func (s *Service) knownMetric(key string) bool {
	if s.Metrics == nil {
		return false
	}
	_, ok := s.Metrics.Lookup(key)
	return ok
}

// MetricName is a metric's Chinese name (the key when unknown).
func (s *Service) MetricName(key string) string {
	if s.Metrics != nil {
		if i, ok := s.Metrics.Lookup(key); ok {
			return i.Name
		}
	}
	return key
}

const nodeColumns = `id, code, level, name, max_score, method, metric_key, target, per_deduction, deduction_cap, description, sort_order`

func scanNodes(ctx context.Context, q store.Querier, query string, args ...any) ([]Node, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query indicators: %w", err)
	}
	defer rows.Close()
	var out []Node
	for rows.Next() {
		var n Node
		var m string
		if err := rows.Scan(&n.ID, &n.Code, &n.Level, &n.Name, &n.MaxScore, &m, &n.MetricKey, &n.Target,
			&n.PerDeduction, &n.DeductionCap, &n.Description, &n.SortOrder); err != nil {
			return nil, fmt.Errorf("scan indicator: %w", err)
		}
		n.Method = Method(m)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	markLeaves(out)
	return out, nil
}

func markLeaves(nodes []Node) {
	parents := map[string]bool{}
	for _, n := range nodes {
		parents[Parent(n.Code)] = true
	}
	for i := range nodes {
		nodes[i].Leaf = !parents[nodes[i].Code]
	}
}

// Tree returns every indicator in code order.
func (s *Service) Tree(ctx context.Context) ([]Node, error) {
	return scanNodes(ctx, s.DB.Read(), `SELECT `+nodeColumns+` FROM indicators ORDER BY sort_order, id`)
}

// Get returns one indicator.
func (s *Service) Get(ctx context.Context, id int64) (Node, error) {
	nodes, err := s.Tree(ctx)
	if err != nil {
		return Node{}, err
	}
	for _, n := range nodes {
		if n.ID == id {
			return n, nil
		}
	}
	return Node{}, &Error{Code: CodeNotFound, Message: "指标不存在"}
}

// Import replaces the whole tree with the rows of a workbook: all or
// nothing. Every problem of every row is reported as *ValidationError.
func (s *Service) Import(ctx context.Context, rows [][]string) ([]Node, error) {
	nodes, probs := ParseSheet(rows)
	if len(probs) == 0 {
		nodes, probs = Validate(nodes, s.knownMetric)
	}
	if len(probs) > 0 {
		return nil, &ValidationError{Problems: probs}
	}
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		var old int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM indicators`).Scan(&old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM indicators`); err != nil {
			return fmt.Errorf("clear indicators: %w", err)
		}
		for _, n := range nodes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO indicators (code, level, name, max_score, method, metric_key,
				target, per_deduction, deduction_cap, description, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				n.Code, n.Level, n.Name, n.MaxScore, string(n.Method), n.MetricKey, n.Target, n.PerDeduction,
				n.DeductionCap, n.Description, n.SortOrder); err != nil {
				return fmt.Errorf("insert indicator %s: %w", n.Code, err)
			}
		}
		c := Counts(nodes)
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionImport, ObjectType: "indicator", ObjectID: "tree",
			Summary: fmt.Sprintf("导入指标体系：一级 %d 项、二级 %d 项、三级 %d 项（替换原有 %d 项）", c[1], c[2], c[3], old)})
	})
	if err != nil {
		return nil, err
	}
	return nodes, nil
}

// Edit is what the edit form may change; code and score change only by a
// new import, since a score change must keep the sums of the whole tree.
type Edit struct {
	Name         string
	Method       Method
	MetricKey    string
	Target       string
	PerDeduction float64
	DeductionCap float64
	Description  string
}

// Update changes one indicator after checking the tree it would make.
func (s *Service) Update(ctx context.Context, id int64, e Edit) (Node, error) {
	var out Node
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		nodes, err := scanNodes(ctx, tx, `SELECT `+nodeColumns+` FROM indicators ORDER BY sort_order, id`)
		if err != nil {
			return err
		}
		idx := -1
		for i, n := range nodes {
			if n.ID == id {
				idx = i
			}
		}
		if idx < 0 {
			return &Error{Code: CodeNotFound, Message: "指标不存在"}
		}
		before := nodes[idx]
		n := &nodes[idx]
		n.Name, n.Method, n.MetricKey, n.Target = e.Name, e.Method, e.MetricKey, e.Target
		n.PerDeduction, n.DeductionCap, n.Description = e.PerDeduction, e.DeductionCap, e.Description
		if _, probs := Validate(nodes, s.knownMetric); len(probs) > 0 {
			return &ValidationError{Problems: probs}
		}
		out = *n
		if _, err := tx.ExecContext(ctx, `UPDATE indicators SET name = ?, method = ?, metric_key = ?, target = ?,
			per_deduction = ?, deduction_cap = ?, description = ? WHERE id = ?`, n.Name, string(n.Method), n.MetricKey,
			n.Target, n.PerDeduction, n.DeductionCap, n.Description, id); err != nil {
			return fmt.Errorf("update indicator: %w", err)
		}
		changes := audit.Diff([]string{"名称", "评分方式", "指标项", "目标值", "每次扣分", "扣分上限", "说明"},
			nodeFields(before), nodeFields(*n))
		if len(changes) == 0 {
			return nil
		}
		return s.Audit.Record(ctx, tx, audit.Entry{Action: ActionUpdate, ObjectType: "indicator",
			ObjectID: strconv.FormatInt(id, 10), Changes: changes, Summary: "修改指标 " + n.Code + " " + n.Name})
	})
	return out, err
}

func nodeFields(n Node) map[string]any {
	return map[string]any{"名称": n.Name, "评分方式": n.Method.Label(), "指标项": n.MetricKey, "目标值": n.Target,
		"每次扣分": Num(n.PerDeduction), "扣分上限": Num(n.DeductionCap), "说明": n.Description}
}
