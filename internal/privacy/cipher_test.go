package privacy

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

func mustCipher(t *testing.T, alg string, key []byte) *Cipher {
	t.Helper()
	c, err := New(alg, key)
	if err != nil {
		t.Fatalf("New(%q): %v", alg, err)
	}
	return c
}

func TestSealOpenRoundTrip(t *testing.T) {
	for _, tt := range []struct{ alg, prefix string }{
		{"", "v1:aesgcm:"},
		{AES256GCM, "v1:aesgcm:"},
		{SM4GCM, "v1:sm4gcm:"},
		{" SM4-GCM ", "v1:sm4gcm:"},
	} {
		c := mustCipher(t, tt.alg, testKey(1))
		for _, plain := range []string{"330122199003079911", "张三", "a", strings.Repeat("长文本", 1000)} {
			sealed, err := c.Seal(plain)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(sealed, tt.prefix) || !IsSealed(sealed) {
				t.Fatalf("%s: sealed %q lacks prefix %s", tt.alg, sealed, tt.prefix)
			}
			if len(plain) > 3 && strings.Contains(sealed, plain) { // "a" may occur in base64 by chance
				t.Fatalf("%s: plaintext visible in sealed value", tt.alg)
			}
			got, err := c.Open(sealed)
			if err != nil || got != plain {
				t.Fatalf("%s: Open = %q, %v", tt.alg, got, err)
			}
		}
	}
}

func TestSealEmpty(t *testing.T) {
	c := mustCipher(t, "", testKey(1))
	if s, err := c.Seal(""); s != "" || err != nil {
		t.Fatalf("Seal(\"\") = %q, %v", s, err)
	}
	if s, err := c.Open(""); s != "" || err != nil {
		t.Fatalf("Open(\"\") = %q, %v", s, err)
	}
}

func TestOpenByPrefix(t *testing.T) {
	sm := mustCipher(t, SM4GCM, testKey(1))
	aes := mustCipher(t, AES256GCM, testKey(1))
	sealed, _ := sm.Seal("13812345678")
	if got, err := aes.Open(sealed); err != nil || got != "13812345678" {
		t.Fatalf("aes cipher opening sm4 value = %q, %v", got, err)
	}
	sealed, _ = aes.Seal("13812345678")
	if got, err := sm.Open(sealed); err != nil || got != "13812345678" {
		t.Fatalf("sm4 cipher opening aes value = %q, %v", got, err)
	}
}

func TestNonceUniqueness(t *testing.T) {
	for _, alg := range []string{AES256GCM, SM4GCM} {
		c := mustCipher(t, alg, testKey(1))
		a, _ := c.Seal("same text")
		b, _ := c.Seal("same text")
		if a == b {
			t.Fatalf("%s: two seals of the same text are equal", alg)
		}
	}
}

func TestTamperDetection(t *testing.T) {
	for _, alg := range []string{AES256GCM, SM4GCM} {
		c := mustCipher(t, alg, testKey(1))
		sealed, _ := c.Seal("330122199003079911")
		head := sealed[:len("v1:xxxxxx:")]
		raw, _ := base64.StdEncoding.DecodeString(sealed[len(head):])
		for i := range raw {
			flipped := bytes.Clone(raw)
			flipped[i] ^= 0x01
			if _, err := c.Open(head + base64.StdEncoding.EncodeToString(flipped)); !errors.Is(err, ErrDecrypt) {
				t.Fatalf("%s: flipped byte %d: err = %v", alg, i, err)
			}
		}
		if _, err := c.Open(head + base64.StdEncoding.EncodeToString(raw[:20])); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("%s: truncated: err = %v", alg, err)
		}
		if _, err := c.Open(head + "not base64!"); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("%s: bad base64: err = %v", alg, err)
		}
	}
}

func TestAlgorithmTagIsAuthenticated(t *testing.T) {
	// Relabelling an aes value as sm4 (or the reverse) must not open.
	c := mustCipher(t, AES256GCM, testKey(1))
	sealed, _ := c.Seal("张三")
	relabelled := strings.Replace(sealed, "aesgcm", "sm4gcm", 1)
	if _, err := c.Open(relabelled); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("relabelled value: err = %v", err)
	}
}

func TestWrongKey(t *testing.T) {
	for _, alg := range []string{AES256GCM, SM4GCM} {
		sealed, _ := mustCipher(t, alg, testKey(1)).Seal("13812345678")
		if _, err := mustCipher(t, alg, testKey(2)).Open(sealed); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("%s: wrong key: err = %v", alg, err)
		}
	}
}

func TestOpenNotSealed(t *testing.T) {
	c := mustCipher(t, "", testKey(1))
	for _, s := range []string{"13812345678", "v2:aesgcm:AAAA", "v1aesgcm"} {
		if _, err := c.Open(s); !errors.Is(err, ErrNotSealed) {
			t.Errorf("Open(%q): err = %v, want ErrNotSealed", s, err)
		}
	}
	if _, err := c.Open("v1:rot13:AAAA"); err == nil || errors.Is(err, ErrNotSealed) {
		t.Errorf("unknown algorithm: err = %v", err)
	}
	if IsSealed("13812345678") || IsSealed("v1:rot13:AAAA") {
		t.Error("IsSealed true for plaintext")
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New("des", testKey(1)); err == nil {
		t.Error("unknown algorithm accepted")
	}
	if _, err := New("", make([]byte, 16)); err == nil {
		t.Error("16-byte key accepted")
	}
	if _, err := New("", nil); err == nil {
		t.Error("nil key accepted")
	}
}

func TestIndex(t *testing.T) {
	a1 := mustCipher(t, AES256GCM, testKey(1))
	a2 := mustCipher(t, AES256GCM, testKey(2))
	s1 := mustCipher(t, SM4GCM, testKey(1))
	id := "33012219850615123X"
	if a1.Index(id) != a1.Index(id) || a1.Index(id) != mustCipher(t, "", testKey(1)).Index(id) {
		t.Fatal("Index not deterministic")
	}
	if got := a1.Index(" 3301 2219 8506 15123ｘ "); got != a1.Index(id) {
		t.Fatal("Index does not normalise spaces, width and case")
	}
	if len(a1.Index(id)) != 64 || len(s1.Index(id)) != 64 {
		t.Fatalf("index lengths %d %d, want 64 hex", len(a1.Index(id)), len(s1.Index(id)))
	}
	if a1.Index(id) == a2.Index(id) {
		t.Fatal("Index equal under different keys")
	}
	if a1.Index(id) == s1.Index(id) {
		t.Fatal("Index equal for HMAC-SHA256 and HMAC-SM3")
	}
	if a1.Index(id) == a1.Index("330122198506151230") {
		t.Fatal("different values share an index")
	}
	if a1.Index("") != "" || a1.Index("  ") != "" {
		t.Fatal("empty value has an index")
	}
}

func TestKeyFromEnv(t *testing.T) {
	good := strings.Repeat("0123456789abcdef", 4)
	t.Setenv(KeyEnv, " "+good+"\n")
	key, err := KeyFromEnv()
	if err != nil || len(key) != KeySize {
		t.Fatalf("KeyFromEnv = %x, %v", key, err)
	}
	for _, tt := range []struct{ val, want string }{
		{"", "is not set"},
		{"abcd", "got 4 characters"},
		{strings.Repeat("zz", 32), "only hexadecimal"},
	} {
		t.Setenv(KeyEnv, tt.val)
		_, err := KeyFromEnv()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("KeyFromEnv(%q) = %v, want %q", tt.val, err, tt.want)
		}
		if err != nil && tt.val != "" && strings.Contains(err.Error(), tt.val) {
			t.Errorf("error reveals the key value: %v", err)
		}
	}
}

func TestGenerateKey(t *testing.T) {
	a, b := GenerateKey(), GenerateKey()
	if a == b {
		t.Fatal("two generated keys are equal")
	}
	if _, err := ParseKey(a); err != nil {
		t.Fatalf("generated key does not parse: %v", err)
	}
}

func TestDerivedKeysDiffer(t *testing.T) {
	master := testKey(7)
	enc, _ := deriveKey(master, false, AES256GCM, 32)
	idx, _ := deriveKey(master, false, "index-sha256", 32)
	sm4k, _ := deriveKey(master, true, SM4GCM, 16)
	if bytes.Equal(enc, idx) || bytes.Equal(enc, master) || bytes.Equal(sm4k, enc[:16]) {
		t.Fatal("derived keys are not separated")
	}
}

func TestCipherConcurrent(t *testing.T) {
	c := mustCipher(t, SM4GCM, testKey(3))
	done := make(chan error, 8)
	for range 8 {
		go func() {
			for range 50 {
				s, err := c.Seal("13812345678")
				if err == nil {
					_, err = c.Open(s)
				}
				_ = c.Index("13812345678")
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
