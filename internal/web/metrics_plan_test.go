package web_test

import (
	"strings"
	"testing"
)

// The plan supervision registers its figures in the metric registry; the
// metric catalogue page lists them beside the ledger's.
func TestPlanMetricsRegistered(t *testing.T) {
	f := getFixture(t)
	_, body := f.as(t, "fazhiban").get("/metrics?year=2026")
	for _, want := range []string{"规划任务完成率", "规划任务按时完成率", "逾期规划任务数", "行政复议"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
