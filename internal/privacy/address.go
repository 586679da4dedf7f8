package privacy

import (
	"strings"
	"unicode"
)

// An address is cut after its township (街道/镇/乡/苏木), or, when it names
// none, after its road (路/街/巷/道/弄/胡同), or else after its county-level
// prefix; house numbers, 幢/单元/室 and 村/组 details are dropped.
var (
	townshipMarkers = []string{"街道", "镇", "乡", "苏木"}
	roadMarkers     = []string{"胡同", "路", "街", "巷", "道", "弄"}
	// adminMarkers end a province-, prefecture- or county-level name.
	adminMarkers = "省市区县旗州盟"
	// notAdmin are words ending (or starting) with an admin marker that are not
	// administrative units.
	notAdmin = setOf("小区", "社区", "园区", "景区", "校区", "厂区", "院区", "营区", "片区", "市场")
	// belowAdmin are characters that, inside a would-be admin name, show that
	// the county-level prefix has ended (镇江市 and 路桥区 start with them).
	belowAdmin = "镇乡街村路巷"
)

// MaskAddress cuts an address to the street or township level for public
// pages and appends "***" when something was cut:
// 浙江省杭州市西湖区北山街道曙光路88号3幢2单元501室 → 浙江省杭州市西湖区北山街道***,
// 清溪县白石镇桃花村五组12号 → 清溪县白石镇***, 杭州市上城区解放路188号 →
// 杭州市上城区解放路***. Spaces are dropped and full-width digits folded; an
// address with no recognisable level becomes "***".
func MaskAddress(s string) string {
	addr := compact(s)
	if addr == "" {
		return ""
	}
	rs := []rune(addr)
	cut := adminPrefixEnd(rs)
	if t := unitEnd(rs, cut, townshipMarkers, 10, true); t > 0 {
		cut = t
	} else if r := unitEnd(rs, cut, roadMarkers, 12, false); r > 0 {
		cut = r
	}
	switch {
	case cut == 0:
		return "***"
	case cut >= len(rs):
		return addr
	}
	return string(rs[:cut]) + "***"
}

// unitEnd finds the first marker after rs[from] whose name rs[from:i] has
// 1..maxName characters without digits (only Han characters when hanOnly),
// and returns the index after the marker, or 0.
func unitEnd(rs []rune, from int, markers []string, maxName int, hanOnly bool) int {
	for i := from + 1; i < len(rs) && i-from <= maxName; i++ {
		prev := rs[i-1]
		if isDigit(prev) || hanOnly && !unicode.Is(unicode.Han, prev) {
			return 0
		}
		for _, m := range markers {
			if strings.HasPrefix(string(rs[i:]), m) {
				return i + len([]rune(m))
			}
		}
	}
	return 0
}

// adminPrefixEnd returns the index after the last province-, prefecture- or
// county-level name at the start of rs (0 when there is none).
func adminPrefixEnd(rs []rune) int {
	end := 0
	for {
		next := nextAdminEnd(rs, end)
		if next == 0 {
			return end
		}
		end = next
	}
}

func nextAdminEnd(rs []rune, from int) int {
	for i := from + 1; i < len(rs) && i-from <= 12; i++ {
		if !unicode.Is(unicode.Han, rs[i-1]) || i-1 > from && strings.ContainsRune(belowAdmin, rs[i-1]) {
			return 0
		}
		if !strings.ContainsRune(adminMarkers, rs[i]) {
			continue
		}
		if notAdmin[string(rs[i-1:i+1])] || i+1 < len(rs) && notAdmin[string(rs[i:i+2])] {
			return 0
		}
		// 杭州市, 通州区: the name's last character is itself a marker.
		for i+1 < len(rs) && strings.ContainsRune(adminMarkers, rs[i+1]) {
			i++
		}
		return i + 1
	}
	return 0
}
