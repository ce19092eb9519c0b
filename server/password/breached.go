package password

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	_ "embed"
	"encoding/binary"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:generate go run ./internal/breachgen -o breached.bin

// breachedBin is a breached-password corpus of a million entries (962,000
// once folded; see internal/breachgen), as sorted 32-bit hashes, 1.9 MB:
// by chance a good password is refused about once in 2,700 (two lookups,
// the password and its stem), which costs its owner one more try.
//
//go:embed breached.bin
var breachedBin []byte

// breached is the decoded corpus, read on first use: a server that never
// sets a password does not pay for it.
var breached = sync.OnceValue(func() []uint32 {
	zr, err := gzip.NewReader(bytes.NewReader(breachedBin))
	if err != nil {
		panic("password: breached.bin: " + err.Error())
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		panic("password: breached.bin: " + err.Error())
	}
	var out []uint32
	prev := uint32(0)
	for len(raw) > 0 {
		gap, n := binary.Uvarint(raw)
		if n <= 0 {
			panic("password: breached.bin is corrupt")
		}
		prev += uint32(gap)
		out = append(out, prev)
		raw = raw[n:]
	}
	return out
})

// fold is how a password is compared with the corpus and with the
// account's words: NFKC (so full-width and ligature forms match) in lower
// case (lists hold one case; a capital does not make a password new).
func fold(pw string) string {
	return strings.ToLower(norm.NFKC.String(pw))
}

// BreachKey is the corpus's hash of an entry or candidate.
func BreachKey(pw string) uint32 {
	h := sha1.Sum([]byte(fold(pw)))
	return binary.BigEndian.Uint32(h[:4])
}

// isBreached reports whether the password, or the password less the digits
// and symbols added at either end (Summer2024!, !Changeme123), is in the
// corpus: those are the first variants an attacker's cracking rules try.
func isBreached(pw string) bool {
	list := breached()
	in := func(s string) bool {
		_, ok := slices.BinarySearch(list, BreachKey(s))
		return ok
	}
	if in(pw) {
		return true
	}
	stem := strings.TrimFunc(fold(pw), func(r rune) bool { return !unicode.IsLetter(r) })
	return stem != "" && in(stem)
}
