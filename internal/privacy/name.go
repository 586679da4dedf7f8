package privacy

import (
	"strings"
	"unicode/utf8"
)

// compoundSurnames are the 复姓 kept whole by MaskName. A two-character name
// starting with one of them ("司马") keeps only its first character, since the
// rest would otherwise be shown in full.
var compoundSurnames = setOf(
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门",
	"百里", "呼延", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠",
	"仲孙", "闻人", "万俟", "赫连", "拓跋", "第五", "乐正", "东郭", "左丘", "梁丘",
	"司空", "司寇", "亓官", "鲜于", "闾丘", "巫马", "公羊", "公良", "羊舌", "微生",
	"谷梁", "段干", "宰父", "夹谷", "漆雕", "壤驷", "公西", "颛孙", "子车", "完颜",
)

// orgSuffixes end only names of organisations; they count when at least two
// characters precede them, so that given names such as 张学会 or 王银行 stay
// persons.
var orgSuffixes = []string{
	"公司", "中心", "合作社", "联合社", "集团", "协会", "商会", "学会", "研究会", "联合会",
	"基金会", "委员会", "管委会", "居委会", "村委会", "学校", "小学", "中学", "大学", "学院",
	"幼儿园", "医院", "卫生院", "卫生室", "诊所", "门诊部", "药店", "药房", "超市", "商店",
	"商场", "商城", "商行", "银行", "支行", "分行", "信用社", "经营部", "门市部", "营业部",
	"服务部", "工作室", "事务所", "研究所", "研究院", "设计院", "饭店", "酒店", "宾馆", "旅馆",
	"旅社", "餐厅", "餐馆", "酒家", "酒楼", "茶楼", "农场", "林场", "牧场", "养殖场",
	"加油站", "服务站", "网吧", "俱乐部", "分店", "便利店", "小吃店", "专卖店", "人民政府",
	"办事处", "派出所", "法院", "检察院", "大队", "中队", "支队", "普通合伙", "有限合伙",
}

// weakOrgSuffixes are single characters that also occur in given names (李知行);
// they mark an organisation only in names of four or more characters that do
// not start with a compound surname (欧阳一行 is a person).
var weakOrgSuffixes = setOf("厂", "店", "部", "馆", "所", "院", "局", "处", "社", "行", "站", "场", "园", "坊", "铺", "楼", "厅", "队", "会", "室")

// latinOrgSuffixes are compared case-insensitively.
var latinOrgSuffixes = []string{" ltd", " ltd.", " limited", " inc", " inc.", " llc", " co.", " corp", " corp.", " gmbh", " company"}

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}

// IsOrganisationName reports whether s names an organisation (法人或其他组织)
// rather than a natural person. 行政处罚 decisions against organisations are
// published in full; when in doubt the answer is false, so the name is masked.
func IsOrganisationName(s string) bool {
	name := compact(s)
	if base, extra, ok := cutTrailingParen(name); ok {
		if hasOrgSuffix(extra, 0) || strings.Contains(extra, "合伙") {
			return true
		}
		name = base
	}
	lower := strings.ToLower(strings.TrimSpace(fold(s)))
	for _, suf := range latinOrgSuffixes {
		if strings.HasSuffix(lower, suf) {
			return true
		}
	}
	if hasOrgSuffix(name, 2) {
		return true
	}
	rs := []rune(name)
	if len(rs) < 4 || !weakOrgSuffixes[string(rs[len(rs)-1])] {
		return false
	}
	return len(rs) > 4 || !compoundSurnames[string(rs[:2])]
}

// hasOrgSuffix reports whether name ends in one of orgSuffixes preceded by at
// least minBefore characters.
func hasOrgSuffix(name string, minBefore int) bool {
	n := utf8.RuneCountInString(name)
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(name, suf) && n-utf8.RuneCountInString(suf) >= minBefore {
			return true
		}
	}
	return false
}

// cutTrailingParen splits "杭州某某有限公司（清溪分店）" into the name and the
// text of its last parenthesis.
func cutTrailingParen(name string) (base, inner string, ok bool) {
	for _, p := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if strings.HasSuffix(name, p[1]) {
			if i := strings.LastIndex(name, p[0]); i > 0 {
				return name[:i], name[i+len(p[0]) : len(name)-len(p[1])], true
			}
		}
	}
	return name, "", false
}

// MaskName masks a natural person's name for publication: the surname stays
// (compound surnames whole) and every other character becomes one '*':
// 张三 → 张*, 欧阳修远 → 欧阳**, 王 → *. Names with a middle dot (阿依古丽·买买提)
// and Latin names keep their first character; dots and spaces stay. Names of
// organisations are returned unchanged (trimmed).
func MaskName(s string) string {
	name := strings.TrimSpace(fold(s))
	if name == "" {
		return ""
	}
	if IsOrganisationName(name) {
		return strings.TrimSpace(s)
	}
	rs := []rune(name)
	if isASCIILetter(rs[0]) || strings.ContainsAny(name, "·•・‧.") {
		return maskAfterFirst(rs)
	}
	rs = []rune(compact(name))
	if len(rs) == 1 {
		return "*"
	}
	keep := 1
	if len(rs) > 2 && compoundSurnames[string(rs[:2])] {
		keep = 2
	}
	return string(rs[:keep]) + strings.Repeat("*", len(rs)-keep)
}

// maskAfterFirst keeps the first rune and the separators (spaces, dots,
// hyphens, apostrophes) and masks every other rune.
func maskAfterFirst(rs []rune) string {
	var b strings.Builder
	b.WriteRune(rs[0])
	for _, r := range rs[1:] {
		if strings.ContainsRune(" ·•・‧.-'", r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}
