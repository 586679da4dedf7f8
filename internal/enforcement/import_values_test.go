package enforcement

import "testing"

// The fast path for plain amounts gives what ParseYuan gives, and leaves
// everything else (separators, 元, bad input) to it.
func TestParseMoneyMatchesParseYuan(t *testing.T) {
	for _, s := range []string{"", "0", "200", "5000.50", "5000.5", "0.01", "120", "999999999999", "999999999999.99",
		"1234567890123", "1,000", "1 000", "300元", "3.", ".5", "5.123", "-5", "+5", "1e3", "12a", "5..0", "１００"} {
		got, gotMsg := parseMoney(s)
		v, err := ParseYuan(s)
		want, wantMsg := int64(0), ""
		if err != nil {
			wantMsg = err.Error()
		} else if v != nil {
			want = *v
		}
		if got != want || gotMsg != wantMsg {
			t.Errorf("parseMoney(%q) = %d, %q; ParseYuan gives %d, %q", s, got, gotMsg, want, wantMsg)
		}
	}
}
