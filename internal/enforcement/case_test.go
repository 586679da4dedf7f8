package enforcement_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/metric"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// caseFixture publishes a 权责清单 with a 重大 item (with 裁量基准) for the
// 市场监督管理局 and registers two officers there.
func caseFixture(t *testing.T, c *county) (item enforcement.Item, officers []int64) {
	t.Helper()
	ctx := c.as("fazhiban")
	unit := c.units["清溪县市场监督管理局"]
	list, err := c.svc.NewListDraft(ctx, unit, "")
	if err != nil {
		t.Fatal(err)
	}
	fen := func(y int64) *int64 { v := y * 100; return &v }
	if _, err := c.svc.SaveItem(ctx, list, enforcement.ItemInput{Code: "330217001000", Name: "对销售不符合食品安全标准的食品的处罚",
		Category: enforcement.CatPenalty, Law: "《中华人民共和国食品安全法》", Article: "第一百二十四条", Major: true, Hearing: true,
		Discretion: []enforcement.DiscretionInput{{Circumstance: "一般违法情节", Level: enforcement.LevelGeneral, MinFen: fen(50000), MaxFen: fen(100000)}}}); err != nil {
		t.Fatal(err)
	}
	if err := c.svc.PublishList(ctx, list); err != nil {
		t.Fatal(err)
	}
	items, err := c.svc.CurrentItems(ctx, unit)
	if err != nil || len(items) != 1 {
		t.Fatalf("items %v %v", items, err)
	}
	for i, id := range []string{"369921198001010030", "369921198502020042"} {
		oid, err := c.svc.CreateOfficer(ctx, enforcement.OfficerInput{UnitID: unit, Name: []string{"张明", "李华"}[i], IDNumber: id,
			CertNo: []string{"SJ-0001", "SJ-0002"}[i], CertAuthority: "云岭市人民政府", LawArea: "市场监管", IssuedOn: "2024-01-01", ValidUntil: "2029-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		officers = append(officers, oid)
	}
	return items[0], officers
}

func TestMajorCaseWalkThrough(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		item, offs := caseFixture(t, c)
		unit := c.units["清溪县市场监督管理局"]
		id, err := c.svc.CreateCase(c.ctx, enforcement.CaseInput{UnitID: unit, ItemID: item.ID, Procedure: enforcement.ProcOrdinary,
			Title: "销售超过保质期的食品", Source: "监督检查发现", PartyKind: "person", PartyName: "王建国", PartyID: "36992119700101001X",
			PartyPhone: "13907991234", PartyAddress: "清溪县青山镇青山村3组28号", Facts: "王建国在其经营的食品店销售超过保质期的面包12袋。",
			FiledOn: "2026-02-16", Officers: []enforcement.CaseOfficerInput{{OfficerID: offs[0], Lead: true, ShownCert: true}, {OfficerID: offs[1], ShownCert: true}}})
		if err != nil {
			t.Fatal(err)
		}
		step := func(in enforcement.StepInput) error {
			t.Helper()
			return c.svc.TakeStep(c.ctx, id, in)
		}
		must := func(in enforcement.StepInput) {
			t.Helper()
			if err := step(in); err != nil {
				t.Fatalf("%s: %v", in.Step, err)
			}
		}
		must(enforcement.StepInput{Step: enforcement.StepInvestigate, On: "2026-02-17", Note: "现场检查，制作笔录"})
		must(enforcement.StepInput{Step: enforcement.StepNotify, On: "2026-02-24", Note: "拟罚款60000元"})
		// Deciding a 重大 case before 法制审核 is refused with the reason.
		err = step(enforcement.StepInput{Step: enforcement.StepDecide, On: "2026-02-26", Decision: enforcement.DecPenalty, PenaltyText: "罚款60000元", FineFen: 6000000})
		if !errors.Is(err, enforcement.ErrConflict) || !strings.Contains(err.Error(), "第五十八条") {
			t.Fatalf("decision before review: %v", err)
		}
		must(enforcement.StepInput{Step: enforcement.StepSubmitReview, On: "2026-02-27"})
		all := map[string]bool{}
		for _, it := range enforcement.ReviewItems {
			all[it.Key] = true
		}
		half := map[string]bool{"subject": true}
		if err := c.svc.TakeStep(c.as("legal"), id, enforcement.StepInput{Step: enforcement.StepReview, On: "2026-02-27", Review: enforcement.ReviewPass,
			Checklist: half, Note: "同意"}); err == nil || !strings.Contains(err.Error(), "未通过") {
			t.Fatalf("pass with failed points: %v", err)
		}
		if err := c.svc.TakeStep(c.as("legal"), id, enforcement.StepInput{Step: enforcement.StepReview, On: "2026-02-27", Review: enforcement.ReviewPass,
			Checklist: all, Note: "主体合法，事实清楚，同意"}); err != nil {
			t.Fatal(err)
		}
		// A fine outside the 裁量基准 needs a written reason.
		err = step(enforcement.StepInput{Step: enforcement.StepDecide, On: "2026-03-02", Decision: enforcement.DecPenalty, PenaltyText: "罚款200000元",
			FineFen: 20000000, DiscretionID: item.Discretion[0].ID})
		if !errors.Is(err, enforcement.ErrInvalid) || !strings.Contains(err.Error(), "书面说明理由") {
			t.Fatalf("departure without reason: %v", err)
		}
		must(enforcement.StepInput{Step: enforcement.StepDecide, On: "2026-03-02", Decision: enforcement.DecPenalty, PenaltyText: "没收违法所得，罚款60000元",
			FineFen: 6000000, DiscretionID: item.Discretion[0].ID})
		if err := c.svc.Publish(c.ctx, id); err != nil {
			t.Fatal(err)
		}
		pub, ok, err := c.svc.PublicationOf(c.ctx, id)
		if err != nil || !ok {
			t.Fatalf("publication: %v %v", ok, err)
		}
		for _, leak := range []string{"王建国", "36992119700101001X", "13907991234", "3组28号"} {
			if strings.Contains(pub.Title+pub.Body, leak) {
				t.Errorf("publication leaks %q: %s %s", leak, pub.Title, pub.Body)
			}
		}
		if !strings.Contains(pub.Title, "王*") || pub.Late || pub.DueOn != "2026-03-11" {
			t.Errorf("publication %+v", pub)
		}
		must(enforcement.StepInput{Step: enforcement.StepServe, On: "2026-03-02", Note: "直接送达"})
		must(enforcement.StepInput{Step: enforcement.StepClose, On: "2026-03-02", Note: "罚款已缴纳"})
		got, _ := c.svc.GetCase(c.ctx, id)
		if got.State != enforcement.StateClosed || got.FineFen != 6000000 || got.PartyIDMasked != "369***********001X" {
			t.Fatalf("closed case %+v", got)
		}
		// Every statutory period of the case is closed; the 办案期限 cited 第60条.
		items, _ := c.dl.ItemsOf(c.ctx, enforcement.ObjectCase, fmt.Sprint(id))
		if len(items) < 4 {
			t.Fatalf("deadlines %d", len(items))
		}
		for _, it := range items {
			if it.Status == "open" {
				t.Errorf("open deadline after closing: %s", it.Title)
			}
			if strings.HasSuffix(it.Title, "办案期限") && !strings.Contains(it.Citation, "第60条") {
				t.Errorf("办案期限 citation %q", it.Citation)
			}
		}
		// 文书 only after their step; numbered per kind and year.
		if _, err := c.svc.IssueDocument(c.ctx, id, enforcement.DocCollective); !errors.Is(err, enforcement.ErrConflict) {
			t.Fatalf("集体讨论记录 without a discussion: %v", err)
		}
		var nos []string
		for _, k := range []enforcement.DocKind{enforcement.DocFiling, enforcement.DocNotice, enforcement.DocReview, enforcement.DocDecision,
			enforcement.DocService, enforcement.DocClosing} {
			d, err := c.svc.IssueDocument(c.ctx, id, k)
			if err != nil || d.AttachmentID == 0 {
				t.Fatalf("issue %s: %+v %v", k, d, err)
			}
			nos = append(nos, d.DocNo)
		}
		if nos[3] != "清溪县市场监督管理局罚决〔2026〕1号" {
			t.Errorf("decision number %q", nos[3])
		}
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
		ev, err := c.svc.AddEvidence(c.ctx, id, "现场照片.png", bytes.NewReader(png), enforcement.EvidenceInput{Kind: "photo", Step: "调查取证",
			CapturedAt: "2026-02-17T10:15", CapturedBy: "张明", Place: "清溪县溪口街道", Device: "执法记录仪ZF-018"})
		if err != nil || len(ev.Hash) != 64 {
			t.Fatalf("evidence: %+v %v", ev, err)
		}
		var file bytes.Buffer
		if err := c.svc.WriteCaseFile(c.ctx, id, &file); err != nil || !bytes.HasPrefix(file.Bytes(), []byte("%PDF")) {
			t.Fatalf("case file: %v", err)
		}
		if text := pdfText(t, file.Bytes()); text != "" {
			for _, want := range []string{"目录", "行政处罚决定书", "审核要点", "送达回证", "证据及文书清单", ev.Hash[:16], "办案过程记录"} {
				if !strings.Contains(text, want) {
					t.Errorf("case file lacks %q", want)
				}
			}
		}
		// The figures for indicators and the report agree with the records.
		reg := metric.New()
		if err := c.svc.RegisterMetrics(reg); err != nil {
			t.Fatal(err)
		}
		gov := c.units["清溪县人民政府"]
		for key, want := range map[string]float64{"enforce.penalties": 1, "enforce.fines": 6, "enforce.legal_review_rate": 100,
			"enforce.publicity_timely_rate": 100, "enforce.officers": 2} {
			v, err := reg.Value(c.ctx, key, gov, metric.Year(2026))
			if err != nil || !v.Known || v.Number != want || v.From != "行政执法" {
				t.Errorf("%s = %+v %v, want %v", key, v, err, want)
			}
		}
		// The 统计年报 agrees with the record and with the metrics.
		rep, err := c.svc.RecordStats(c.ctx, "", 2026)
		if err != nil {
			t.Fatal(err)
		}
		if tt := rep.Total; tt.Filed != 1 || tt.Penalties != 1 || tt.Major != 1 || tt.Reviewed != 1 || tt.Fines() != "6.00" || tt.Revoked != 0 {
			t.Errorf("annual totals %+v", tt)
		}
		// Revocation withdraws the publication.
		must(enforcement.StepInput{Step: enforcement.StepRevoke, On: "2026-03-02", Note: "清政复决〔2026〕3号撤销"})
		pub, _, _ = c.svc.PublicationOf(c.ctx, id)
		if !pub.Withdrawn() {
			t.Fatal("publication not withdrawn on revocation")
		}
		timeline, _ := c.svc.Events(c.ctx, id)
		if len(timeline) != 10 {
			t.Errorf("timeline has %d events", len(timeline))
		}
	})
}

func TestSimpleCaseLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		item, offs := caseFixture(t, c)
		in := enforcement.CaseInput{UnitID: c.units["清溪县市场监督管理局"], ItemID: item.ID, Procedure: enforcement.ProcSimple,
			Title: "未明码标价", PartyKind: "person", PartyName: "李秀英", FiledOn: "2026-03-02", FineFen: 30000, PenaltyText: "罚款300元",
			DepartureReason: "当场处罚", Officers: []enforcement.CaseOfficerInput{{OfficerID: offs[0], ShownCert: true}}}
		if _, err := c.svc.CreateCase(c.ctx, in); err == nil || !strings.Contains(err.Error(), "第五十一条") {
			t.Fatalf("300元 on the spot: %v", err)
		}
		in.FineFen, in.PenaltyText = 20000, "罚款200元"
		id, err := c.svc.CreateCase(c.ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := c.svc.GetCase(c.ctx, id)
		if got.State != enforcement.StateDecided || got.DecidedOn != "2026-03-02" {
			t.Fatalf("simple case %+v", got)
		}
	})
}

// pdfText extracts a PDF's text with pdftotext (poppler-utils); "" when the
// tool is missing (CI installs it).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI without pdftotext")
		}
		return ""
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(out), " ", "")
}
