package ledger

import (
	"reflect"
	"testing"
)

func TestParseImport(t *testing.T) {
	units := map[string]int64{"清溪县司法局": 2, "白石镇": 3}
	resolve := func(name string) (int64, string) {
		if id, ok := units[name]; ok {
			return id, ""
		}
		return 0, "单位“" + name + "”不存在或不在您的数据范围内"
	}
	rows := [][]string{
		{"清溪县2025年度法治政府建设统计台账"},
		{"单位", "行政复议新收案件（件）", "掌上执法率", "行政复议纠错率（%）", "enforce.penalties"},
		{"清溪县司法局", "86", "98.38", "10.13"},
		{"白石镇", "", "", "", "457"},
		{},
		{"合计", "86", "", "", "457"},
	}
	got, errs := ParseImport(rows, resolve)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := []ImportRow{
		{Line: 3, Batch: Batch{UnitID: 2, Values: map[string]string{"review.received": "86", "enforce.mobile_rate": "98.38"}}},
		{Line: 4, Batch: Batch{UnitID: 3, Values: map[string]string{"enforce.penalties": "457"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v", got)
	}

	bad := [][]string{
		{"单位", "行政复议新收案件（件）", "不存在的列"},
		{"清溪县司法局", "8.5"},
		{"无名单位", "1"},
		{"清溪县司法局", "1"},
	}
	_, errs = ParseImport(bad, resolve)
	wantErrs := []string{
		"第1行：无法识别的列“不存在的列”",
		"第2行“行政复议新收案件”：应为非负整数",
		"第3行：单位“无名单位”不存在或不在您的数据范围内",
		"第4行：单位“清溪县司法局”与第2行重复",
	}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Fatalf("errors %q", errs)
	}
	if _, errs := ParseImport([][]string{{"名称"}}, resolve); len(errs) != 1 {
		t.Fatalf("no header: %q", errs)
	}
}
