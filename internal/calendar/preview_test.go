package calendar

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPreviewText(t *testing.T) {
	p, err := ParseNotice(notice2025)
	if err != nil {
		t.Fatal(err)
	}
	out := p.PreviewText()
	for _, want := range []string{
		"国务院办公厅关于2025年部分节假日安排的通知",
		"成文日期：2024年11月12日",
		"二、春节：2025年1月28日至2月4日 放假，共 8 天（通知写明共8天，核对一致）",
		"调休上班：2025年1月26日（周日）、2025年2月8日（周六）",
		"2025年2月\n 一   二   三   四   五   六   日\n" + strings.Repeat(" ", 27) + "1休  2休\n  3休  4休  5    6    7    8班  9\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
}

func TestPreviewJSON(t *testing.T) {
	p, _ := ParseNotice(notice2025)
	b, err := p.PreviewJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back YearPlan
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Year != 2025 || len(back.Days) != len(p.Days) || back.Days[1] != p.Days[1] || back.Issued != p.Issued {
		t.Errorf("round trip lost data: %+v", back)
	}
	if !strings.Contains(string(b), `"kind": "adjusted_workday"`) {
		t.Errorf("json: %s", b)
	}
}
