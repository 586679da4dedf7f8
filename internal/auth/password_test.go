package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestHashAndCheck(t *testing.T) {
	h, err := HashPassword("Qingxi#2025pass")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$") {
		t.Fatalf("not argon2id PHC: %s", h)
	}
	if !CheckPassword(h, "Qingxi#2025pass") {
		t.Error("right password refused")
	}
	if CheckPassword(h, "Qingxi#2025pasS") || CheckPassword(h, "") || CheckPassword("garbage", "x") {
		t.Error("wrong password accepted")
	}
	h2, _ := HashPassword("Qingxi#2025pass")
	if h == h2 {
		t.Error("salt not random")
	}
}

func TestPolicy(t *testing.T) {
	cases := []struct {
		user, pw string
		ok       bool
	}{
		{"zhang", "Abcdefgh12", true},    // 10 chars, 3 classes
		{"zhang", "Abcdefg12", false},    // 9 chars
		{"zhang", "abcdefghij12", false}, // 2 classes
		{"zhang", "abcdefgh!12", true},   // lower, digit, symbol
		{"zhang", "ABCDEFGH!ab", true},   // upper, symbol, lower
		{"zhang", "Zhang12345!x", false}, // contains the username, any case
		{"li", "法治政府Abc123", true},       // CJK counts as "other"
		{"admin", "XXadmin!234", false},
	}
	for _, c := range cases {
		err := CheckPolicy(c.user, c.pw)
		if (err == nil) != c.ok {
			t.Errorf("CheckPolicy(%q, %q) = %v, want ok=%v", c.user, c.pw, err, c.ok)
		}
		if err != nil && !errors.Is(err, ErrWeakPassword) {
			t.Errorf("error does not wrap ErrWeakPassword: %v", err)
		}
	}
}
