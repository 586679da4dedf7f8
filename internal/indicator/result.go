package indicator

import (
	"context"
	"fmt"
	"strconv"

	"fazhi/internal/xlsx"
)

// Result is a round's ranked table.
type Result struct {
	Round     Round
	Tops      []Node // level-1 indicators, the columns of the subtotals
	Standings []Standing
	Cells     map[int64][]Cell // by unit id, for the justification of every score
}

// Results scores every unit of a round and ranks them.
func (s *Service) Results(ctx context.Context, roundID int64) (Result, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return Result{}, err
	}
	items, err := s.Items(ctx, roundID)
	if err != nil {
		return Result{}, err
	}
	res := Result{Round: r, Cells: map[int64][]Cell{}}
	col := map[string]int{}
	for _, it := range items {
		if it.Level == 1 {
			col[it.Code] = len(res.Tops)
			res.Tops = append(res.Tops, it)
		}
	}
	for _, uid := range r.UnitIDs {
		u, err := s.Org.Get(ctx, uid)
		if err != nil {
			return Result{}, fmt.Errorf("round unit %d: %w", uid, err)
		}
		cells, err := s.Cells(ctx, r, uid)
		if err != nil {
			return Result{}, err
		}
		st := Standing{UnitID: uid, UnitName: u.Name, SortKey: u.SortOrder, Subtotals: make([]float64, len(res.Tops)), Leaves: len(cells)}
		for _, c := range cells {
			f := c.Final()
			st.Subtotals[col[Top(c.Item.Code)]] += f
			st.Total += f
			if c.Reviewed() {
				st.Reviewed++
			}
		}
		for i := range st.Subtotals {
			st.Subtotals[i] = round2(st.Subtotals[i])
		}
		st.Total = round2(st.Total)
		res.Standings = append(res.Standings, st)
		res.Cells[uid] = cells
	}
	Rank(res.Standings)
	return res, nil
}

// Tables are the result as two worksheets: the ranking with subtotals, and
// every score with its justification.
func (res Result) Tables() []xlsx.Table {
	rank := xlsx.Table{Sheet: "排名", Title: fmt.Sprintf("%s（%d年度）考核结果", res.Round.Title, res.Round.Year)}
	rank.Headers = []string{"名次", "单位"}
	rank.Widths = []float64{8, 30}
	for _, t := range res.Tops {
		rank.Headers = append(rank.Headers, t.Code+" "+t.Name+"（"+Num(t.MaxScore)+"分）")
		rank.Widths = append(rank.Widths, 18)
	}
	rank.Headers = append(rank.Headers, "总分", "已评分/末级指标")
	for _, st := range res.Standings {
		row := []any{st.Rank, st.UnitName}
		for _, v := range st.Subtotals {
			row = append(row, v)
		}
		row = append(row, st.Total, strconv.Itoa(st.Reviewed)+"/"+strconv.Itoa(st.Leaves))
		rank.Rows = append(rank.Rows, row)
	}
	detail := xlsx.Table{Sheet: "评分明细",
		Headers: []string{"单位", "编码", "指标", "分值", "评分方式", "自评/自动结果", "自评说明", "评分", "得分", "评分依据", "评分人"},
		Widths:  []float64{26, 10, 36, 8, 10, 12, 30, 8, 8, 60, 12}}
	for _, st := range res.Standings {
		for _, c := range res.Cells[st.UnitID] {
			claim := ""
			if v, ok := c.Claim(); ok {
				claim = Num(v)
			}
			scored := ""
			if c.Score != nil {
				scored = Num(*c.Score)
			}
			detail.Rows = append(detail.Rows, []any{st.UnitName, c.Item.Code, c.Item.Name, c.Item.MaxScore,
				c.Item.Method.Label(), claim, c.SelfNote, scored, c.Final(), c.Basis(), c.ScoredByName})
		}
	}
	return []xlsx.Table{rank, detail}
}

// Basis is the justification of the score that counts.
func (c Cell) Basis() string {
	switch {
	case c.Score != nil && c.Justification != "":
		return c.Justification
	case c.Score != nil:
		return "评分与自评一致"
	case c.Auto != nil:
		return c.Auto.Why
	case c.Item.Method == MethodDeduction && c.Occurrences != nil:
		return fmt.Sprintf("自报发生 %d 次，%s（待评分）", *c.Occurrences, c.Item.RuleText())
	case c.Claimed != nil:
		return "自评分（待评分）"
	}
	return "未自评"
}
