// Package password hashes and checks passwords with argon2id.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost settings. Defaults meet OWASP ASVS 4.0.3
// (m >= 19 MiB, t >= 2, p = 1).
type Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
}

// DefaultParams is what new hashes use.
var DefaultParams = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
	// MinLen and MaxLen bound a password's length in characters (NIST 800-63B).
	MinLen = 8
	MaxLen = 128
)

// ErrMalformedHash is returned for a stored hash this package did not write.
var ErrMalformedHash = errors.New("password: malformed hash")

// Validate checks a new password's length; there are no composition rules.
func Validate(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinLen:
		return fmt.Errorf("must be at least %d characters", MinLen)
	case n > MaxLen:
		return fmt.Errorf("must be at most %d characters", MaxLen)
	}
	return nil
}

// Hash returns a PHC-formatted argon2id hash of pw with a fresh salt, or
// ErrBusy.
func Hash(pw string) (string, error) {
	return hashWith(pw, DefaultParams)
}

func hashWith(pw string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	if err := hashing.enter(); err != nil {
		return "", err
	}
	defer hashing.leave()
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether pw matches hash, in time that does not depend on
// where the two differ. ErrBusy tells nothing about the password: callers
// pass it on rather than answer "wrong password".
func Verify(pw, hash string) (bool, error) {
	if err := hashing.enter(); err != nil {
		return false, err
	}
	defer hashing.leave()
	return verify(pw, hash)
}

func verify(pw, hash string) (bool, error) {
	p, salt, key, err := decode(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

func decode(hash string) (Params, []byte, []byte, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return Params{}, nil, nil, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return Params{}, nil, nil, ErrMalformedHash
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return Params{}, nil, nil, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return Params{}, nil, nil, ErrMalformedHash
	}
	return p, salt, key, nil
}
