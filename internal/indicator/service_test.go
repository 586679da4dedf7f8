package indicator_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fazhi/internal/audit"
	"fazhi/internal/indicator"
	"fazhi/internal/metric"
	"fazhi/internal/org"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

type env struct {
	ctx   context.Context
	svc   *indicator.Service
	units map[string]int64
}

// newEnv builds 清溪县人民政府 → 司法局, 白石镇, 青山镇 and a registry with one
// metric whose value is 90 for 司法局 and 45 elsewhere.
func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	orgs := org.NewService(db, l)
	e := &env{ctx: audit.WithActor(context.Background(), audit.Actor{Username: "fazhiban"}), units: map[string]int64{}}
	add := func(parent int64, name string, level org.Level) int64 {
		u, err := orgs.Create(e.ctx, parent, org.UnitFields{Name: name, Level: level, OrgType: org.OrgAdminOrgan})
		if err != nil {
			t.Fatalf("unit %s: %v", name, err)
		}
		e.units[name] = u.ID
		return u.ID
	}
	gov := add(0, "清溪县人民政府", org.LevelGovernment)
	sfj := add(gov, "清溪县司法局", org.LevelDepartment)
	add(gov, "白石镇人民政府", org.LevelTownship)
	add(gov, "青山镇人民政府", org.LevelTownship)
	reg := metric.New()
	err = reg.Register(metric.Metric{Key: "plan.completion_rate", Name: "任务完成率", Unit: "%", Kind: metric.KindRate, Owner: "规划督办"},
		func(_ context.Context, unitID int64, _ metric.Period) (metric.Value, error) {
			if unitID == sfj {
				return metric.Value{Number: 90, Known: true}, nil
			}
			return metric.Value{Number: 45, Known: true}, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	e.svc = indicator.NewService(db, l, orgs, reg)
	return e
}

var treeRows = [][]string{
	indicator.Columns,
	{"1", "依法全面履行政府职能", "20"},
	{"1.1", "任务落实", "20"},
	{"1.1.1", "年度任务完成率", "10", "自动计算", "plan.completion_rate", "≥90"},
	{"1.1.2", "制度建设", "6", "人工评分", "", "", "", "", "提供制度文件"},
	{"1.1.3", "违法行为", "4", "按次扣分", "", "", "1", "3"},
	{"2", "依法行政制度体系", "10"},
	{"2.1", "规范性文件", "10", "人工评分"},
}

func TestImportAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		nodes, err := e.svc.Import(e.ctx, treeRows)
		if err != nil || len(nodes) != 7 {
			t.Fatalf("import: %v", err)
		}
		bad := append([][]string(nil), treeRows...)
		bad = append(bad, []string{"3", "新增", "5"}, []string{"3.1", "缺分", "4", "人工评分"})
		_, err = e.svc.Import(e.ctx, bad)
		var ve *indicator.ValidationError
		if !errors.As(err, &ve) || ve.Messages()[0] != "第 9 行“分值”：下级指标分值合计 4，应等于本项分值 5" {
			t.Fatalf("bad import: %v", err)
		}
		tree, _ := e.svc.Tree(e.ctx)
		if len(tree) != 7 || tree[2].Code != "1.1.1" || !tree[2].Leaf || tree[1].Leaf {
			t.Fatalf("refused import changed the tree: %+v", tree)
		}
		// an edit keeps the tree valid
		n, err := e.svc.Update(e.ctx, tree[3].ID, indicator.Edit{Name: "制度建设情况", Method: indicator.MethodManual, Description: "新说明"})
		if err != nil || n.Name != "制度建设情况" {
			t.Fatalf("update: %v", err)
		}
		if _, err := e.svc.Update(e.ctx, tree[3].ID, indicator.Edit{Name: "制度建设", Method: indicator.MethodAuto}); !errors.As(err, &ve) {
			t.Fatalf("bad update: %v", err)
		}
		var count int
		_ = db.Read().QueryRowContext(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE action LIKE 'indicator.%'`).Scan(&count)
		if count != 2 {
			t.Errorf("audit rows %d, want 2", count)
		}
	})
}

func TestRoundScoringAndRanking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if _, err := e.svc.Import(e.ctx, treeRows); err != nil {
			t.Fatal(err)
		}
		sfj, bs, qs := e.units["清溪县司法局"], e.units["白石镇人民政府"], e.units["青山镇人民政府"]
		r, err := e.svc.OpenRound(e.ctx, 2025, "2025年度法治政府建设考核", []int64{sfj, bs, qs})
		if err != nil {
			t.Fatal(err)
		}
		// 司法局: auto 10 + claim 6 + 0 occurrences 4 + 2.1 claim 8 → 28
		if err := e.svc.SelfAssess(e.ctx, r.ID, sfj, []indicator.SelfEntry{{Code: "1.1.2", Value: "6", Note: "见制度汇编"},
			{Code: "1.1.3", Value: "0"}, {Code: "2.1", Value: "8"}}); err != nil {
			t.Fatal(err)
		}
		// 白石镇: auto 5 + claim 6 + 1 occurrence 3 + 2.1 claim 10 → 24, reviewer cuts 2.1 to 8 → 22
		if err := e.svc.SelfAssess(e.ctx, r.ID, bs, []indicator.SelfEntry{{Code: "1.1.2", Value: "6"},
			{Code: "1.1.3", Value: "1"}, {Code: "2.1", Value: "10"}}); err != nil {
			t.Fatal(err)
		}
		err = e.svc.SelfAssess(e.ctx, r.ID, qs, []indicator.SelfEntry{{Code: "1.1.2", Value: "5"}, {Code: "2.1", Value: "11"}})
		var ve *indicator.ValidationError
		if !errors.As(err, &ve) || ve.Messages()[0] != "指标 2.1“自评分”：应为 0 到 10 之间的数" {
			t.Fatalf("bad claim: %v", err)
		}
		// a differing score needs a justification
		err = e.svc.ScoreUnit(e.ctx, r.ID, bs, []indicator.ScoreEntry{{Code: "2.1", Score: "8"}})
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), "须填写评分理由") {
			t.Fatalf("no justification: %v", err)
		}
		if err := e.svc.ScoreUnit(e.ctx, r.ID, bs, []indicator.ScoreEntry{{Code: "2.1", Score: "8", Justification: "缺少备案材料"},
			{Code: "1.1.2", Score: "6"}}); err != nil {
			t.Fatal(err)
		}
		// 青山镇 (nothing claimed): auto 5 + deduction unknown 0 … reviewer gives 2.1 17? no: 2.1 = 10, 1.1.2 = 6, 1.1.3 = 1 → 22, ties 白石镇
		if err := e.svc.ScoreUnit(e.ctx, r.ID, qs, []indicator.ScoreEntry{{Code: "2.1", Score: "10", Justification: "材料齐全"},
			{Code: "1.1.2", Score: "6", Justification: "现场核查"}, {Code: "1.1.3", Score: "1", Justification: "发生 3 次"}}); err != nil {
			t.Fatal(err)
		}
		res, err := e.svc.Results(e.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, st := range res.Standings {
			got += st.UnitName + ":" + indicator.Num(st.Total) + "#" + indicator.Num(float64(st.Rank)) + " "
		}
		if got != "清溪县司法局:28#1 白石镇人民政府:22#2 青山镇人民政府:22#2 " {
			t.Fatalf("ranking: %s", got)
		}
		if st := res.Standings[0]; st.Subtotals[0] != 20 || st.Subtotals[1] != 8 {
			t.Errorf("subtotals %v", st.Subtotals)
		}
		var why string
		for _, c := range res.Cells[sfj] {
			if c.Item.Code == "1.1.1" {
				why = c.Basis()
			}
		}
		if !strings.Contains(why, "任务完成率 = 90（来源：规划督办）") {
			t.Errorf("auto basis: %q", why)
		}
		tables := res.Tables()
		if len(tables) != 2 || len(tables[0].Rows) != 3 || len(tables[1].Rows) != 12 {
			t.Errorf("tables: %d", len(tables))
		}
	})
}
