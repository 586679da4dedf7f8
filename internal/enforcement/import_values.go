package enforcement

import (
	"strconv"
	"strings"
	"time"
)

// The cell parsers of the import: pure functions, lenient in the forms
// people type in Excel, strict in what they accept.

// ParseImportDate reads a date as 2025-03-01, 2025/3/1, 2025.3.1,
// 2025年3月1日, 20250301, "2025-03-01 00:00:00", Excel's 03-01-25 display
// of a date cell, or an Excel serial day number, and returns it as ISO text.
func ParseImportDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i] // a time of day is dropped
	}
	if s == "" {
		return "", false
	}
	if strings.HasSuffix(s, "日") {
		s = strings.TrimSuffix(s, "日")
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' || r == '年' || r == '月' })
	var y, m, d int
	switch {
	case len(parts) == 3 && len(parts[0]) == 4:
		y, m, d = atoiOr(parts[0]), atoiOr(parts[1]), atoiOr(parts[2])
	case len(parts) == 3 && len(parts[0]) == 2 && len(parts[2]) == 2 && strings.Count(s, "-") == 2:
		m, d, y = atoiOr(parts[0]), atoiOr(parts[1]), 2000+atoiOr(parts[2]) // excelize's mm-dd-yy
	case len(parts) == 1 && len(s) == 8:
		y, m, d = atoiOr(s[:4]), atoiOr(s[4:6]), atoiOr(s[6:])
	case len(parts) == 1 && len(s) == 5:
		n := atoiOr(s) // Excel serial: days since 1899-12-30
		if n < 10000 || n > 99999 {
			return "", false
		}
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
		y, m, d = t.Year(), int(t.Month()), t.Day()
	default:
		return "", false
	}
	if y < 1949 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", false
	}
	var b [10]byte
	b[0], b[1], b[2], b[3] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4], b[7] = '-', '-'
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b[:]), true
}

func atoiOr(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseProcedure reads 简易程序/普通程序 (or 简易/普通, or the code).
func parseProcedure(s string) (Procedure, bool) {
	switch s {
	case "简易程序", "简易", "当场处罚", string(ProcSimple):
		return ProcSimple, true
	case "普通程序", "普通", "一般程序", string(ProcOrdinary):
		return ProcOrdinary, true
	}
	return "", false
}

// Party kinds of a case.
const (
	PartyPerson = "person" // 自然人
	PartyOrg    = "org"    // 法人或其他组织
)

// PartyKindLabel names a party kind.
func PartyKindLabel(k string) string {
	if k == PartyOrg {
		return "法人或其他组织"
	}
	return "自然人"
}

func parsePartyKind(s string) (string, bool) {
	switch s {
	case "自然人", "个人", "公民", "个体", PartyPerson:
		return PartyPerson, true
	case "法人或其他组织", "法人", "单位", "企业", "其他组织", "法人或者其他组织", "个体工商户", PartyOrg:
		return PartyOrg, true
	}
	return "", false
}

func parseDecision(s string) (Decision, bool) {
	switch s {
	case DecPenalty.Label(), "行政处罚", "处罚", "作出行政处罚决定", string(DecPenalty):
		return DecPenalty, true
	case DecNoPenalty.Label(), "不予处罚", "不予行政处罚决定", string(DecNoPenalty):
		return DecNoPenalty, true
	case DecTransfer.Label(), "移送司法机关", "移送其他机关", "案件移送", string(DecTransfer):
		return DecTransfer, true
	}
	return "", false
}

// stateByLabel maps the state labels (types.go), their codes and the words
// registers use (结案, 办结 …) to states.
var stateByLabel = func() map[string]State {
	m := map[string]State{"立案": StateFiled, "结案": StateClosed, "办结": StateClosed, "已办结": StateClosed,
		"撤销": StateRevoked, "移送": StateTransferred, "已送达": StateServed, "送达": StateServed, "决定": StateDecided,
		"执行": StateExecuting, "调查": StateInvestigating, "告知": StateNotified}
	for _, s := range States {
		m[s.Label()], m[string(s)] = s, s
	}
	return m
}()

func parseState(s string) (State, bool) {
	st, ok := stateByLabel[s]
	return st, ok
}

func parseOfficerStatus(s string) (OfficerStatus, bool) {
	switch s {
	case "", "在岗", "有效", "正常", string(OfficerActive):
		return OfficerActive, true
	case "暂扣", string(OfficerSuspended):
		return OfficerSuspended, true
	case "注销", "吊销", string(OfficerRevoked):
		return OfficerRevoked, true
	}
	return "", false
}

// splitCertNos splits a cell of certificate numbers on 、 ; ， , and spaces.
func splitCertNos(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ';' || r == '；' || r == ',' || r == '，' || r == ' ' || r == '\n' || r == '/'
	})
	for i := range f {
		f[i] = strings.ToUpper(strings.TrimSpace(f[i]))
	}
	return f
}

// parseMoney reads an amount in 元 as fen ("" is zero).
func parseMoney(s string) (int64, string) {
	if fen, ok := plainFen(s); ok {
		return fen, ""
	}
	v, err := ParseYuan(s)
	if err != nil {
		return 0, err.Error()
	}
	if v == nil {
		return 0, ""
	}
	return *v, ""
}

// plainFen reads the cell nearly every row has — empty, or digits with up
// to two decimals and nothing else — without ParseYuan's clean-up of
// separators and 元 (which built a replacer per call: half the time of
// checking a row). Anything else (ok false) goes through ParseYuan, which
// gives the same value or the error message.
func plainFen(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || len(whole) > 12 || len(frac) > 2 || hasFrac && frac == "" {
		return 0, false
	}
	var fen int64
	for _, part := range [2]string{whole, (frac + "00")[:2]} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
			fen = fen*10 + int64(part[i]-'0')
		}
	}
	return fen, true
}

// Simple-procedure fine limits (行政处罚法 第五十一条: 对公民处以二百元以下、
// 对法人或者其他组织处以三千元以下罚款或者警告的行政处罚, 可以当场作出).
const (
	SimpleFineLimitPersonFen = 200_00
	SimpleFineLimitOrgFen    = 3000_00
)
