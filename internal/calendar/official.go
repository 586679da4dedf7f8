package calendar

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"time"
)

// notices holds the text of every published 部分节假日安排 notice, one file a
// year. Official documents are not subject to copyright (著作权法第5条); the
// calendar data IS these texts, parsed at start-up. Provenance: notices/SOURCES.md.
//
//go:embed notices/*.txt
var notices embed.FS

// officialAmendments are the documents that changed a year after its notice.
// They are not in the 部分节假日安排 format, so they are kept here explicitly.
var officialAmendments = []Amendment{
	{
		NoticeRef: NoticeRef{
			Title:  "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知",
			DocNo:  "国发明电〔2015〕1号",
			Issued: MustDate(2015, time.May, 13),
		},
		Year: 2015,
		// "9月3日至5日调休放假，共3天。其中9月3日（星期四）放假，9月4日（星期五）调休，9月6日（星期日）上班。"
		Days: append(holidayRun(MustDate(2015, time.September, 3), 3, "抗战胜利70周年纪念日"),
			PlanDay{MustDate(2015, time.September, 6), KindAdjustedWorkday, "抗战胜利70周年纪念日"}),
	},
	{
		NoticeRef: NoticeRef{
			Title:  "国务院办公厅关于调整2019年劳动节假期安排的通知",
			DocNo:  "国办发明电〔2019〕3号",
			Issued: MustDate(2019, time.March, 22),
		},
		Year: 2019,
		// "2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。"
		Days: append(holidayRun(MustDate(2019, time.May, 1), 4, "劳动节"),
			PlanDay{MustDate(2019, time.April, 28), KindAdjustedWorkday, "劳动节"},
			PlanDay{MustDate(2019, time.May, 5), KindAdjustedWorkday, "劳动节"}),
	},
	{
		NoticeRef: NoticeRef{
			Title:  "国务院办公厅关于延长2020年春节假期的通知",
			DocNo:  "国办发明电〔2020〕1号",
			Issued: MustDate(2020, time.January, 26),
		},
		Year: 2020,
		// "延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。"
		// 2月1日 had been a 调休上班日; it became a day off.
		Days: holidayRun(MustDate(2020, time.January, 31), 3, "春节"),
	},
}

func holidayRun(from Date, n int, name string) []PlanDay {
	out := make([]PlanDay, n)
	for i := range out {
		out[i] = PlanDay{from.AddDays(i), KindHoliday, name}
	}
	return out
}

// OfficialPlans parses the embedded notices.
func OfficialPlans() ([]YearPlan, error) {
	files, err := notices.ReadDir("notices")
	if err != nil {
		return nil, err
	}
	var plans []YearPlan
	for _, f := range files {
		if path.Ext(f.Name()) != ".txt" {
			continue
		}
		b, err := notices.ReadFile("notices/" + f.Name())
		if err != nil {
			return nil, err
		}
		p, err := ParseNotice(string(b))
		if err != nil {
			return nil, fmt.Errorf("notices/%s: %w", f.Name(), err)
		}
		if want := f.Name()[:4]; fmt.Sprint(p.Year) != want {
			return nil, fmt.Errorf("notices/%s: 通知年份为%d", f.Name(), p.Year)
		}
		plans = append(plans, p)
	}
	return plans, nil
}

// OfficialAmendments returns the amendments applied to the default calendar.
func OfficialAmendments() []Amendment { return slices.Clone(officialAmendments) }

var defaultCalendar = mustDefault()

func mustDefault() *Calendar {
	plans, err := OfficialPlans()
	if err != nil {
		panic("calendar: embedded notices: " + err.Error())
	}
	c, err := New(plans, officialAmendments)
	if err != nil {
		panic("calendar: embedded notices: " + err.Error())
	}
	return c
}

// Default returns the national calendar built from the embedded notices.
func Default() *Calendar { return defaultCalendar }
