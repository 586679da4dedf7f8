package privacy

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// mkID builds a synthetic 身份证号 (made-up region, date and sequence) with a
// correct check character.
func mkID(t *testing.T, region, birth, seq string) string {
	t.Helper()
	c, ok := IDCheckChar(region + birth + seq)
	if !ok {
		t.Fatalf("bad synthetic id parts %s %s %s", region, birth, seq)
	}
	return region + birth + seq + string(c)
}

// idWithCheckX returns a synthetic id whose check character is X.
func idWithCheckX(t *testing.T) string {
	t.Helper()
	for seq := 100; seq < 1000; seq++ {
		if id := mkID(t, "330122", "19850615", fmt.Sprintf("%03d", seq)); id[17] == 'X' {
			return id
		}
	}
	t.Fatal("no X check char found")
	return ""
}

func TestIDCheckChar(t *testing.T) {
	// Worked example of GB 11643-1999 附录 (the standard's own sample number).
	if c, ok := IDCheckChar("11010519491231002"); !ok || c != 'X' {
		t.Fatalf("check char = %c %v, want X", c, ok)
	}
	if _, ok := IDCheckChar("1101051949123100"); ok {
		t.Fatal("16 digits accepted")
	}
	if _, ok := IDCheckChar("1101051949123100A"); ok {
		t.Fatal("letter accepted")
	}
}

func TestValidateIDNumber(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, chinaTime)
	good := mkID(t, "330122", "19900307", "991")
	x := idWithCheckX(t)
	wrongCheck := good[:17] + string("0123456789"[(int(good[17]-'0')+1)%10])
	if good[17] == 'X' {
		wrongCheck = good[:17] + "0"
	}
	want, _ := IDCheckChar(good[:17])
	full := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r + 0xFEE0
		}
		return r
	}, good)
	tests := []struct {
		name, in, wantErr string
	}{
		{"valid", good, ""},
		{"valid with X", x, ""},
		{"lowercase x", strings.ToLower(x), ""},
		{"spaces", " " + good[:6] + " " + good[6:14] + " " + good[14:] + " ", ""},
		{"full-width digits", full, ""},
		{"empty", "", "身份证号不能为空"},
		{"blank", "   ", "身份证号不能为空"},
		{"old 15 digits", "330122900307991", "15位旧号码"},
		{"17 chars", good[:17], "应为18位，当前为17位"},
		{"letter inside", good[:5] + "A" + good[6:], "前17位应为数字"},
		{"bad last char", good[:17] + "Y", "第18位应为数字或X"},
		{"province 99", "99" + good[2:], "前两位99不是省级行政区划代码"},
		{"province 00", "00" + good[2:], "前两位00不是"},
		{"february 30", mkID(t, "330122", "19900230", "991"), "出生日期无效：19900230"},
		{"month 13", mkID(t, "330122", "19901301", "991"), "出生日期无效"},
		{"future", mkID(t, "330122", "20260302", "991"), "晚于今天"},
		{"today is fine", mkID(t, "330122", "20260301", "991"), ""},
		{"before 1900", mkID(t, "330122", "18991231", "991"), "早于1900年"},
		{"check char", wrongCheck, "身份证号校验位错误：应为" + string(want)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validateIDAt(tt.in, now)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ValidateIDNumber(%q) = %v", tt.in, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ValidateIDNumber(%q) = %v, want %q", tt.in, err, tt.wantErr)
			}
			var e *Error
			if !errors.As(err, &e) || e.ErrorCode() != "invalid" || e.Field != "id_number" {
				t.Fatalf("error %T %+v is not an invalid *Error", err, err)
			}
		})
	}
}

func TestValidateIDNumberUsesChinaDate(t *testing.T) {
	// 2026-03-01 20:00 UTC is already 2 March in China.
	now := time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)
	if err := validateIDAt(mkID(t, "330122", "20260302", "991"), now); err != nil {
		t.Fatalf("born today (China time) refused: %v", err)
	}
}

func TestBirthDateAndSex(t *testing.T) {
	male := mkID(t, "330122", "19900307", "991")
	female := mkID(t, "330122", "20011231", "982")
	d, err := BirthDate(male)
	if err != nil || !d.Equal(time.Date(1990, 3, 7, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("BirthDate = %v, %v", d, err)
	}
	if s, err := Sex(male); err != nil || s != "男" {
		t.Fatalf("Sex(male) = %q, %v", s, err)
	}
	if s, err := Sex(female); err != nil || s != "女" {
		t.Fatalf("Sex(female) = %q, %v", s, err)
	}
	if _, err := BirthDate("123"); err == nil {
		t.Fatal("BirthDate of invalid id succeeded")
	}
	if _, err := Sex(""); err == nil {
		t.Fatal("Sex of empty id succeeded")
	}
}

func TestNormalizeIDNumber(t *testing.T) {
	if got := NormalizeIDNumber(" 3301 2219 8506 15123ｘ "); got != "33012219850615123X" {
		t.Fatalf("got %q", got)
	}
}
