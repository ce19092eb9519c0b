// Package password hashes and checks passwords with argon2id.
package password

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"github.com/rolesconsole/console/shared/account"
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
	// MaxLen bounds a password's length in characters.
	MaxLen = account.PasswordMaxLength
)

// ErrMalformedHash is returned for a stored hash this package did not write.
var ErrMalformedHash = errors.New("password: malformed hash")

// Refusals of a new password, each the rest of a sentence ("The password
// must ...").
var (
	ErrCommon    = errors.New("is in lists of breached passwords, as it is or with digits or symbols added; choose another")
	ErrInvisible = errors.New("must not hold control or invisible characters")
	ErrPersonal  = errors.New("must not be made of your name, your email or the account's name")
	ErrRepeats   = errors.New("repeats too few different characters")
)

// Context is what a new password is judged against: the account's
// minimum length and the words an attacker tries first on this person.
type Context struct {
	// MinLength is the account policy's minimum, in characters; never
	// below account.PasswordMinLengthFloor.
	MinLength int
	// Name, Email and Account are the user's name and email and the
	// account's name.
	Name, Email, Account string
}

// Acceptable checks a new password (NIST 800-63B, OWASP ASVS 2.1): long
// enough for the account and at most MaxLen characters, no control or
// invisible characters, not in the breached corpus, not mostly the
// person's name, email or account name, not one character repeated.
// There are no composition rules.
func Acceptable(pw string, c Context) error {
	pw = norm.NFKC.String(pw)
	for _, r := range pw {
		if invisible(r) {
			return ErrInvisible
		}
	}
	switch n := utf8.RuneCountInString(pw); {
	case n < max(c.MinLength, account.PasswordMinLengthFloor):
		return fmt.Errorf("must be at least %d characters", max(c.MinLength, account.PasswordMinLengthFloor))
	case n > MaxLen:
		return fmt.Errorf("must be at most %d characters", MaxLen)
	}
	if distinct(pw) < 5 {
		return ErrRepeats
	}
	// A shorter password typed twice is only as strong as the shorter one.
	if u := unit(fold(pw)); u != "" && (utf8.RuneCountInString(u) < c.MinLength || isBreached(u)) {
		return ErrRepeats
	}
	if personal(pw, c) {
		return ErrPersonal
	}
	if isBreached(pw) {
		return ErrCommon
	}
	return nil
}

// invisible reports characters that show as nothing or move the cursor:
// a password of them cannot be typed again, and they hide a weak one.
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs, unicode.Zl, unicode.Zp,
		unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) || r == utf8.RuneError
}

// unit is the shortest string s repeats, "" when s is no repetition.
func unit(s string) string {
	r := []rune(s)
	for p := 1; p <= len(r)/2; p++ {
		if len(r)%p == 0 && slices.Equal(r[p:], r[:len(r)-p]) {
			return string(r[:p])
		}
	}
	return ""
}

func distinct(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}

// personal reports a password that, once the person's and the account's
// words are taken out, leaves fewer than 6 letters and digits: "Sam Smith
// 2024", "sam@clinic.example", "SunriseClinic!".
func personal(pw string, c Context) bool {
	rest := compact(pw)
	for _, w := range words(c) {
		rest = strings.ReplaceAll(rest, w, "")
	}
	return utf8.RuneCountInString(rest) < 6
}

// words are the compacted tokens of the context, longest first so that a
// whole name goes before its parts: each of at least 3 characters.
func words(c Context) []string {
	var out []string
	add := func(s string) {
		if w := compact(s); utf8.RuneCountInString(w) >= 3 {
			out = append(out, w)
		}
	}
	local, _, _ := strings.Cut(c.Email, "@")
	for _, s := range []string{c.Name, c.Email, local, c.Account} {
		add(s)
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			add(part)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// compact folds s and keeps its letters and digits.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, fold(s))
}

func hashWith(pw string, salt []byte, p Params) (string, error) {
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
	got := argon2.IDKey([]byte(norm.NFKC.String(pw)), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(key)))
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
