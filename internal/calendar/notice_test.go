package calendar

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func d(y int, m time.Month, day int) Date { return MustDate(y, m, day) }

// Expected shape of every embedded notice. The day counts were checked
// against an independent data set for 2007–2026 and by hand for 2004–2006,
// so a parser change that drops or invents a day fails here.
var officialTable = []struct {
	year               int
	docNo              string
	issued             Date
	sections, off, adj int
}{
	{2004, "", Date{}, 4, 22, 6},
	{2005, "", Date{}, 4, 24, 6},
	{2006, "国办发明电〔2005〕35号", d(2005, 12, 16), 4, 24, 7},
	{2007, "国办发明电〔2006〕49号", d(2006, 12, 14), 4, 24, 8},
	{2008, "", Date{}, 7, 29, 6},
	{2009, "国办发明电〔2008〕42号", Date{}, 6, 27, 6},
	{2010, "国办发明电〔2009〕27号", d(2009, 12, 7), 7, 29, 8},
	{2011, "国办发明电〔2010〕40号", d(2010, 12, 9), 7, 29, 5},
	{2012, "国办发明电〔2011〕45号", d(2011, 12, 5), 6, 27, 7},
	{2013, "国办发明电〔2012〕33号", d(2012, 12, 8), 7, 29, 12},
	{2014, "国办发明电〔2013〕28号", d(2013, 12, 11), 7, 22, 5},
	{2015, "", d(2014, 12, 16), 7, 23, 4},
	{2016, "国办发明电〔2015〕18号", d(2015, 12, 10), 7, 24, 6},
	{2017, "国办发明电〔2016〕17号", d(2016, 12, 1), 6, 24, 5},
	{2018, "国办发明电〔2017〕12号", d(2017, 11, 30), 7, 23, 6},
	{2019, "国办发明电〔2018〕15号", d(2018, 12, 4), 7, 21, 5},
	{2020, "国办发明电〔2019〕16号", d(2019, 11, 21), 6, 27, 7},
	{2021, "国办发明电〔2020〕27号", d(2020, 11, 25), 7, 31, 7},
	{2022, "国办发明电〔2021〕11号", d(2021, 10, 25), 7, 31, 7},
	{2023, "国办发明电〔2022〕16号", d(2022, 12, 8), 6, 27, 7},
	{2024, "国办发明电〔2023〕7号", d(2023, 10, 25), 7, 28, 8},
	{2025, "国办发明电〔2024〕12号", d(2024, 11, 12), 6, 28, 5},
	{2026, "", d(2025, 11, 4), 7, 33, 6},
}

func TestOfficialNotices(t *testing.T) {
	plans, err := OfficialPlans()
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != len(officialTable) {
		t.Fatalf("got %d notices, want %d", len(plans), len(officialTable))
	}
	for i, want := range officialTable {
		p := plans[i]
		off, adj := countKinds(p.Days)
		got := []any{p.Year, p.DocNo, p.Issued, len(p.Sections), off, adj}
		exp := []any{want.year, want.docNo, want.issued, want.sections, want.off, want.adj}
		for j := range got {
			if got[j] != exp[j] {
				t.Errorf("%d: got %v, want %v", want.year, got, exp)
				break
			}
		}
		if !strings.HasPrefix(p.Title, "国务院办公厅关于") {
			t.Errorf("%d: title %q", want.year, p.Title)
		}
	}
}

const notice2025 = `国务院办公厅关于2025年部分节假日安排的通知
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
国务院办公厅
2024年11月12日`

func TestParseNotice2025Style(t *testing.T) {
	p, err := ParseNotice(notice2025)
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2025 || p.Issued != d(2024, 11, 12) || len(p.Sections) != 2 {
		t.Fatalf("got %+v", p)
	}
	s := p.Sections[1]
	if s.Name != "春节" || s.From != d(2025, 1, 28) || s.To != d(2025, 2, 4) || s.StatedDays != 8 {
		t.Errorf("section %+v", s)
	}
	if len(s.Workdays) != 2 || s.Workdays[0] != d(2025, 1, 26) || s.Workdays[1] != d(2025, 2, 8) {
		t.Errorf("workdays %v", s.Workdays)
	}
	if len(p.Days) != 11 || p.Days[0] != (PlanDay{d(2025, 1, 1), KindHoliday, "元旦"}) {
		t.Errorf("days %v", p.Days)
	}
}

// Wording from the older notices and reprints, each in a minimal notice.
func TestParseNoticeStyles(t *testing.T) {
	cases := []struct {
		name        string
		year        int
		item        string
		off, adj    int
		first, last Date
	}{
		{"公休日调至 without 上班 (2008 国庆)", 2008, "七、国庆节：9月29日—10月5日放假，共7天。其中，10月1日、2日、3日为法定节假日，9月27日（星期六）、9月28日（星期日）两个公休日调至9月29日（星期一）、30日（星期二），10月4日（星期六）、5日（星期日）照常公休。", 7, 2, d(2008, 9, 27), d(2008, 10, 5)},
		{"cross-year 元旦 with implicit 12月", 2006, "一、元旦：1月1日—3日放假，共3天。其中1月1日为法定假日，将12月31日（星期六）、1月1日（星期日）两个公休日调至1月2日（星期一）、3日（星期二），12月31日（星期六）上班。", 3, 1, d(2005, 12, 31), d(2006, 1, 3)},
		{"month-crossing day-only list", 2006, "二、春节：1月29日—2月4日（即农历大年初一至初七）放假，共7天。其中，29日、30日、31日为法定假日，将1月28日（星期六）、29日（星期日）、2月5日（星期日）三个公休日调至2月1日（星期三）、2日（星期四）、3日（星期五），2月4日（星期六）照常公休，1月28日、2月5日上班。", 7, 2, d(2006, 1, 28), d(2006, 2, 5)},
		{"补休", 2014, "三、清明节：4月5日放假，4月7日（星期一）补休。", 2, 0, d(2014, 4, 5), d(2014, 4, 7)},
		{"与中秋节连休 as a sentence", 2023, "七、国庆节：10月1日至6日放假调休。与中秋节连休。", 6, 0, d(2023, 10, 1), d(2023, 10, 6)},
		{"与中秋节连休 as a clause", 2023, "七、国庆节：10月1日至6日放假，与中秋节连休，共6天。", 6, 0, d(2023, 10, 1), d(2023, 10, 6)},
		{"line broken after heading", 2012, "一、元旦：\n2012年1月1日至3日放假调休，共3天。\n2011年12月31日（星期六）上班。", 3, 1, d(2011, 12, 31), d(2012, 1, 3)},
		{"halfwidth punctuation", 2017, "五、端午节:5月28日至30日放假调休,共3天。5月27日(星期六)上班。", 3, 1, d(2017, 5, 27), d(2017, 5, 30)},
		{"星期天 and 周六 mixed", 2019, "七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期天）、10月12日（周六）上班。", 7, 2, d(2019, 9, 29), d(2019, 10, 12)},
		{"鼓励 sentence is a note", 2024, "二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。", 8, 2, d(2024, 2, 4), d(2024, 2, 18)},
		{"year-crossing span", 2023, "一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。", 3, 0, d(2022, 12, 31), d(2023, 1, 2)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := fmt.Sprintf("国务院办公厅关于%d年部分节假日安排的通知\n%s", c.year, c.item)
			p, err := ParseNotice(text)
			if err != nil {
				t.Fatal(err)
			}
			off, adj := countKinds(p.Days)
			if off != c.off || adj != c.adj || p.Days[0].Date != c.first || p.Days[len(p.Days)-1].Date != c.last {
				t.Errorf("got %d off, %d adjusted, %v", off, adj, p.Days)
			}
		})
	}
}

func countKinds(days []PlanDay) (off, adj int) {
	for _, pd := range days {
		if pd.Kind == KindHoliday {
			off++
		} else {
			adj++
		}
	}
	return off, adj
}

func TestParseNoticeRejects(t *testing.T) {
	const title = "国务院办公厅关于2025年部分节假日安排的通知\n"
	cases := []struct{ name, text, wantErr string }{
		{"no title", "一、元旦：1月1日放假。", "未找到通知标题"},
		{"no items", title + "节假日期间，各地区要妥善安排。", "未找到放假安排条目"},
		{"unknown sentence", title + "二、春节：1月28日至2月4日放假调休，共8天。春节期间高速公路免费。", "无法解析：“春节期间高速公路免费”"},
		{"unknown clause in 其中", title + "二、春节：1月28日至2月4日放假调休，共8天。其中，1月28日为除夕，1月26日上班。", "无法解析："},
		{"stated days differ", title + "二、春节：1月28日至2月4日放假调休，共7天。", "天数不符：通知写明共7天，但2025年1月28日至2月4日共8天"},
		{"weekday differs", title + "二、春节：1月28日（周一）至2月4日放假调休，共8天。", "日期与星期不符：2025年1月28日是周二"},
		{"workday not a weekend", title + "二、春节：1月28日至2月4日放假调休，共8天。1月27日上班。", "调休上班日 2025年1月27日 不是周末"},
		{"unknown holiday", title + "八、植树节：3月12日放假。", "无法识别的节日名称：“植树节”"},
		{"impossible date", title + "二、春节：2月30日放假。", "日期不存在"},
		{"two sections claim a day", title + "一、元旦：1月1日放假。\n二、春节：1月1日放假。", "日期冲突"},
		{"workday inside the holiday", title + "二、春节：1月25日至2月4日放假调休，共11天。1月26日（周日）上班。", "既是放假日又是上班日"},
		{"span too long", title + "二、春节：1月1日至2月4日放假。", "放假起止日期不合理"},
		{"上班 contradicts 调至", "国务院办公厅关于2009年部分节假日安排的通知\n五、端午节：5月28日至30日放假，共3天。其中，5月31日（星期日）公休日调至5月29日（星期五）。5月23日（星期六）上班。", "不一致"},
		{"year out of range", "国务院办公厅关于2003年部分节假日安排的通知\n一、元旦：1月1日放假。", "超出支持范围"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseNotice(c.text)
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, c.wantErr)
			}
		})
	}
}

func TestParseIssued(t *testing.T) {
	cases := map[string]Date{
		"二〇〇六年十二月十四日": d(2006, 12, 14),
		"二○○九年十二月七日":  d(2009, 12, 7),
		"2024年11月12日": d(2024, 11, 12),
		"二〇一一年十二月五日":  d(2011, 12, 5),
		"二〇二〇年一月二十六日": d(2020, 1, 26),
		"二〇二〇年十月三十一日": d(2020, 10, 31),
	}
	for in, want := range cases {
		if got, ok := parseIssued(in); !ok || got != want {
			t.Errorf("parseIssued(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := parseIssued("二〇二〇年二月三十日"); ok {
		t.Error("accepted 2月30日")
	}
}
