package docgen

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// unitWidths gives full-width runes 1 and the rest 0.5, like a CJK grid.
func unitWidths(rs []rune) []float64 {
	ws := make([]float64, len(rs))
	for i, r := range rs {
		ws[i] = 1
		if r < 0x2000 {
			ws[i] = 0.5
		}
	}
	return ws
}

func wrapStrings(s string, first, rest float64) []string {
	rs := []rune(s)
	var out []string
	for _, l := range breakLines(rs, unitWidths(rs), first, rest) {
		out = append(out, string(rs[l.Start:l.End]))
	}
	return out
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		first, rest float64
		want        []string
	}{
		{"fits", "依法行政", 5, 5, []string{"依法行政"}},
		{"by character", "一二三四五六七", 3, 3, []string{"一二三", "四五六", "七"}},
		{"indent on first line", "一二三四五六七", 2, 4, []string{"一二", "三四五六", "七"}},
		{"comma pulls previous char down", "一二三，四五", 3, 3, []string{"一二", "三，四", "五"}},
		{"two closing marks", "一二三。”四", 3, 3, []string{"一二", "三。”", "四"}},
		{"opening mark not at line end", "一二《三四》五", 3, 3, []string{"一二", "《三", "四》五"}},
		{"opening paren carried down", "一二（三）", 3, 3, []string{"一二", "（三）"}},
		{"number kept whole", "共计12345件", 4, 4, []string{"共计", "12345件"}},
		{"percent and decimal kept", "增长3.5%，达", 4, 4, []string{"增长", "3.5%，达"}},
		{"latin words at spaces", "GB/T 9704 format", 4, 4, []string{"GB/T", "9704", "format"}},
		{"space dropped at break", "ab cd ef", 2, 2, []string{"ab", "cd", "ef"}},
		{"dash pair not split", "一二——三", 3, 3, []string{"一二", "——三"}},
		{"ellipsis pair not split", "一二……。", 3, 3, []string{"一二", "……。"}},
		{"mark after space stays with word", "ab cd ！", 2.5, 2.5, []string{"ab", "cd ！"}},
		{"single dash joins numbers", "一二2021—2025年", 4, 4, []string{"一二", "2021—", "2025年"}},
		{"hard break", "一二\n三", 5, 5, []string{"一二", "三"}},
		{"empty line from blank", "一\n\n二", 5, 5, []string{"一", "", "二"}},
		{"empty text", "", 5, 5, []string{""}},
		{"overlong word split", "abcdefghij", 2, 2, []string{"abcd", "efgh", "ij"}},
		{"kept leading space after hard break", "一\n 二", 5, 5, []string{"一", " 二"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrapStrings(tt.text, tt.first, tt.rest)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("breakLines(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestBreakLinesRules checks the 标点 rules and widths on random text.
func TestBreakLinesRules(t *testing.T) {
	words := []string{"法", "治", "政府", "建设", "2026", "ab", "GB/T", "——", "……"}
	closing := []rune("，。、；：？！）」》”")
	opening := []rune("（「《“")
	rnd := rand.New(rand.NewSource(7))
	for n := 0; n < 3000; n++ {
		var rs []rune
		for k := 3 + rnd.Intn(30); k > 0; k-- {
			if rnd.Intn(5) == 0 {
				rs = append(rs, opening[rnd.Intn(len(opening))])
			}
			w := []rune(words[rnd.Intn(len(words))])
			if len(rs) > 0 && rs[len(rs)-1] < 0x2000 && w[0] < 0x2000 {
				rs = append(rs, ' ') // keep Latin words short enough for a line
			}
			rs = append(rs, w...)
			switch rnd.Intn(6) {
			case 0:
				rs = append(rs, closing[rnd.Intn(len(closing))])
			case 1:
				rs = append(rs, ' ')
			}
		}
		ws := unitWidths(rs)
		width := float64(6 + rnd.Intn(20))
		lines := breakLines(rs, ws, width, width)
		var joined strings.Builder
		for i, l := range lines {
			line := rs[l.Start:l.End]
			w := 0.0
			for _, x := range ws[l.Start:l.End] {
				w += x
			}
			if w > width+1e-9 {
				t.Fatalf("%q: line %q is %.1f wide, limit %.0f", string(rs), string(line), w, width)
			}
			if len(line) == 0 {
				continue
			}
			if i > 0 && isNoLineStart(line[0]) {
				t.Fatalf("%q: line %d starts with %q", string(rs), i, line[0])
			}
			if i < len(lines)-1 && isNoLineEnd(line[len(line)-1]) {
				t.Fatalf("%q: line %d ends with %q", string(rs), i, line[len(line)-1])
			}
			joined.WriteString(string(line))
		}
		want := strings.ReplaceAll(string(rs), " ", "")
		if got := strings.ReplaceAll(joined.String(), " ", ""); got != want {
			t.Fatalf("text lost: %q became %q", want, got)
		}
	}
}
