package plan

import (
	"reflect"
	"testing"
)

func TestNormalizeDeadline(t *testing.T) {
	ms := func(date string) Deadline { return Deadline{Kind: Milestone, Date: date} }
	rec := func(p Period, every int, due string) Deadline {
		return Deadline{Kind: Recurring, Period: p, Every: every, Due: due}
	}
	cases := []struct {
		phrase string
		want   Deadline
	}{
		{"2022年年底前", ms("2022-12-31")},
		{"2022年底前", ms("2022-12-31")},
		{"2022年底", ms("2022-12-31")},
		{"到2025年底前", ms("2025-12-31")},
		{"2023年6月底前", ms("2023-06-30")},
		{"2024年2月底", ms("2024-02-29")},
		{"2023年6月前", ms("2023-05-31")},
		{"2023年1月前", ms("2022-12-31")},
		{"2022年6月30日前", ms("2022-06-30")},
		{"到2025年", ms("2025-12-31")},
		{"截至2024年", ms("2024-12-31")},
		{"2025年前", ms("2025-12-31")},
		{"2023年", ms("2023-12-31")},
		{"2024年上半年", ms("2024-06-30")},
		{"2024年下半年", ms("2024-12-31")},
		{"2024年第三季度", ms("2024-09-30")},
		{"2024年一季度末", ms("2024-03-31")},
		{"每年", rec(PeriodYear, 1, "")},
		{"每年度", rec(PeriodYear, 1, "")},
		{"每年第一季度", rec(PeriodYear, 1, "Q1")},
		{"每年3月底前", rec(PeriodYear, 1, "03-31")},
		{"每年年底前", rec(PeriodYear, 1, "12-31")},
		{"每年上半年", rec(PeriodYear, 1, "H1")},
		{"每季度", rec(PeriodQuarter, 1, "")},
		{"每个季度", rec(PeriodQuarter, 1, "")},
		{"每月", rec(PeriodMonth, 1, "")},
		{"每半年", rec(PeriodHalfYear, 1, "")},
		{"每两年", rec(PeriodYear, 2, "")},
		{"每周", rec(PeriodWeek, 1, "")},
	}
	for _, c := range cases {
		got, ok := NormalizeDeadline(c.phrase)
		c.want.Phrase = c.phrase
		if !ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("NormalizeDeadline(%q) = %+v, %v; want %+v", c.phrase, got, ok, c.want)
		}
	}
}

func TestNormalizeDeadlineRejects(t *testing.T) {
	for _, phrase := range []string{"", "2021-2025年", "三年内", "定期", "6月底前", "年底前", "上半年", "2023年13月底前", "2023年2月30日前", "每人"} {
		if d, ok := NormalizeDeadline(phrase); ok {
			t.Errorf("NormalizeDeadline(%q) = %+v", phrase, d)
		}
	}
}

func TestNormalizeDeadlineInYear(t *testing.T) {
	cases := map[string]string{"6月底前": "2024-06-30", "年底前": "2024-12-31", "上半年": "2024-06-30", "3月前": "2024-02-29"}
	for phrase, want := range cases {
		if d, ok := NormalizeDeadlineIn(phrase, 2024); !ok || d.Date != want {
			t.Errorf("NormalizeDeadlineIn(%q, 2024) = %+v, %v", phrase, d, ok)
		}
	}
}

func TestExtractDeadlines(t *testing.T) {
	cases := []struct {
		text string
		year int
		want []string
	}{
		{"推动2022年年底前基本形成体制，2022年年底前完成。", 0, []string{"2022年年底前"}},
		{"根据《纲要(2021-2025年)》和《方案（2021—2025年）》要求，2023年建成体系。", 0, []string{"2023年"}},
		{"2021年以来成效明显，2020年起施行。", 0, nil},
		{"每人每年接受不少于60学时培训，每年度督查，每年第一季度报告。", 0, []string{"每年", "每年度", "每年第一季度"}},
		{"6月底前完成清理，年底前总结。", 0, nil},
		{"6月底前完成清理，年底前总结。", 2024, []string{"6月底前", "年底前"}},
		{"力争到2035年基本建成，2024年上半年启动。", 0, []string{"到2035年", "2024年上半年"}},
		{"于2019年1月7日审议通过。", 0, nil},
	}
	for _, c := range cases {
		var got []string
		for _, d := range ExtractDeadlines(c.text, c.year) {
			got = append(got, d.Phrase)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ExtractDeadlines(%q, %d) = %q, want %q", c.text, c.year, got, c.want)
		}
	}
}
