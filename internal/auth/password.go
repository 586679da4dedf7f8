package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: RFC 9106's second recommended option, sized for a
// 2-core server (about 30 ms per hash).
var (
	argonTime    uint32 = 2
	argonMemory  uint32 = 64 * 1024
	argonThreads uint8  = 2
)

const (
	argonKeyLen = 32
	saltLen     = 16
)

// CheapHashingForTests lowers the argon2id cost so test suites that create
// many accounts stay fast. The parameters are stored in each hash, so
// verification is unaffected. Never call it outside tests.
func CheapHashingForTests() {
	argonTime, argonMemory, argonThreads = 1, 1024, 1
}

// HashPassword returns a PHC-format argon2id hash.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime,
		argonThreads, b64(salt), b64(key)), nil
}

func b64(b []byte) string { return base64.RawStdEncoding.EncodeToString(b) }

// CheckPassword reports whether pw matches the stored hash, in constant time.
func CheckPassword(stored, pw string) bool {
	parts := strings.Split(stored, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// ErrWeakPassword wraps every policy failure; the message is for the user.
var ErrWeakPassword = errors.New("weak password")

// PolicyError explains which part of the policy a password fails.
type PolicyError struct{ Message string }

func (e *PolicyError) Error() string { return e.Message }
func (e *PolicyError) Unwrap() error { return ErrWeakPassword }

// MinPasswordLen is the policy's minimum length (等保 level 3 practice).
const MinPasswordLen = 10

// CheckPolicy enforces: at least 10 characters, 3 of 4 character classes
// (upper, lower, digit, other), and not containing the username.
func CheckPolicy(username, pw string) error {
	if len([]rune(pw)) < MinPasswordLen {
		return &PolicyError{fmt.Sprintf("密码至少需要 %d 个字符", MinPasswordLen)}
	}
	var up, low, dig, other int
	for _, r := range pw {
		switch {
		case unicode.IsUpper(r):
			up = 1
		case unicode.IsLower(r):
			low = 1
		case unicode.IsDigit(r):
			dig = 1
		default:
			other = 1
		}
	}
	if up+low+dig+other < 3 {
		return &PolicyError{"密码需包含大写字母、小写字母、数字、符号中的至少三类"}
	}
	u := strings.ToLower(strings.TrimSpace(username))
	if u != "" && strings.Contains(strings.ToLower(pw), u) {
		return &PolicyError{"密码不能包含用户名"}
	}
	return nil
}
