package xlsx

import (
	"bytes"
	"testing"
	"time"
)

func TestWriteRead(t *testing.T) {
	var buf bytes.Buffer
	at := time.Date(2026, 1, 2, 1, 0, 0, 0, time.UTC)
	err := Write(&buf, Table{Sheet: "审计日志", Title: "标题", Headers: []string{"序号", "时间", "摘要"},
		Rows: [][]any{{1, at, "登录"}, {2, time.Time{}, "退出"}}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Read(&buf, "")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"标题"}, {"序号", "时间", "摘要"}, {"1", "2026-01-02 09:00:00", "登录"}, {"2", "", "退出"}}
	if len(rows) != len(want) {
		t.Fatalf("rows %v", rows)
	}
	for i := range want {
		for j := range want[i] {
			if rows[i][j] != want[i][j] {
				t.Errorf("cell %d,%d = %q, want %q", i, j, rows[i][j], want[i][j])
			}
		}
	}
	if _, err := Read(bytes.NewReader([]byte("not a workbook")), ""); err == nil {
		t.Error("garbage accepted")
	}
}
