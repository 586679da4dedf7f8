package org

import (
	"errors"
	"strings"
	"testing"
)

// Published codes of well-known organisations.
var validCodes = []struct{ code, who string }{
	{"91350100M000100Y43", "GB 32100-2015 example"},
	{"914403001922038216", "华为技术有限公司"},
	{"91440300708461136T", "深圳市腾讯计算机系统有限公司"},
	{"91330100716105852F", "阿里巴巴（中国）有限公司"},
	{"91110108551385082Q", "小米科技有限责任公司"},
	{"12100000400000624D", "a central 事业单位"},
}

func TestValidateCreditCodeAcceptsPublishedCodes(t *testing.T) {
	for _, c := range validCodes {
		if err := ValidateCreditCode(c.code); err != nil {
			t.Errorf("%s (%s): %v", c.code, c.who, err)
		}
	}
}

func TestValidateCreditCodeNormalises(t *testing.T) {
	for _, in := range []string{" 91440300708461136t ", "９１４４０３００７０８４６１１３６Ｔ", "914403 00708461136T"} {
		if err := ValidateCreditCode(in); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
	if got := NormalizeCreditCode("９１４４０３００７０８４６１１３６ｔ"); got != "91440300708461136T" {
		t.Errorf("normalised to %q", got)
	}
}

// Every single-character substitution and every swap of two adjacent
// different characters must be caught: 31 is prime and the weights distinct.
func TestValidateCreditCodeCatchesCorruptions(t *testing.T) {
	for _, c := range validCodes {
		b := []byte(c.code)
		for i := range b {
			for j := 0; j < len(creditCharset); j++ {
				if creditCharset[j] == c.code[i] {
					continue
				}
				bad := []byte(c.code)
				bad[i] = creditCharset[j]
				if ValidateCreditCode(string(bad)) == nil {
					t.Fatalf("%s: corruption %s at position %d accepted", c.code, bad, i+1)
				}
			}
			if i+1 < len(b) && b[i] != b[i+1] {
				bad := []byte(c.code)
				bad[i], bad[i+1] = bad[i+1], bad[i]
				if ValidateCreditCode(string(bad)) == nil {
					t.Fatalf("%s: swap %s at %d accepted", c.code, bad, i+1)
				}
			}
		}
	}
}

// withCheck completes 17 characters with their check character.
func withCheck(t *testing.T, first17 string) string {
	t.Helper()
	c, ok := CreditCodeCheckChar(first17)
	if !ok {
		t.Fatalf("bad test input %q", first17)
	}
	return first17 + string(c)
}

func TestValidateCreditCodeMessages(t *testing.T) {
	cases := []struct {
		name, code, want string
	}{
		{"empty", "", "不能为空"},
		{"short", "9144030070846113", "应为18位，现为16位"},
		{"long", "91440300708461136TT", "应为18位，现为19位"},
		{"letter O", "91440300708461O36T", "第15位“O”不是有效字符"},
		{"chinese", "91440300708461136字", "第18位“字”不是有效字符"},
		{"check", "91440300708461136A", "校验位错误：应为T"},
		{"registrar", withCheck(t, "B1440300708461136"), "第1位登记管理部门码“B”无效"},
		{"category of 机构编制", withCheck(t, "14330100000000001"), "第2位机构类别码“4”不属于登记管理部门“机构编制”"},
		{"category of 工商", withCheck(t, "99440300708461136"), "不属于登记管理部门“工商”"},
		{"category of 民政", withCheck(t, "5A440300708461136"), "不属于登记管理部门“民政”"},
		{"region letters", withCheck(t, "9144A300708461136"), "第3至8位“44A300”"},
		{"region province", withCheck(t, "91990300708461136"), "第3至8位“990300”"},
	}
	for _, c := range cases {
		err := ValidateCreditCode(c.code)
		var oe *Error
		if !errors.As(err, &oe) || oe.Field != "credit_code" || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: want invalid credit_code error, got %v", c.name, err)
			continue
		}
		if !strings.Contains(oe.Message, c.want) {
			t.Errorf("%s: message %q lacks %q", c.name, oe.Message, c.want)
		}
	}
}

func TestValidateCreditCodeCategories(t *testing.T) {
	for _, prefix := range []string{"11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93",
		"31", "71", "81", "N2", "Y1", "A1"} {
		code := withCheck(t, prefix+"330100MB0000000")
		if err := ValidateCreditCode(code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
	central := withCheck(t, "11100000000000001")
	if err := ValidateCreditCode(central); err != nil {
		t.Errorf("central registrar 100000: %v", err)
	}
	if got := CreditCodeKind("11330100MB0000000X"); got != "机构编制 · 机关" {
		t.Errorf("kind %q", got)
	}
}
