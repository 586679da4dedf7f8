package docgen

import (
	"strings"
	"testing"
)

func TestBalanceTitle(t *testing.T) {
	cases := []struct{ in, want string }{
		// Short titles stay on one line.
		{"行政处罚决定书", "行政处罚决定书"},
		{"关于加强行政执法监督工作的通知", "关于加强行政执法监督工作的通知"},
		// 18 units exactly is still one line; the digits count half.
		{"海曙区关于2020年度法治政府建设报告", "海曙区关于2020年度法治政府建设报告"},
		// The seeds' titles: broken after the period, words whole.
		{"海曙区关于2020年度法治政府建设情况的报告", "海曙区关于2020年度\n法治政府建设情况的报告"},
		{"清溪县人民政府关于2025年度法治政府建设情况的报告", "清溪县人民政府关于2025年度\n法治政府建设情况的报告"},
		{"草堂镇人民政府关于2021年法治政府建设工作情况的报告", "草堂镇人民政府关于\n2021年法治政府建设工作情况的报告"},
		// No period: after 关于 or before the kind of document.
		{"张掖市人民政府关于印发张掖市法治政府建设实施方案的通知", "张掖市人民政府关于\n印发张掖市法治政府建设实施方案的通知"},
		// A writer's own break is kept.
		{"清溪县人民政府\n关于2025年度法治政府建设情况的报告", "清溪县人民政府\n关于2025年度法治政府建设情况的报告"},
		// Nothing to break at: the most even break outside digit runs.
		{"一二三四五六七八九十一二三四五六七八九十一二", "一二三四五六七八九十一\n二三四五六七八九十一二"},
	}
	for _, c := range cases {
		if got := BalanceTitle(c.in); got != c.want {
			t.Errorf("BalanceTitle(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestBalanceTitleNeverSplitsRuns(t *testing.T) {
	for _, title := range []string{
		"关于2025年度ABCDEFGHIJKLMNOPQRSTUVWXYZ执法监督工作安排的报告",
		"清溪县20252025202520252025年度法治政府建设情况报告",
		"（清溪县）关于《清溪县行政规范性文件管理办法》实施情况的报告",
	} {
		got := BalanceTitle(title)
		if strings.ReplaceAll(got, "\n", "") != title {
			t.Fatalf("%q lost text: %q", title, got)
		}
		if i := strings.Index(got, "\n"); i > 0 && splitsRun(title, i) {
			t.Errorf("%q broken inside a run: %q", title, got)
		}
		for _, line := range strings.Split(got, "\n") {
			if w := titleWidth(line); w > titleMaxLine && strings.Contains(got, "\n") {
				t.Errorf("%q: line %q is %.1f units wide", title, line, w)
			}
		}
	}
}
