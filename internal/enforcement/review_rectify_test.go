package enforcement_test

import (
	"errors"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

func TestReviewRectification(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		scj := c.units["清溪县市场监督管理局"]
		gov, own := supPath(t, c, c.units["清溪县人民政府"]), supPath(t, c, scj)
		other := supPath(t, c, c.units["清溪县综合行政执法局"])
		office := c.as("fazhiban")
		reviewCasesOf(t, c, scj, 1) // 3 eligible
		round, err := c.svc.CreateReviewRound(office, gov, reviewInput("5", 3))
		if err != nil {
			t.Fatal(err)
		}
		cases, _ := c.svc.ReviewCases(office, gov, enforcement.ReviewCaseFilter{RoundID: round})
		failing, clean := cases[0], cases[1]
		if _, err := c.svc.IssueReviewRectification(office, gov, failing.ID, "补正文书", 10); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("整改 of an unscored file: %v", err)
		}
		if err := c.svc.ScoreReviewCase(office, gov, failing.ID, findings(map[int]int{2: 5, 4: 5, 6: 1})); err != nil { // 53
			t.Fatal(err)
		}
		if err := c.svc.ScoreReviewCase(office, gov, clean.ID, findings(nil)); err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.IssueReviewRectification(office, gov, clean.ID, "无", 10); !errors.Is(err, enforcement.ErrConflict) ||
			!strings.Contains(err.Error(), "没有扣分") {
			t.Errorf("整改 of a clean file: %v", err)
		}
		for _, days := range []int{0, 121} {
			if _, err := c.svc.IssueReviewRectification(office, gov, failing.ID, "补正", days); !errors.Is(err, enforcement.ErrInvalid) {
				t.Errorf("%d days accepted: %v", days, err)
			}
		}
		if _, err := c.svc.IssueReviewRectification(office, other, failing.ID, "补正", 10); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("整改 from outside the round's scope: %v", err)
		}
		id, err := c.svc.IssueReviewRectification(office, gov, failing.ID, "补充调查取证，重新制作送达回证", 10)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.svc.IssueReviewRectification(office, gov, failing.ID, "再次", 10); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("second open 整改: %v", err)
		}
		// 10 working days from Monday 2 March 2026: Monday 16 March, in the
		// monitor of the unit.
		items, err := c.dl.ItemsOf(c.ctx, enforcement.ObjectReviewRect, supID(id))
		if err != nil || len(items) != 1 || items[0].Due.String() != "2026-03-16" || items[0].UnitID != scj || items[0].Status != "open" ||
			!strings.Contains(items[0].Link, "/enforcement/reviews/mine#rect-") {
			t.Fatalf("deadline: %+v %v", items, err)
		}
		list, err := c.svc.ReviewRectifications(c.ctx, enforcement.ReviewRectFilter{UnitScope: own})
		if err != nil || len(list) != 1 || list[0].DueOn != "2026-03-16" || list[0].Status != enforcement.ReviewRectOpen ||
			list[0].Grade != enforcement.GradeFail || list[0].Score != 53 {
			t.Fatalf("unit list: %+v %v", list, err)
		}
		if l, _ := c.svc.ReviewRectifications(c.ctx, enforcement.ReviewRectFilter{UnitScope: other}); len(l) != 0 {
			t.Error("another unit sees the item")
		}
		legal := c.as("legal")
		if err := c.svc.SubmitReviewRectification(legal, own, id, "已补正", nil); !errors.Is(err, enforcement.ErrInvalid) ||
			!strings.Contains(err.Error(), "佐证材料") {
			t.Errorf("submit without evidence: %v", err)
		}
		if err := c.svc.SubmitReviewRectification(legal, other, id, "已补正", nil); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("submit by another unit: %v", err)
		}
		if err := c.svc.CloseReviewRectification(office, gov, id, ""); !errors.Is(err, enforcement.ErrConflict) {
			t.Errorf("销号 before submission: %v", err)
		}
		pdf := enforcement.ReviewUpload{Name: "整改报告.pdf", Data: strings.NewReader("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")}
		if err := c.svc.SubmitReviewRectification(legal, own, id, "已补充调查并重新送达", []enforcement.ReviewUpload{pdf}); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.ReturnReviewRectification(office, gov, id, " "); !errors.Is(err, enforcement.ErrInvalid) {
			t.Errorf("return without a comment: %v", err)
		}
		if err := c.svc.ReturnReviewRectification(office, gov, id, "缺少重新送达的回证"); err != nil {
			t.Fatal(err)
		}
		// The earlier evidence still counts when the unit submits again.
		if err := c.svc.SubmitReviewRectification(legal, own, id, "已补充送达回证", nil); err != nil {
			t.Fatal(err)
		}
		if err := c.svc.CloseReviewRectification(office, own, id, ""); !errors.Is(err, enforcement.ErrNotFound) {
			t.Errorf("销号 by the unit itself: %v", err)
		}
		if err := c.svc.CloseReviewRectification(office, gov, id, "整改到位"); err != nil {
			t.Fatal(err)
		}
		items, _ = c.dl.ItemsOf(c.ctx, enforcement.ObjectReviewRect, supID(id))
		if items[0].Status != "done" {
			t.Errorf("deadline still %s after 销号", items[0].Status)
		}
		all, _ := c.svc.ReviewRectifications(c.ctx, enforcement.ReviewRectFilter{RoundScope: gov})
		x := all[0]
		if x.Status != enforcement.ReviewRectClosed || x.ClosedOn != "2026-03-02" || x.ClosedByName != "fazhiban" || x.Result != "已补充送达回证" ||
			len(x.Evidence) != 1 || x.ReviewComment != "整改到位" || x.SubmittedByName != "legal" {
			t.Errorf("closed item %+v", x)
		}
		if open, _ := c.svc.ReviewRectifications(c.ctx, enforcement.ReviewRectFilter{RoundScope: gov, OpenOnly: true}); len(open) != 0 {
			t.Errorf("%d open after 销号", len(open))
		}
		res, _ := c.svc.ReviewResultsOf(office, gov, round, "")
		if res.Units[0].Rectified != 1 || res.Units[0].Rectifying != 0 {
			t.Errorf("unit counts %+v", res.Units[0])
		}
		// A closed item may be followed by a new one on the same file.
		if _, err := c.svc.IssueReviewRectification(office, gov, failing.ID, "再次整改", 5); err != nil {
			t.Errorf("new 整改 after 销号: %v", err)
		}
	})
}
