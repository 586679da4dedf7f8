package privacy

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"

	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// Algorithm names accepted by New (configuration values).
const (
	AES256GCM = "aes-256-gcm" // the default
	SM4GCM    = "sm4-gcm"     // GB/T 32907 SM4 in GCM mode, for deployments that require 国密
)

// Sealed values read "v1:<tag>:<base64(nonce|ciphertext|tag)>"; the tag names
// the algorithm, so values sealed before a configuration change stay readable.
const (
	sealVersion = "v1"
	tagAES      = "aesgcm"
	tagSM4      = "sm4gcm"
)

// ErrNotSealed is returned by Open for a value without the "v1:<alg>:" prefix,
// e.g. plaintext left from before encryption was introduced.
var ErrNotSealed = errors.New("privacy: value is not a sealed value")

// ErrDecrypt is returned by Open when authentication fails: the value was
// altered or sealed under another data key.
var ErrDecrypt = errors.New("privacy: sealed value cannot be opened (altered, or sealed with another data key)")

// Cipher seals personal data for storage and computes blind indexes. Both
// algorithms' keys are derived from the one data key (see deriveKey), so Open
// reads values of either algorithm whatever the configured one is. A Cipher is
// safe for concurrent use.
type Cipher struct {
	tag       string // algorithm of Seal and Index
	aeads     map[string]cipher.AEAD
	indexKey  []byte
	indexHash func() hash.Hash
}

// New builds a Cipher sealing with algorithm ("" means aes-256-gcm) from the
// 32-byte data key (KeyFromEnv).
func New(algorithm string, key []byte) (*Cipher, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("privacy: data key must be %d bytes, got %d", KeySize, len(key))
	}
	c := &Cipher{aeads: make(map[string]cipher.AEAD, 2)}
	switch strings.ToLower(strings.TrimSpace(algorithm)) {
	case "", AES256GCM:
		c.tag, c.indexHash = tagAES, sha256.New
	case SM4GCM:
		c.tag, c.indexHash = tagSM4, sm3.New
	default:
		return nil, fmt.Errorf("privacy: unknown algorithm %q (want %s or %s)", algorithm, AES256GCM, SM4GCM)
	}
	aesKey, err := deriveKey(key, false, AES256GCM, 32)
	if err != nil {
		return nil, err
	}
	sm4Key, err := deriveKey(key, true, SM4GCM, sm4.BlockSize)
	if err != nil {
		return nil, err
	}
	if c.aeads[tagAES], err = newGCM(aes.NewCipher, aesKey); err != nil {
		return nil, err
	}
	if c.aeads[tagSM4], err = newGCM(sm4.NewCipher, sm4Key); err != nil {
		return nil, err
	}
	if c.tag == tagSM4 {
		c.indexKey, err = deriveKey(key, true, "index-sm3", 32)
	} else {
		c.indexKey, err = deriveKey(key, false, "index-sha256", 32)
	}
	return c, err
}

func newGCM(block func([]byte) (cipher.Block, error), key []byte) (cipher.AEAD, error) {
	b, err := block(key)
	if err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	return cipher.NewGCM(b)
}

// Algorithm returns the configured algorithm name.
func (c *Cipher) Algorithm() string {
	if c.tag == tagSM4 {
		return SM4GCM
	}
	return AES256GCM
}

// Seal encrypts plaintext with a fresh random nonce. The empty string seals to
// the empty string, so optional columns stay empty.
func (c *Cipher) Seal(plaintext string) (string, error) {
	if plaintext == "" {
		return "", nil
	}
	aead := c.aeads[c.tag]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("privacy: nonce: %w", err)
	}
	header := sealVersion + ":" + c.tag
	out := aead.Seal(nonce, nonce, []byte(plaintext), []byte(header))
	return header + ":" + base64.StdEncoding.EncodeToString(out), nil
}

// Open decrypts a value produced by Seal under the same data key, with the
// algorithm named in its prefix. The empty string opens to the empty string.
func (c *Cipher) Open(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	version, rest, ok1 := strings.Cut(sealed, ":")
	tag, body, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 || version != sealVersion {
		return "", ErrNotSealed
	}
	aead, ok := c.aeads[tag]
	if !ok {
		return "", fmt.Errorf("privacy: sealed value uses unknown algorithm %q", tag)
	}
	raw, err := base64.StdEncoding.DecodeString(body)
	if err != nil || len(raw) < aead.NonceSize()+aead.Overhead() {
		return "", ErrDecrypt
	}
	n := aead.NonceSize()
	plain, err := aead.Open(nil, raw[:n], raw[n:], []byte(version+":"+tag))
	if err != nil {
		return "", ErrDecrypt
	}
	return string(plain), nil
}

// IsSealed reports whether s looks like a value produced by Seal (useful when
// encrypting a column that still holds plaintext rows).
func IsSealed(s string) bool {
	return strings.HasPrefix(s, sealVersion+":"+tagAES+":") || strings.HasPrefix(s, sealVersion+":"+tagSM4+":")
}

// Index returns a blind index of plaintext for exact-match lookups of sealed
// values: hex HMAC-SHA256 (HMAC-SM3 for sm4-gcm) under a key derived for this
// purpose, over the value with spaces dropped, full-width characters folded
// and letters upper-cased (so 身份证号 ending in x or X match). The empty
// string indexes to the empty string. Indexes depend on the data key and the
// configured algorithm: changing either requires recomputing stored indexes.
func (c *Cipher) Index(plaintext string) string {
	v := strings.ToUpper(compact(plaintext))
	if v == "" {
		return ""
	}
	m := hmac.New(c.indexHash, c.indexKey)
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))
}
