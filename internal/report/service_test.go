package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"fazhi/internal/audit"
	"fazhi/internal/deadline"
	"fazhi/internal/ledger"
	"fazhi/internal/metric"
	"fazhi/internal/org"
	"fazhi/internal/report"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// env is a district government (named 海曙区, as in seed 002) with two
// departments, the ledger, the metric registry and the deadline monitor.
type env struct {
	t      *testing.T
	db     *store.DB
	ctx    context.Context
	svc    *report.Service
	ledger *ledger.Service
	dl     *deadline.Service
	gov    org.Unit
	depts  []org.Unit
	now    time.Time
}

func setup(t *testing.T, db *store.DB) *env {
	t.Helper()
	l, err := audit.NewLogger("")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db, ctx: audit.WithActor(context.Background(), audit.Actor{Username: "fazhiban"}),
		now: time.Date(2021, 2, 10, 2, 0, 0, 0, time.UTC)}
	orgs := org.NewService(db, l)
	for _, r := range []org.Region{{Code: "330000", Name: "浙江省"}, {Code: "330200", Name: "宁波市", ParentCode: "330000"},
		{Code: "330203", Name: "海曙区", ParentCode: "330200"}} {
		if _, err := orgs.CreateRegion(e.ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if e.gov, err = orgs.Create(e.ctx, 0, org.UnitFields{Name: "海曙区", Level: org.LevelGovernment,
		OrgType: org.OrgAdminOrgan, RegionCode: "330203"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"海曙区司法局", "海曙区市场监督管理局"} {
		u, err := orgs.Create(e.ctx, e.gov.ID, org.UnitFields{Name: n, Level: org.LevelDepartment, OrgType: org.OrgAdminOrgan})
		if err != nil {
			t.Fatal(err)
		}
		e.depts = append(e.depts, u)
	}
	clock := func() time.Time { return e.now }
	reg := metric.New()
	e.ledger = ledger.NewService(db, l, orgs)
	e.ledger.Now = clock
	if err := e.ledger.RegisterMetrics(reg); err != nil {
		t.Fatal(err)
	}
	e.dl = deadline.NewService(db, l)
	e.dl.Now = clock
	e.svc = report.NewService(db, l, orgs, reg)
	e.svc.Ledger, e.svc.Deadlines, e.svc.Now = e.ledger, e.dl, clock
	return e
}

// seed002 are the 2020 figures of the 海曙区 report (seed 002) as entered in
// the district's 台账: the ledger key, the value, the section of the report
// the figure belongs in, and the words the drafted text must say. Where the
// seed gives only a rate that the ledger computes (报备率 100 %, 出庭率
// 100 %, 化解率 96.9 %), the counts behind it are chosen to give that rate.
var seed002 = []struct {
	key, value, section, says string
}{
	{"counsel.dept", "49", "a.decision", "政府部门法律顾问49人"},
	{"counsel.town", "23", "a.decision", "乡镇（街道）法律顾问23人"},
	{"counsel.public_lawyer", "46", "a.decision", "公职律师46人"},
	{"counsel.coverage", "100", "a.decision", "法律顾问配置率达到100%"},
	{"decision.catalogued", "4", "a.decision", "纳入重大行政决策事项目录管理并公布4项"},
	{"decision.evaluated", "1", "a.decision", "开展决策后评估1项"},
	{"enforce.officers", "2210", "a.enforce", "年末持证执法人员2210人"},
	{"enforce.subjects", "4", "a.enforce", "确认并公告行政执法主体4个"},
	{"enforce.inspections", "19261", "a.enforce", "实施行政检查19261户次"},
	{"enforce.mobile_rate", "98.38", "a.enforce", "掌上执法率98.38%"},
	{"enforce.random_rate", "100", "a.enforce", "“双随机”任务完成率100%"},
	{"enforce.disposal_rate", "95.38", "a.enforce", "事件处置率95.38%"},
	{"enforce.excellent_cases", "6", "a.enforce", "评出优秀案卷6卷"},
	{"enforce.supervision_notices", "4", "a.enforce", "制发执法监督通知书4份"},
	{"normdoc.issued", "12", "a.normdoc", "制定行政规范性文件12件"},
	{"normdoc.filed", "12", "a.normdoc", "报备率100%"},
	{"normdoc.cleaned", "213", "a.normdoc", "清理行政规范性文件213件"},
	{"normdoc.clean_kept", "144", "a.normdoc", "拟继续有效144件"},
	{"normdoc.clean_repealed", "67", "a.normdoc", "拟废止67件"},
	{"normdoc.clean_amended", "2", "a.normdoc", "拟修改2件"},
	{"proposal.npc", "105", "a.oversight", "答复人大代表建议105件"},
	{"proposal.cppcc", "210", "a.oversight", "答复政协提案210件"},
	{"open.proactive", "46000", "a.open", "主动公开政府信息46000条"},
	{"review.received", "86", "a.review", "新收行政复议案件86件"},
	{"review.closed", "79", "a.review", "办结79件"},
	{"review.corrected", "8", "a.review", "直接纠错8件"},
	{"review.mediated", "29", "a.review", "成功调解行政争议29件"},
	{"litigation.cases", "31", "a.review", "应诉行政诉讼案件31件"},
	{"litigation.head_appeared", "31", "a.review", "出庭应诉率100%"},
	{"dispute.received", "40083", "a.dispute", "受理各类矛盾纠纷40083件"},
	{"dispute.resolved", "38840", "a.dispute", "化解率96.9%"},
	{"dispute.committees", "318", "a.dispute", "人民调解委员会318个"},
	{"dispute.mediated", "12083", "a.dispute", "人民调解组织调解成功矛盾纠纷12083件"},
	{"training.lectures", "200", "a.training", "举办法治讲座200场"},
	{"training.campaigns", "400", "a.training", "开展法治宣传活动400场"},
}

// enterSeed002 saves the figures in the district's own 台账 for 2020, each
// with its source note.
func (e *env) enterSeed002() {
	e.t.Helper()
	values, notes := map[string]string{}, map[string]string{}
	for _, f := range seed002 {
		values[f.key], notes[f.key] = f.value, "来源：海曙区2020年度法治政府建设情况报告"
	}
	if err := e.ledger.Save(e.ctx, e.gov.ID, 2020, values, notes); err != nil {
		e.t.Fatalf("ledger: %v", err)
	}
}

func (e *env) create(year int) report.Full {
	e.t.Helper()
	id, err := e.svc.Create(e.ctx, report.CreateInput{UnitID: e.gov.ID, Year: year})
	if err != nil {
		e.t.Fatalf("create: %v", err)
	}
	return e.load(id)
}

func (e *env) load(id int64) report.Full {
	e.t.Helper()
	full, err := e.svc.Load(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return full
}

func sectionOf(full report.Full, key string) (report.Section, bool) {
	for _, s := range full.Sections {
		if s.Key == key {
			return s, true
		}
	}
	return report.Section{}, false
}

// plainText is a section's text as the document reads.
func plainText(full report.Full, s report.Section) string {
	var out []string
	for _, p := range s.Paragraphs() {
		out = append(out, report.Plain(p, full.Figures[s.Snapshot]))
	}
	return strings.Join(out, "\n")
}

// TestHaishu2020FromLedger is the check: the 2020 figures of seed
// 002 entered in the 台账 of 海曙区 give a 2020 report in which each
// appears in its section, cites its figure and links to where it was
// entered; the DOCX carries them too.
func TestHaishu2020FromLedger(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.enterSeed002()
		full := e.create(2020)
		if full.Title != "海曙区关于2020年度法治政府建设情况的报告" || full.Addressee != "中共海曙区委、海曙区人大常委会、宁波市人民政府：" {
			t.Errorf("frame: %q / %q", full.Title, full.Addressee)
		}
		if full.SubmitBy != "2021-03-01" || full.PublishBy != "2021-04-01" {
			t.Errorf("deadlines %s / %s", full.SubmitBy, full.PublishBy)
		}
		figs := full.Current()
		wantLink := fmt.Sprintf("/ledger?unit=%d&year=2020#field-", e.gov.ID)
		for _, f := range seed002 {
			var in []string
			for _, s := range full.Sections {
				if strings.Contains(s.Body, report.Token(f.key)) {
					in = append(in, s.Key)
				}
			}
			if len(in) != 1 || in[0] != f.section {
				t.Errorf("%s: cited in sections %v, want only %s", f.key, in, f.section)
				continue
			}
			sec, _ := sectionOf(full, f.section)
			if text := plainText(full, sec); !strings.Contains(text, f.says) {
				t.Errorf("%s: section %s does not say %q:\n%s", f.key, f.section, f.says, text)
			}
			fig := figs[f.key]
			if !fig.Known || fig.Native || fig.Source != metric.LedgerFrom || !strings.HasPrefix(fig.Link, wantLink) {
				t.Errorf("%s: figure %+v, want a 台账 figure linking to %s…", f.key, fig, wantLink)
			}
		}
		// Computed rates link to their row of the form that entered their parts.
		for _, key := range []string{"dispute.resolve_rate", "normdoc.filing_rate", "litigation.appear_rate"} {
			if got := figs[key].Link; got != wantLink+key {
				t.Errorf("%s links to %q, want %q", key, got, wantLink+key)
			}
		}
		// Figures that were not entered are left out of the text, not written as 0.
		if sec, _ := sectionOf(full, "a.enforce"); strings.Contains(sec.Body, report.Token("enforce.penalties")) {
			t.Errorf("unentered 处罚件数 cited: %s", sec.Body)
		}
		// The ledger entry behind a link holds the figure and its source note.
		sheet, err := e.ledger.Get(e.ctx, e.gov.ID, 2020)
		if err != nil {
			t.Fatal(err)
		}
		if en := sheet.Entries["enforce.inspections"]; en.Value != "19261" || !strings.Contains(en.Note, "海曙区") {
			t.Errorf("ledger entry: %+v", en)
		}
		// The exported document says the same.
		var buf bytes.Buffer
		if err := full.Document("2021-02-20").WriteDOCX(&buf); err != nil {
			t.Fatal(err)
		}
		doc := docxText(t, buf.Bytes())
		for _, want := range []string{"海曙区关于2020年度法治政府建设情况的报告", "一、2020年度推进法治政府建设的主要举措和成效",
			"（五）坚持严格规范公正文明执法", "实施行政检查19261户次", "新收行政复议案件86件", "化解率96.9%", "2021年2月20日"} {
			if !strings.Contains(doc, want) {
				t.Errorf("DOCX lacks %q", want)
			}
		}
		if strings.Contains(doc, "〔") {
			t.Errorf("DOCX still holds tokens")
		}
	})
}

var reTags = regexp.MustCompile(`<[^>]+>`)

// docxText is the text of a DOCX's main part, paragraphs on lines.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(rc)
		rc.Close()
		return reTags.ReplaceAllString(strings.ReplaceAll(string(raw), "</w:p>", "\n"), "")
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestCreateRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.create(2020)
		_, err := e.svc.Create(e.ctx, report.CreateInput{UnitID: e.gov.ID, Year: 2020})
		if !errors.Is(err, report.ErrConflict) || !strings.Contains(err.Error(), "已经存在") {
			t.Errorf("duplicate: %v", err)
		}
		for _, in := range []report.CreateInput{{UnitID: e.gov.ID, Year: 1999}, {UnitID: e.gov.ID, Year: 2021, SubmitBy: "三月"},
			{UnitID: e.gov.ID, Year: 2021, SubmitBy: "2022-05-01", PublishBy: "2022-04-01"}} {
			if _, err := e.svc.Create(e.ctx, in); !errors.Is(err, report.ErrInvalid) {
				t.Errorf("%+v: %v", in, err)
			}
		}
		if _, err := e.svc.Create(e.ctx, report.CreateInput{UnitID: 9999, Year: 2021}); !errors.Is(err, report.ErrNotFound) {
			t.Errorf("unknown unit: %v", err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM reports`); n != 1 {
			t.Errorf("%d reports after refusals", n)
		}
	})
}

func count(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSectionVersions: every save is a version; a save over a newer version
// is refused and nothing is lost; restore and redraft add versions.
func TestSectionVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.enterSeed002()
		full := e.create(2020)
		sec, _ := sectionOf(full, "a.review")
		if sec.Version != 1 {
			t.Fatalf("first version %d", sec.Version)
		}
		body := sec.Body + "\n全年行政首长出庭率继续保持〔litigation.appear_rate〕%。"
		v, err := e.svc.SaveSection(e.ctx, full.ID, sec.Key, report.SectionInput{Heading: sec.Heading, Body: body, Note: "补充出庭率", Base: 1})
		if err != nil || v != 2 {
			t.Fatalf("save: %d %v", v, err)
		}
		// A second editor who still had version 1 open.
		_, err = e.svc.SaveSection(e.ctx, full.ID, sec.Key, report.SectionInput{Heading: sec.Heading, Body: "覆盖", Base: 1})
		if !errors.Is(err, report.ErrConflict) || !strings.Contains(err.Error(), "第 2 版") {
			t.Fatalf("stale base: %v", err)
		}
		if _, err := e.svc.SaveSection(e.ctx, full.ID, sec.Key, report.SectionInput{Heading: sec.Heading, Body: body, Base: 2}); !errors.Is(err, report.ErrInvalid) {
			t.Errorf("unchanged save: %v", err)
		}
		if _, err := e.svc.SaveSection(e.ctx, full.ID, sec.Key, report.SectionInput{Heading: sec.Heading, Body: "引用〔no.such_figure〕", Base: 2}); !errors.Is(err, report.ErrInvalid) {
			t.Errorf("unknown figure: %v", err)
		}
		if _, err := e.svc.SaveSection(e.ctx, full.ID, sec.Key, report.SectionInput{Heading: "", Body: "x", Base: 2}); !errors.Is(err, report.ErrInvalid) {
			t.Errorf("empty heading: %v", err)
		}
		if _, err := e.svc.SaveSection(e.ctx, full.ID, "a.nothing", report.SectionInput{Heading: "x", Body: "x"}); !errors.Is(err, report.ErrNotFound) {
			t.Errorf("unknown section: %v", err)
		}
		if v, err := e.svc.Restore(e.ctx, full.ID, sec.Key, 1); err != nil || v != 3 {
			t.Fatalf("restore: %d %v", v, err)
		}
		if _, err := e.svc.Restore(e.ctx, full.ID, sec.Key, 3); !errors.Is(err, report.ErrInvalid) {
			t.Errorf("restore current: %v", err)
		}
		if _, err := e.svc.Restore(e.ctx, full.ID, sec.Key, 9); !errors.Is(err, report.ErrNotFound) {
			t.Errorf("restore missing: %v", err)
		}
		cur, _ := e.svc.Section(e.ctx, full.ID, sec.Key)
		if cur.Body != sec.Body || cur.Version != 3 {
			t.Errorf("restored body differs (v%d)", cur.Version)
		}
		if v, err := e.svc.Redraft(e.ctx, full.ID, sec.Key); err != nil || v != 4 {
			t.Fatalf("redraft: %d %v", v, err)
		}
		vs, _, err := e.svc.History(e.ctx, full.ID, sec.Key)
		if err != nil || len(vs) != 4 {
			t.Fatalf("history: %d %v", len(vs), err)
		}
		kinds := []string{vs[0].Kind, vs[1].Kind, vs[2].Kind, vs[3].Kind}
		if strings.Join(kinds, ",") != "redraft,restore,edit,draft" || vs[2].Note != "补充出庭率" {
			t.Errorf("history kinds %v, note %q", kinds, vs[2].Note)
		}
		diff := report.Diff(vs[3].Body, vs[2].Body)
		if last := diff[len(diff)-1]; last.Op != report.OpIns {
			t.Errorf("diff of the added paragraph: %+v", last)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, report.ActionSection); n != 3 {
			t.Errorf("%d section audit records, want 3", n)
		}
	})
}

// TestRefreshKeepsHistory: a corrected 台账 figure reaches the report by a
// refresh; sections that cite it get a version citing the new snapshot and
// the old version still reads the old figure.
func TestRefreshKeepsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.enterSeed002()
		full := e.create(2020)
		if err := e.ledger.Save(e.ctx, e.gov.ID, 2020, map[string]string{"review.received": "87"}, nil); err != nil {
			t.Fatal(err)
		}
		changed, err := e.svc.Refresh(e.ctx, full.ID)
		if err != nil {
			t.Fatal(err)
		}
		if changed != 1 { // 新收 only: no computed rate divides by it
			t.Errorf("%d figures changed, want 1", changed)
		}
		after := e.load(full.ID)
		if after.Snapshot != 2 {
			t.Fatalf("snapshot %d", after.Snapshot)
		}
		rev, _ := sectionOf(after, "a.review")
		if rev.Version != 2 || rev.Snapshot != 2 || !strings.Contains(plainText(after, rev), "新收行政复议案件87件") {
			t.Errorf("review section after refresh: v%d s%d %s", rev.Version, rev.Snapshot, plainText(after, rev))
		}
		enf, _ := sectionOf(after, "a.enforce")
		if enf.Version != 1 {
			t.Errorf("untouched section got version %d", enf.Version)
		}
		vs, snaps, err := e.svc.History(e.ctx, full.ID, "a.review")
		if err != nil || len(vs) != 2 || vs[0].Kind != report.KindRefresh {
			t.Fatalf("history %v %v", vs, err)
		}
		if old := report.Plain(vs[1].Body, snaps[vs[1].Snapshot]); !strings.Contains(old, "新收行政复议案件86件") {
			t.Errorf("old version lost its figure: %s", old)
		}
	})
}

// TestWorkflow: submit, publish and withdraw, with the deadlines they meet
// and the portal's view.
func TestWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		e.enterSeed002()
		full := e.create(2020)
		items, err := e.svc.DeadlineItems(e.ctx, full.ID)
		if err != nil || len(items) != 2 {
			t.Fatalf("deadlines: %v %v", items, err)
		}
		for _, it := range items {
			if it.Status != deadline.StatusOpen || it.Citation == "" || it.UnitID != e.gov.ID {
				t.Errorf("deadline %+v", it)
			}
		}
		if _, err := e.svc.Publish(e.ctx, full.ID); !errors.Is(err, report.ErrConflict) || !strings.Contains(err.Error(), "尚未报送") {
			t.Errorf("publish before submit: %v", err)
		}
		for _, c := range []struct{ on, to, want string }{
			{"2021-02-11", "区委、市政府", "晚于今天"},
			{"2020-12-30", "区委、市政府", "年度结束之后"},
			{"2021-02-09", "", "报送对象"},
			{"二月", "区委", "报送日期"},
		} {
			if err := e.svc.Submit(e.ctx, full.ID, c.on, c.to); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("submit %s/%s: %v, want %q", c.on, c.to, err, c.want)
			}
		}
		if err := e.svc.Submit(e.ctx, full.ID, "2021-02-09", "区委、宁波市人民政府"); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Submit(e.ctx, full.ID, "2021-02-09", "区委"); !errors.Is(err, report.ErrConflict) {
			t.Errorf("second submit: %v", err)
		}
		// The draft still asks for what the data cannot say.
		_, err = e.svc.Publish(e.ctx, full.ID)
		if !errors.Is(err, report.ErrConflict) || !strings.Contains(err.Error(), "【请补充") {
			t.Fatalf("publish with placeholders: %v", err)
		}
		fillPlaceholders(t, e, full.ID)
		pubID, err := e.svc.Publish(e.ctx, full.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.svc.SetMeta(e.ctx, full.ID, report.Meta{Title: "改标题"}); !errors.Is(err, report.ErrConflict) {
			t.Errorf("edit after publish: %v", err)
		}
		items, _ = e.svc.DeadlineItems(e.ctx, full.ID)
		for _, it := range items {
			if it.Status != deadline.StatusDone {
				t.Errorf("deadline not met: %+v", it)
			}
		}
		list, err := e.svc.PublicList(e.ctx, report.PublicFilter{Year: 2020})
		if err != nil || len(list) != 1 || list[0].ID != pubID {
			t.Fatalf("portal: %+v %v", list, err)
		}
		pub, err := e.svc.Published(e.ctx, full.ID)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, b := range pub.Doc.Blocks {
			text.WriteString(b.Text + "\n")
		}
		for _, want := range []string{"实施行政检查19261户次", "二、党政主要负责人履行推进法治建设第一责任人职责情况", "四、2021年度推进法治政府建设的主要安排"} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("published text lacks %q", want)
			}
		}
		if strings.ContainsAny(text.String(), "〔【") || pub.Doc.Date != "2021年2月9日" {
			t.Errorf("published text holds tokens or placeholders, or date %q", pub.Doc.Date)
		}
		if err := e.svc.Withdraw(e.ctx, full.ID, ""); !errors.Is(err, report.ErrInvalid) {
			t.Errorf("withdraw without reason: %v", err)
		}
		if err := e.svc.Withdraw(e.ctx, full.ID, "数据更正"); err != nil {
			t.Fatal(err)
		}
		if list, _ := e.svc.PublicList(e.ctx, report.PublicFilter{}); len(list) != 0 {
			t.Errorf("withdrawn report still public: %+v", list)
		}
		if _, err := e.svc.Published(e.ctx, full.ID); !errors.Is(err, report.ErrNotFound) {
			t.Errorf("withdrawn text: %v", err)
		}
		if r, _ := e.svc.Get(e.ctx, full.ID); r.Status != report.StatusSubmitted {
			t.Errorf("status after withdraw: %s", r.Status)
		}
	})
}

// fillPlaceholders replaces every 【…】 of the report by a sentence.
func fillPlaceholders(t *testing.T, e *env, id int64) {
	t.Helper()
	re := regexp.MustCompile(`【[^【】]*】`)
	full := e.load(id)
	for _, s := range full.Sections {
		if !re.MatchString(s.Body) {
			continue
		}
		body := re.ReplaceAllString(s.Body, "区政府主要负责人全年听取法治政府建设工作汇报4次。")
		if _, err := e.svc.SaveSection(e.ctx, id, s.Key, report.SectionInput{Heading: s.Heading, Body: body, Base: s.Version}); err != nil {
			t.Fatalf("fill %s: %v", s.Key, err)
		}
	}
}
