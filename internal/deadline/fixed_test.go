package deadline_test

import (
	"strings"
	"testing"
	"time"

	"fazhi/internal/calendar"
	"fazhi/internal/deadline"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// A date a document fixes is the due date as it stands: on a Saturday it is
// not moved to Monday, and only an extension or a suspension moves it.
func TestFixedDateItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		sat := calendar.MustDate(2026, time.December, 26)
		id := f.register(deadline.Item{ObjectType: "plan_task", ObjectID: "7", Title: "年底前完成", UnitID: f.dept.ID,
			Unit: deadline.UnitFixedDate, Start: sat, Citation: "《工作要点》（七）：2026年年底前"})
		it := f.item(id)
		if it.Due != sat || it.PeriodText() != "规定日期" {
			t.Fatalf("fixed date: due %s, period %q", it.Due, it.PeriodText())
		}
		if !strings.Contains(strings.Join(it.Trail, "；"), "不因节假日顺延") {
			t.Fatalf("trail does not say the date is not moved: %v", it.Trail)
		}
		c, err := f.svc.Compute(f.ctx, deadline.Calc{Unit: deadline.UnitFixedDate, Start: sat, ExtendN: 5})
		if err != nil || c.Due != sat.AddDays(5) {
			t.Fatalf("extended fixed date: %v %v", c.Due, err)
		}
	})
}
