package enforcement_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fazhi/internal/enforcement"
	"fazhi/internal/store"
	"fazhi/internal/store/storetest"
)

// regSheet turns header + rows of cells into what xlsx.Read returns.
func regSheet(header []string, rows ...[]any) [][]string {
	out := [][]string{header}
	for _, r := range rows {
		var s []string
		for _, v := range r {
			s = append(s, fmt.Sprint(v))
		}
		out = append(out, s)
	}
	return out
}

func TestParseListWorkbookNamesBadRows(t *testing.T) {
	items := regSheet(enforcement.ItemSheetHeaders(),
		[]any{"CF-001", "无照经营", "行政处罚", "《无证无照经营查处办法》", "第十三条", "", "否", "是", "否", 1},
		[]any{"CF-002", "未公示年报", "行政处罚", "《企业信息公示暂行条例》", "第十七条", "", "否", "否", "否", 2},
		[]any{"CF-003", "", "行政处罚", "《某法》", "", "", "否", "否", "否", 3},                // row 4: no name
		[]any{"CF-001", "重复", "行政处罚", "《某法》", "", "", "否", "否", "否", 4},              // row 5: duplicate code
		[]any{"JC-001", "日常检查", "行政巡查", "《某法》", "", "", "否", "否", "否", 5},            // row 6: bad category
		[]any{"XK-001", "食品经营许可", "行政许可", "《食品安全法》", "第三十五条", "", "可能", "否", "否", 6}, // row 7: bad flag
	)
	disc := regSheet(enforcement.DiscretionSheetHeaders(),
		[]any{"CF-001", 1, "首次轻微并及时改正", "不予处罚", "", "", "", "免罚清单"},
		[]any{"CF-001", 2, "一般情节", "一般", "2000", "5000", "", ""},
		[]any{"CF-001", 3, "情节严重", "从重", "8000", "5000", "", ""}, // row 4: min > max
		[]any{"CF-009", 1, "无主事项", "一般", "100", "200", "", ""},   // row 5: unknown code
		[]any{"CF-002", 1, "逾期未改", "一般", "1万", "2000", "", ""},   // row 6: bad amount
	)
	_, errs := enforcement.ParseListWorkbook(items, disc)
	var got []string
	for _, e := range errs {
		got = append(got, e.String())
	}
	want := []string{
		"“事项”表第4行“事项名称”列：请填写事项名称",
		"“事项”表第5行“事项编码”列：事项编码CF-001与第2行重复",
		"“事项”表第6行“事项类别”列：事项类别“行政巡查”无法识别",
		"“事项”表第7行“重大执法决定”列：应填“是”或“否”",
		"“裁量基准”表第4行“罚款下限（元）”列：罚款下限8000元高于上限5000元",
		"“裁量基准”表第5行“事项编码”列：事项编码“CF-009”不在“事项”表中",
		"“裁量基准”表第6行“罚款下限（元）”列：金额“1万”格式有误",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	if _, errs := enforcement.ParseListWorkbook([][]string{{"编码"}}, disc); len(errs) == 0 || !strings.Contains(errs[0].String(), "找不到表头") {
		t.Fatalf("missing header: %v", errs)
	}
}

// Export → parse gives back the same items; importing replaces the draft
// all or nothing, and the comparison names what changed.
func TestListWorkbookRoundTripAndImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := newCounty(t, db)
		unit := c.units["清溪县市场监督管理局"]
		v1 := regPublishedItem(t, c, unit, "CF-001")
		cur, _ := c.svc.CurrentItems(c.ctx, unit)
		ir, dr := enforcement.ListSheetRows(cur)
		items, errs := enforcement.ParseListWorkbook(regSheet(enforcement.ItemSheetHeaders(), ir...),
			regSheet(enforcement.DiscretionSheetHeaders(), dr...))
		if len(errs) > 0 {
			t.Fatalf("exported file does not import: %v", errs)
		}
		back := enforcement.ItemInputOf(cur[0])
		back.ID = 0
		if !reflect.DeepEqual(items[0], back) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", items[0], back)
		}
		draft, err := c.svc.NewListDraft(c.ctx, unit, "")
		if err != nil {
			t.Fatal(err)
		}
		items[0].Name = "销售不符合食品安全标准的食品（修订）"
		items = append(items, regPenaltyItem("CF-002"))
		bad := append([]enforcement.ItemInput(nil), items...)
		bad = append(bad, enforcement.ItemInput{Code: "CF-003"})
		if err := c.svc.ImportDraft(c.ctx, draft, bad); err == nil {
			t.Fatal("invalid import accepted")
		}
		if got, _ := c.svc.VersionItems(c.ctx, draft); len(got) != 1 || got[0].Name != v1.Name {
			t.Fatalf("refused import changed the draft: %+v", got)
		}
		if err := c.svc.ImportDraft(c.ctx, draft, items); err != nil {
			t.Fatal(err)
		}
		got, _ := c.svc.VersionItems(c.ctx, draft)
		if len(got) != 2 || len(got[1].Discretion) != 2 {
			t.Fatalf("imported: %+v", got)
		}
		d := enforcement.CompareItems(cur, got)
		if len(d.Added) != 1 || d.Added[0].Code != "CF-002" || len(d.Changed) != 1 ||
			!reflect.DeepEqual(d.Changed[0].Fields, []string{"事项名称"}) || len(d.Removed) != 0 || d.Same != 0 {
			t.Fatalf("diff: %+v", d)
		}
		if d := enforcement.CompareItems(got, cur); len(d.Removed) != 1 || d.Removed[0].Code != "CF-002" {
			t.Fatalf("reverse diff: %+v", d)
		}
	})
}
