package plan_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/org"
	"fazhi/internal/plan"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// county is a small county: government, a few departments, two townships
// and the groups a plan's collective names expand to.
type county struct {
	t      *testing.T
	db     *store.DB
	ctx    context.Context
	svc    *plan.Service
	units  map[string]org.Unit
	groups map[string]int64
}

func newCounty(t *testing.T, db *store.DB) *county {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	orgs := org.NewService(db, l)
	c := &county{t: t, db: db, svc: plan.NewService(db, l, orgs), units: map[string]org.Unit{}, groups: map[string]int64{},
		ctx: audit.WithActor(context.Background(), audit.Actor{Username: "fazhiban"})}
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c.svc.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	gov := c.unit(orgs, 0, "清溪县人民政府", "县政府", org.LevelGovernment)
	for _, d := range []string{"清溪县司法局", "清溪县人民政府办公室", "清溪县发展和改革局", "清溪县财政局", "清溪县教育局"} {
		c.unit(orgs, gov.ID, d, strings.TrimPrefix(d, "清溪县"), org.LevelDepartment)
	}
	c.unit(orgs, gov.ID, "清溪县白石镇人民政府", "白石镇", org.LevelTownship)
	c.unit(orgs, gov.ID, "清溪街道办事处", "清溪街道", org.LevelSubdistrict)
	c.group("各乡镇（街道）", nil, "清溪县白石镇人民政府", "清溪街道办事处")
	c.group("县政府各部门", []string{"县政府有关部门", "县政府其他部门"}, "清溪县司法局", "清溪县人民政府办公室",
		"清溪县发展和改革局", "清溪县财政局", "清溪县教育局")
	return c
}

func (c *county) unit(orgs *org.Service, parent int64, name, short string, level org.Level) org.Unit {
	c.t.Helper()
	u, err := orgs.Create(c.ctx, parent, org.UnitFields{Name: name, ShortName: short, Level: level, OrgType: org.OrgAdminOrgan})
	if err != nil {
		c.t.Fatalf("unit %s: %v", name, err)
	}
	c.units[name] = u
	return u
}

func (c *county) group(name string, aliases []string, members ...string) {
	c.t.Helper()
	g := plan.Group{Name: name, Aliases: aliases}
	for _, m := range members {
		g.UnitIDs = append(g.UnitIDs, c.units[m].ID)
	}
	id, err := c.svc.SaveGroup(c.ctx, g)
	if err != nil {
		c.t.Fatalf("group %s: %v", name, err)
	}
	c.groups[name] = id
}

func (c *county) count(q string, args ...any) int {
	c.t.Helper()
	var n int
	if err := c.db.Read().QueryRowContext(c.ctx, q, args...).Scan(&n); err != nil {
		c.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func seedText(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/zhangye_2021_2025.txt")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A city plan imported into a county: 市司法局 ≈ 清溪县司法局 by the place
// rule, 市政府有关部门 expands to the county's departments, names of city
// bodies must be decided before confirmation.
func TestImportDraftReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		id, err := c.svc.CreateDraft(c.ctx, plan.Upload{Name: "张掖.txt", Data: seedText(t)})
		if err != nil {
			t.Fatal(err)
		}
		rv, err := c.svc.Review(c.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(rv.Tasks) != 39 || rv.Draft.Title != "张掖市法治政府建设实施方案(2021-2025年)" {
			t.Fatalf("tasks %d title %q", len(rv.Tasks), rv.Draft.Title)
		}
		want := map[string]plan.MatchState{"市司法局": plan.StateAlias, "市政府办公室": plan.StateAlias,
			"市政府有关部门": plan.StateGroup, "市政府其他部门": plan.StateGroup, "各县区政府": plan.StateUnmatched,
			"市检察院": plan.StateUnmatched, "市教育局": plan.StateAlias}
		for name, state := range want {
			r, ok := rv.Resolution(name)
			if !ok || r.State != state {
				t.Errorf("%s: %+v, want %s", name, r, state)
			}
		}
		if r, _ := rv.Resolution("市政府有关部门"); len(r.Units) != 5 || r.GroupName != "县政府各部门" {
			t.Errorf("市政府有关部门 expands to %+v", r)
		}
		if r, _ := rv.Resolution("市司法局"); r.Units[0].ID != c.units["清溪县司法局"].ID || r.Score != 0.9 {
			t.Errorf("市司法局 = %+v", r)
		}
		if !slices.Contains(rv.Unresolved, "各县区政府") || slices.Contains(rv.Unresolved, "市司法局") {
			t.Errorf("unresolved %q", rv.Unresolved)
		}
		if c.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, plan.ActionDraft) != 1 {
			t.Error("draft not audited")
		}
	})
}

// Confirmation is refused while names are unresolved, and nothing is
// saved; after mapping it saves the plan in one go, audited.
func TestImportConfirm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		id, err := c.svc.CreateDraft(c.ctx, plan.Upload{Name: "张掖.txt", Data: seedText(t)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.svc.Confirm(c.ctx, id)
		var pe *plan.Error
		if !errors.As(err, &pe) || pe.Code != plan.CodeInvalid || !strings.Contains(pe.Message, "各县区政府") {
			t.Fatalf("confirm with unresolved names: %v", err)
		}
		if n := c.count(`SELECT COUNT(*) FROM plans`) + c.count(`SELECT COUNT(*) FROM plan_tasks`); n != 0 {
			t.Fatalf("refused confirm saved %d rows", n)
		}
		if c.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, plan.ActionImport) != 0 {
			t.Error("refused confirm audited as import")
		}
		rv, _ := c.svc.Review(c.ctx, id)
		m := map[string]plan.Mapping{}
		for _, name := range rv.Unresolved {
			m[name] = plan.Mapping{Ignore: true}
		}
		m["各县区政府"] = plan.Mapping{GroupID: c.groups["各乡镇（街道）"]}
		m["市检察院"] = plan.Mapping{UnitID: c.units["清溪县司法局"].ID}
		if err := c.svc.MapNames(c.ctx, id, m); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.MapNames(c.ctx, id, map[string]plan.Mapping{"不存在的单位": {Ignore: true}}); err == nil {
			t.Error("mapping a name the draft lacks accepted")
		}
		planID, err := c.svc.Confirm(c.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		checkConfirmed(t, c, planID)
		if _, err := c.svc.Confirm(c.ctx, id); err == nil {
			t.Error("second confirm accepted")
		}
	})
}

func checkConfirmed(t *testing.T, c *county, planID int64) {
	t.Helper()
	p, err := c.svc.Get(c.ctx, planID)
	if err != nil {
		t.Fatal(err)
	}
	if p.TaskCount != 39 || len(p.Chapters) != 10 || p.DocType != "实施方案" || p.Issuer != "张掖市" ||
		!strings.Contains(p.Text, "(二十五)发挥行政复议") || p.SourceName != "张掖.txt" {
		t.Errorf("plan %+v", p.Plan)
	}
	t1, t25 := findTask(t, p, 1), findTask(t, p, 25)
	if t1.Title != "指导思想" || !t1.Framing || len(t1.Lead) != 0 {
		t.Errorf("task 1 %+v", t1)
	}
	if t25.No != 25 || t25.Title != "发挥行政复议化解行政争议主渠道作用" || len(t25.Lead) != 5 {
		t.Fatalf("task 25 %+v", t25)
	}
	if n := t25.Lead[4]; n.Raw != "各县区政府" || n.State != plan.StateGroup || len(n.Units) != 2 {
		t.Errorf("各县区政府 stored as %+v", n)
	}
	if n := t25.Lead[1]; n.Raw != "市检察院" || n.State != plan.StateMapped || n.Units[0].Name != "清溪县司法局" {
		t.Errorf("市检察院 stored as %+v", n)
	}
	if len(t25.Milestones) != 1 || t25.Milestones[0].Date != "2022-12-31" || t25.Milestones[0].Label() != "2022年12月31日前" {
		t.Errorf("task 25 milestones %+v", t25.Milestones)
	}
	t36 := findTask(t, p, 36)
	if t36.No != 36 || len(t36.Milestones) != 2 || t36.Milestones[1].Kind != plan.Recurring || t36.Milestones[1].Label() != "每年" {
		t.Errorf("task 36 %+v", t36)
	}
	if c.count(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND object_id = ?`, plan.ActionImport, fmt.Sprint(planID)) != 1 {
		t.Error("confirm not audited")
	}
	if c.count(`SELECT COUNT(*) FROM plan_drafts`) != 0 {
		t.Error("draft kept after confirm")
	}
}

func TestImportRefusesBadFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		for name, data := range map[string][]byte{
			"empty":  []byte("  \n"),
			"binary": {0x00, 0x01, 0xff, 0xfe, 0x7f, 0x80, 0x00},
			"prose":  []byte("这是一段没有任何编号的文字。"),
			"zip":    []byte("PK\x03\x04garbage"),
			"pdf":    []byte("%PDF-1.7"),
		} {
			_, err := c.svc.CreateDraft(c.ctx, plan.Upload{Name: name, Data: data})
			var pe *plan.Error
			if !errors.As(err, &pe) || pe.Code != plan.CodeInvalid {
				t.Errorf("%s: %v", name, err)
			}
		}
		if c.count(`SELECT COUNT(*) FROM plan_drafts`) != 0 {
			t.Error("a bad file left a draft")
		}
	})
}

func findTask(t *testing.T, p plan.PlanDetail, no int) plan.Task {
	t.Helper()
	for _, c := range p.Chapters {
		for _, task := range c.Tasks {
			if task.No == no {
				return task
			}
		}
	}
	t.Fatalf("task %d not found", no)
	return plan.Task{}
}
