package privacy

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"strings"

	"github.com/emmansun/gmsm/sm3"
)

// KeyEnv names the environment variable holding the data key.
const KeyEnv = "FAZHI_DATA_KEY"

// KeySize is the size of the data key (the master key) in bytes.
const KeySize = 32

// Key derivation. The data key is never used directly: every purpose gets its
// own key from HKDF (RFC 5869) with an empty salt and a purpose label as info,
//
//	aes-256-gcm encryption  HKDF-SHA256(key, info "fazhi/privacy/v1/aes-256-gcm")  32 bytes
//	sm4-gcm encryption      HKDF-SM3   (key, info "fazhi/privacy/v1/sm4-gcm")      16 bytes
//	blind index (aes)       HKDF-SHA256(key, info "fazhi/privacy/v1/index-sha256") 32 bytes
//	blind index (sm4)       HKDF-SM3   (key, info "fazhi/privacy/v1/index-sm3")    32 bytes
//
// so one 32-byte secret serves both algorithms, and a leaked index key does not
// expose the encryption keys. HKDF-SM3 is HKDF with HMAC-SM3 (GB/T 32905) in
// place of HMAC-SHA256, keeping sm4 deployments on national algorithms.
const infoPrefix = "fazhi/privacy/v1/"

func deriveKey(master []byte, useSM3 bool, purpose string, size int) ([]byte, error) {
	h := sha256.New
	if useSM3 {
		h = sm3.New
	}
	return hkdf.Key[hash.Hash](h, master, nil, infoPrefix+purpose, size)
}

// KeyFromEnv reads the data key from FAZHI_DATA_KEY: 64 hexadecimal characters
// (32 bytes). The error never contains the value.
func KeyFromEnv() ([]byte, error) {
	v, ok := os.LookupEnv(KeyEnv)
	if !ok || strings.TrimSpace(v) == "" {
		return nil, errors.New("privacy: " + KeyEnv + " is not set; set it to 64 hexadecimal characters (32 random bytes), e.g. from `openssl rand -hex 32`, and keep it outside the database backups")
	}
	return ParseKey(v)
}

// ParseKey decodes a hex data key (surrounding spaces ignored).
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) != 2*KeySize {
		return nil, fmt.Errorf("privacy: %s must be %d hexadecimal characters (%d bytes), got %d characters", KeyEnv, 2*KeySize, KeySize, len(s))
	}
	key, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("privacy: %s must contain only hexadecimal characters 0-9 a-f", KeyEnv)
	}
	return key, nil
}

// GenerateKey returns a new random data key in the hex form FAZHI_DATA_KEY
// expects.
func GenerateKey() string {
	key := make([]byte, KeySize)
	rand.Read(key) // never fails since Go 1.24 (it crashes the program instead)
	return hex.EncodeToString(key)
}
